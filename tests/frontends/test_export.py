"""The static export (manage.py export_site): the readers' sites as files that work from any sub-path and from disk.

The small demo (en, es, ar content; fr and de served from fallbacks) is loaded once for the module, with a draft
revision, a draft governance version and the members-only register as canaries, and exported in all five languages.
"""

import functools
import http.server
import io
import json
import re
import threading
import urllib.request
from datetime import date
from pathlib import Path
from unittest import mock
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import requests
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from selectolax.lexbor import LexborHTMLParser

from cms.demo.loader import DemoLoader, translation_key
from cms.governance.models import DocumentKind, GovernanceVersion
from frontends.export import ExportError, export_site
from frontends.export.output import MANIFEST
from frontends.export.search_index import read_index_script
from tests.conftest import SMALL_DEMO
from tests.frontends.test_transport import through_the_api

LANGUAGES = ["en", "es", "fr", "de", "ar"]
# Every public page of the small demo in English, as files (the register of members is for members only).
ENGLISH_PAGES = [
    "en/index.html",
    "en/welcome/index.html",
    "en/1-principles/index.html",
    "en/1-principles/principles/index.html",
    "en/1-principles/principles/spaces/index.html",
    "en/1-principles/principles/privacy-policy/index.html",
    "en/1-principles/commoning/index.html",
    "en/2-political-economy/index.html",
    "en/2-political-economy/political-economy/index.html",
    "en/8-terminology/index.html",
    "en/8-terminology/terminology/index.html",
    "en/8-terminology/terminology/bbb-big-blue-button/index.html",
]
SITE_PAGES = [
    "search/index.html",
    "glossary/index.html",
    "code-of-conduct/index.html",
    "code-of-conduct/1.0/index.html",  # an earlier version
    "code-of-conduct/compare/1.0/2.0/index.html",  # the difference between the two
    "privacy-policy/index.html",
]
# Nothing of these may reach an export: the members-only page, a draft revision, a draft governance version.
CANARIES = ["Register of members", "register-of-members", "The register lists every member", "CANARY"]
HASHED_ASSET = re.compile(r"^static/frontends/[a-z-]+\.[0-9a-f]{12}\.(css|js)$")


def load_small_demo_with_canaries():
    DemoLoader(SMALL_DEMO).run()
    from django.db import connection

    callbacks = connection.run_on_commit[:]  # wagtail-localize publishes translations when the load commits
    connection.run_on_commit.clear()
    for _savepoints, callback, _robust in callbacks:
        callback()
    from wagtail.models import Page

    spaces = Page.objects.get(translation_key=translation_key("page", "spaces"), locale__language_code="en")
    spaces = spaces.specific
    spaces.title = "CANARY draft title"
    spaces.save_revision()  # a draft: readers keep the published page
    english = spaces.locale
    GovernanceVersion.objects.create(
        kind=DocumentKind.CODE_OF_CONDUCT,
        version_label="2.5",
        effective_date=date(2025, 7, 1),
        change_summary="CANARY draft version",
        body=[{"type": "paragraph", "value": "<p>CANARY draft version</p>"}],
        locale=english,
        translation_key=translation_key("governance", "canary"),
        live=False,
    )


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker, compiled_catalogs, tmp_path_factory):
    """The small demo exported in every language into <tmp>/mirror/handbook; the export's report.

    The database is rolled back as soon as the files are written: the tests read only files.
    """
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            load_small_demo_with_canaries()
            cache.clear()
            result = export_site(tmp_path_factory.mktemp("export") / "mirror" / "handbook")
            transaction.set_rollback(True)
    cache.clear()
    return result


