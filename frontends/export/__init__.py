"""Static export of the readers' sites (`manage.py export_site`): every public page of one language or all, with
relative links, the assets they use, an offline search and a front page listing the languages.

crawl.py reads the sites through their own views and writes the files, links.py computes addresses, search_index.py
makes the offline search's index and output.py puts the result in place.
"""

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from django.utils import translation

from frontends import conf
from frontends.export.context import anonymous_transport, export_templates
from frontends.export.crawl import HOST, SiteCrawl
from frontends.export.output import ExportError, Installed, building_folder, check_output, install

__all__ = ["ExportError", "LanguageExport", "SiteExport", "export_site"]


@dataclass
class LanguageExport:
    code: str
    pages: int  # handbook pages
    files: int
    bytes: int
    seconds: float


@dataclass
class SiteExport:
    output: Path
    languages: list[LanguageExport]
    files: int
    bytes: int
    seconds: float
    installed: Installed
    dropped: dict[str, int] = field(default_factory=dict)  # addresses left out, with how many links pointed there


def chosen_languages(requested: list[str] | None) -> list[str]:
    available = conf.languages()
    if not requested:
        return available
    codes = list(dict.fromkeys(code.strip() for item in requested for code in item.split(",") if code.strip()))
    unknown = [code for code in codes if code not in available]
    if unknown or not codes:
        raise ExportError(f"Unknown language {', '.join(unknown) or '(none)'}; the sites have {', '.join(available)}.")
    return [code for code in available if code in codes]  # in the sites' order


def export_site(output: Path, languages: list[str] | None = None) -> SiteExport:
    """Export `languages` (default: all) into the folder `output`, replacing an earlier export there."""
    codes = chosen_languages(languages)
    output = Path(output)
    check_output(output)
    started = time.perf_counter()
    folder = building_folder(output)
    try:
        # Every language under /<language>/ on one made-up host, whatever hosts the live sites have; templates
        # told to leave out what needs a server; no credentials; no page cache (each page is read once, and the
        # shared cache is not to fill with pages of a host no reader asks for).
        overrides = {"ALLOWED_HOSTS": [*settings.ALLOWED_HOSTS, HOST], "FRONTENDS_HOSTS": {}, "FRONTENDS_BASE_URL": ""}
        overrides |= {"FRONTENDS_PAGE_CACHE_SECONDS": 0}
        overrides |= {"TEMPLATES": export_templates(), "FRONTENDS_TRANSPORT": anonymous_transport()}
        with override_settings(**overrides):
            with translation.override(None):
                crawl = SiteCrawl(codes, folder)
                crawl.crawl()
                crawl.write_all()
        per_language = [language_export(folder, code, crawl) for code in codes]
        total_files = sum(1 for path in folder.rglob("*") if path.is_file())
        total_bytes = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        installed = install(folder, output)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return SiteExport(
        output=output,
        languages=per_language,
        files=total_files,
        bytes=total_bytes,
        seconds=time.perf_counter() - started,
        installed=installed,
        dropped=dict(crawl.dropped.most_common()),
    )


def language_export(folder: Path, code: str, crawl: SiteCrawl) -> LanguageExport:
    files = [path for path in (folder / code).rglob("*") if path.is_file()]
    return LanguageExport(
        code=code,
        pages=len(crawl.handbook_pages[code]),
        files=len(files),
        bytes=sum(path.stat().st_size for path in files),
        seconds=crawl.seconds[code],
    )