def files_of(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def addresses(tree) -> list[str]:
    found = []
    for node in tree.css("[href], [src], [action]"):
        found += [node.attributes[name] for name in ("href", "src", "action") if node.attributes.get(name)]
    return found


def check_links(folder: Path) -> int:
    """Every address in every page is relative and leads to a file of the export (and to an id there, for a
    fragment), or to another site; returns how many were checked."""
    checked = 0
    ids: dict[Path, set[str]] = {}
    for page in html_files(folder):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for address in addresses(tree):
            parts = urlsplit(address)
            if parts.scheme in ("http", "https", "mailto"):
                assert parts.netloc != "export.invalid", (page, address)
                continue
            assert not parts.scheme and not parts.netloc and not address.startswith("/"), (page, address)
            if not parts.path:  # a fragment of the page itself
                target = page
            else:
                assert parts.path.endswith((".html", ".css", ".js", ".svg", ".png", ".jpg", ".webp")), (page, address)
                target = (page.parent / unquote(parts.path)).resolve()
                assert target.is_file(), (page, address)
                assert folder.resolve() in target.parents, (page, address)
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {node.id for node in LexborHTMLParser(target.read_text()).css("[id]")}
                assert unquote(parts.fragment) in ids[target], (page, address)
            checked += 1
    return checked


# All five languages


def test_every_public_page_of_every_language_is_a_file(exported):
    files = files_of(exported.output)
    assert set(ENGLISH_PAGES) <= files
    assert "index.html" in files and MANIFEST in files
    for code in LANGUAGES:
        assert {f"{code}/{page}" for page in SITE_PAGES} <= files, code
        assert f"{code}/search/search-index.js" in files
        pages = {name for name in files if name.startswith(f"{code}/") and name.endswith(".html")}
        # The handbook's index, its 11 public pages and the site pages; the Spanish book has Spanish addresses.
        assert len(pages) == len(ENGLISH_PAGES) + len(SITE_PAGES), (code, sorted(pages))
    assert "es/1-principios/principios/espacios/index.html" in files
    assert [language.code for language in exported.languages] == LANGUAGES
    assert all(language.pages == len(ENGLISH_PAGES) for language in exported.languages)
    assert exported.files == len(files) - 1  # all but the manifest
    assert exported.bytes == sum((exported.output / name).stat().st_size for name in files if name != MANIFEST)


def test_every_link_is_relative_and_leads_to_a_file_of_the_export(exported):
    assert check_links(exported.output) > 1000


def test_links_to_pages_name_their_index_html_for_file_urls(exported):
    spaces = LexborHTMLParser((exported.output / "es/1-principios/principios/espacios/index.html").read_text())
    assert spaces.css_first("header .site-title").attributes["href"] == "../../../index.html"
    assert spaces.css_first("nav.pager a[rel=prev]").attributes["href"] == "../index.html"
    assert spaces.css_first("nav.pager a[rel=next]").attributes["href"] == "../privacy-policy/index.html"
    switcher = {a.attributes["hreflang"]: a.attributes["href"] for a in spaces.css("nav.languages a")}
    assert switcher["en"] == "../../../../en/1-principles/principles/spaces/index.html"
    assert switcher["es"] == "index.html"
    footer = [a.attributes["href"] for a in spaces.css("footer nav.site-links a")]
    assert footer == [
        "../../../glossary/index.html",
        "../../../code-of-conduct/index.html",
        "../../../privacy-policy/index.html",
    ]
    assert spaces.css_first("header form[role=search]").attributes["action"] == "../../../search/index.html"
    # From a page served from English, the switch leads to the page in each language, as on the live site.
    french = LexborHTMLParser((exported.output / "fr/1-principles/principles/spaces/index.html").read_text())
    switcher = {a.attributes["hreflang"]: a.attributes["href"] for a in french.css("nav.languages a")}
    assert switcher["es"] == "../../../../es/1-principios/principios/espacios/index.html"
    assert switcher["fr"] == "index.html"
    # The glossary switches to each language's glossary, as on the live site.
    glossary = LexborHTMLParser((exported.output / "es/glossary/index.html").read_text())
    switcher = {a.attributes["hreflang"]: a.attributes["href"] for a in glossary.css("nav.languages a")}
    assert switcher == {
        code: "index.html" if code == "es" else f"../../{code}/glossary/index.html" for code in LANGUAGES
    }


def test_no_members_only_or_draft_content_in_any_file(exported):
    for name in files_of(exported.output):
        text = (exported.output / name).read_text(encoding="utf-8")
        for canary in CANARIES:
            assert canary not in text, (name, canary)
    # The published page is there, as readers see it.
    spaces = (exported.output / "en/1-principles/principles/spaces/index.html").read_text()
    assert "<h1>Spaces</h1>" in spaces


def test_the_export_has_what_needs_a_server_left_out(exported):
    for page in html_files(exported.output):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        # Only the search forms remain, which lead to the offline search page with ?q=.
        for form in tree.css("form"):
            action = (page.parent / form.attributes["action"]).resolve()
            assert form.attributes.get("method") == "get", page
            assert action.parent.name == "search" and action.name == "index.html", page
        assert tree.css_first("nav.account") is None and tree.css_first(".feedback") is None, page
    # Sign-in links are the addresses left out; nothing that readers could read.
    assert set(exported.dropped) == {f"/{code}/account/sign-in/" for code in LANGUAGES}


def test_glossary_and_governance_documents_with_earlier_versions(exported):
    glossary = LexborHTMLParser((exported.output / "en/glossary/index.html").read_text())
    assert "BBB - Big Blue Button" in glossary.css_first("main").text()
    code = LexborHTMLParser((exported.output / "en/code-of-conduct/index.html").read_text())
    assert "Be kind in every space, recorded or not." in code.css_first("main").text()
    earlier = [a.attributes["href"] for a in code.css("main a") if a.attributes.get("href", "").startswith("1.0/")]
    assert earlier == ["1.0/index.html"]
    first = LexborHTMLParser((exported.output / "en/code-of-conduct/1.0/index.html").read_text())
    assert "Be kind in every space." in first.css_first("main").text()
    compared = (exported.output / "en/code-of-conduct/compare/1.0/2.0/index.html").read_text()
    assert "<ins" in compared or "<del" in compared
    # A term used in a page links to its entry in the glossary of the export.
    principles = LexborHTMLParser((exported.output / "en/1-principles/principles/index.html").read_text())
    term = principles.css_first("main a.glossary-term")
    assert term.attributes["href"] == "../../glossary/index.html#term-bbb-big-blue-button"


def test_assets_are_copied_with_hashed_names(exported):
    assets = sorted(name for name in files_of(exported.output) if name.startswith("static/"))
    assert len(assets) == 3 and all(HASHED_ASSET.match(name) for name in assets), assets
    stylesheet = next(name for name in assets if name.endswith(".css"))
    spaces = LexborHTMLParser((exported.output / "es/1-principios/principios/espacios/index.html").read_text())
    assert spaces.css_first("link[rel=stylesheet]").attributes["href"] == f"../../../../{stylesheet}"
    assert spaces.css_first("script") is None  # no glossary term in its text
    # A page whose text links a glossary term loads the script that closes the definition with Escape.
    glossary_script = next(name for name in assets if name.startswith("static/frontends/glossary."))
    principles = LexborHTMLParser((exported.output / "es/1-principios/principios/index.html").read_text())
    assert [(script.attributes["src"], "defer" in script.attributes) for script in principles.css("script")] == [
        (f"../../../{glossary_script}", True)
    ]


def test_the_front_page_lists_each_language_with_its_handbook(exported):
    front = LexborHTMLParser((exported.output / "index.html").read_text())
    links = {a.attributes["hreflang"]: a for a in front.css("main a")}
    assert list(links) == LANGUAGES
    assert links["es"].attributes["href"] == "es/index.html"
    assert links["ar"].attributes["dir"] == "rtl"
    assert links["es"].css_first(".language-name").text() == "Español"


def test_the_search_page_runs_offline_and_says_when_javascript_is_off(exported):
    search = LexborHTMLParser((exported.output / "es/search/index.html").read_text())
    scripts = [script.attributes["src"] for script in search.css("script")]
    assert scripts[0] == "search-index.js"
    assert re.fullmatch(r"\.\./\.\./static/frontends/offline-search\.[0-9a-f]{12}\.js", scripts[1])
    assert search.css_first("noscript") is not None
    assert "JavaScript" in (exported.output / "es/search/index.html").read_text().split("<noscript>")[1]
    index = read_index_script((exported.output / "es/search/search-index.js").read_text())
    assert index["lang"] == "es"
    pages = {page["title"]: page for page in index["pages"]}
    assert pages["Espacios"]["url"] == "../1-principios/principios/espacios/index.html"
    assert not pages["Espacios"]["fallback"]
    assert "Nuestros espacios son salas" in pages["Espacios"]["text"]
    assert pages["Commoning"]["fallback"] and pages["Commoning"]["locale"] == "en"
    assert list(index["marks"]) == ["en"] and index["marks"]["en"].startswith("Aún sin traducir: en ")
    # The index holds every page of the Spanish sidebar, and no other.
    home = LexborHTMLParser((exported.output / "es/index.html").read_text())
    sidebar = [a.text(strip=True) for a in home.css("nav.sidebar a")]
    assert sorted(page["title"] for page in index["pages"]) == sorted(sidebar)
    assert len(sidebar) == len(ENGLISH_PAGES) - 1  # the contents page is not an entry


def test_the_copy_works_from_a_sub_path_of_a_web_server(exported):
    """Served at /mirror/handbook/ by a plain file server, every file is reached from the front page by links."""
    root = exported.output.parent.parent
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/mirror/handbook/"
        reached = crawl(base + "index.html", base)
    finally:
        server.shutdown()
        server.server_close()
    expected = files_of(exported.output) - {MANIFEST}
    assert {address.removeprefix(base) for address in reached} == expected


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def crawl(start: str, base: str) -> set[str]:
    """Every address under `base` reached by links from `start` (at most 1000 requests, 5 s each)."""
    seen, pending = {start}, [start]
    while pending:
        assert len(seen) < 1000
        address = pending.pop()
        with urllib.request.urlopen(address, timeout=5) as response:  # noqa: S310 (a local server of this test)
            assert response.status == 200, address
            body = response.read()
        if not address.endswith(".html"):
            continue
        for link in addresses(LexborHTMLParser(body.decode())):
            found = urljoin(address, link).split("#")[0].split("?")[0]
            if found.startswith(base) and found not in seen:
                seen.add(found)
                pending.append(found)
    return {unquote(address) for address in seen}


# One language, the command, exporting again


def test_one_language_links_to_no_other(small_demo, tmp_path):
    result = export_site(tmp_path / "es", ["es"])
    files = files_of(tmp_path / "es")
    assert {name.split("/")[0] for name in files} == {"es", "static", "index.html", MANIFEST}
    assert [language.code for language in result.languages] == ["es"]
    check_links(tmp_path / "es")
    spaces = LexborHTMLParser((tmp_path / "es/es/1-principios/principios/espacios/index.html").read_text())
    assert [a.attributes["hreflang"] for a in spaces.css("nav.languages a")] == ["es"]
    assert [link.attributes["hreflang"] for link in spaces.css("link[rel=alternate]")] == ["es"]
    # The notice still names the original, as text: it is not in this export.
    notice = spaces.css_first(".notice-outdated")
    assert notice is not None and notice.css_first("a") is None
    assert "/en/1-principles/principles/spaces/" in result.dropped


def test_the_command_exports_and_exports_again_into_the_same_folder(small_demo, tmp_path):
    output = tmp_path / "site"
    out = io.StringIO()
    call_command("export_site", output=output, stdout=out)
    assert "Exported en (12 pages), es (12 pages), fr (12 pages), de (12 pages), ar (12 pages)" in out.getvalue()
    assert (output / "de/glossary/index.html").is_file()

    out = io.StringIO()
    call_command("export_site", output=output, languages=["ar,es"], stdout=out)
    assert "Exported es (12 pages), ar (12 pages)" in out.getvalue()
    assert "removed" in out.getvalue()
    assert not (output / "de").exists() and not (output / "en").exists()
    assert (output / "ar/glossary/index.html").is_file()
    assert files_of(output) - {MANIFEST} == set(read_manifest(output))


def read_manifest(output: Path) -> list[str]:
    return json.loads((output / MANIFEST).read_text())["files"]


def test_the_command_refuses_unknown_languages_and_folders_with_other_files(small_demo, tmp_path):
    with pytest.raises(CommandError, match="Unknown language xx"):
        call_command("export_site", output=tmp_path / "a", languages=["xx"])
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="not empty"):
        export_site(other, ["es"])
    assert files_of(other) == {"notes.txt"}
    assert not [path for path in tmp_path.iterdir() if "building" in path.name]  # nothing left beside it


def test_an_http_transport_exports_without_its_token(small_demo, tmp_path):
    """A front end apart from the CMS may hold a member's token: the export reads as the public all the same."""
    headers_sent = []
    api = through_the_api(Client())

    def post(session, url, json, headers, timeout):
        headers_sent.append(headers)
        return api(session, url, json, headers, timeout)

    options = {"url": "http://cms/graphql/", "token": "a-members-token"}
    with (
        override_settings(FRONTENDS_TRANSPORT={"BACKEND": "frontends.transport.HttpTransport", "OPTIONS": options}),
        mock.patch.object(requests.Session, "post", post),
    ):
        export_site(tmp_path / "out", ["en"])
    assert headers_sent and not any("Authorization" in headers for headers in headers_sent)
    files = files_of(tmp_path / "out")
    assert set(ENGLISH_PAGES) <= files
    assert not any("register-of-members" in (tmp_path / "out" / name).read_text() for name in files)


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_images_are_copied_beside_the_pages_with_hashed_names(
    small_demo, tmp_path, settings, django_capture_on_commit_callbacks
):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path / "media"
    image = get_image_model().objects.create(title="Rooms", file=ImageFile(io.BytesIO(png()), name="rooms.png"))
    spaces = small_demo.page("spaces")
    spaces.body.append(("image", {"image": image, "alt_text": "Our rooms", "caption": "The rooms"}))
    with django_capture_on_commit_callbacks(execute=True):
        spaces.save_revision().publish()

    export_site(tmp_path / "out", ["en"])
    page = tmp_path / "out/en/1-principles/principles/spaces/index.html"
    img = LexborHTMLParser(page.read_text()).css_first("main figure img")
    assert img.attributes["alt"] == "Our rooms"
    src = img.attributes["src"]
    assert re.fullmatch(r"(\.\./){4}media/\S+\.[0-9a-f]{12}\.png", src), src
    assert (page.parent / src).read_bytes().startswith(b"\x89PNG")
    check_links(tmp_path / "out")


def test_a_failed_export_leaves_the_previous_one_whole(small_demo, tmp_path):
    output = tmp_path / "site"
    export_site(output, ["es"])
    before = {name: (output / name).read_bytes() for name in files_of(output)}
    with (
        override_settings(FRONTENDS_TRANSPORT={"BACKEND": "tests.frontends.test_transport.DownTransport"}),
        pytest.raises(ExportError, match="could not answer for es"),
    ):
        export_site(output, ["es"])
    assert {name: (output / name).read_bytes() for name in files_of(output)} == before
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # no half-built folder beside it
