"""Addresses in an exported site: where each page is written, and links made relative so the copy works anywhere.

Every page at `/es/a/b/` is written as `es/a/b/index.html` and linked as `…/index.html`, because a browser reading
files (file://) shows no folder's index by itself. Links are relative, so the copy also works from any sub-path of a
web server. These functions only compute; the exporter decides what exists.
"""

import hashlib
import posixpath
import re
from urllib.parse import quote, unquote, urljoin, urlsplit

# Attributes that hold one address, and those that hold a list of them (srcset: "a.png 1x, b.png 2x").
URL_ATTRIBUTES = ("href", "src", "action", "poster")
SRCSET_ATTRIBUTES = ("srcset",)
# Elements whose addresses are followed, for a CSS selector.
LINKED = ",".join(f"[{name}]" for name in (*URL_ATTRIBUTES, *SRCSET_ATTRIBUTES, "style"))
CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<url>[^'")]*?)(?P=quote)\s*\)""", re.IGNORECASE)
# A name that already carries a content hash, as Django's manifest storage writes it: site.0123456789ab.css.
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[^./]+$")
# srcset candidates: an address, then an optional width or density descriptor.
SRCSET_CANDIDATE = re.compile(r"\s*(?P<url>[^\s,][^\s]*?)(?P<descriptor>\s+[^,]*)?\s*(?:,|$)")


def page_file(path: str) -> str:
    """The file that holds the page at the (percent-decoded) site path: '/es/a/' -> 'es/a/index.html'."""
    folder = path.strip("/")
    return f"{folder}/index.html" if folder else "index.html"


def asset_file(path: str) -> str:
    """The file that holds an asset at the site path: '/static/frontends/site.css' -> 'static/frontends/site.css'."""
    return path.lstrip("/")


def hashed_file(path: str, content: bytes) -> str:
    """The file of an asset named after its content, so that a mirror may cache it for ever:
    '/static/frontends/site.css' -> 'static/frontends/site.0123456789ab.css' (a name with a hash is kept)."""
    file = asset_file(path)
    if HASHED_NAME.search(file):
        return file
    folder, name = posixpath.split(file)
    stem, dot, extension = name.rpartition(".")
    digest = hashlib.md5(content, usedforsecurity=False).hexdigest()[:12]
    hashed = f"{stem}.{digest}.{extension}" if dot and stem else f"{name}.{digest}"
    return posixpath.join(folder, hashed)


def relative(from_file: str, to_file: str, query: str = "", fragment: str = "") -> str:
    """A percent-encoded address of `to_file` as seen from `from_file` (both relative to the export's root)."""
    if to_file == from_file:
        address = posixpath.basename(to_file)
    else:
        address = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    address = quote(address, safe="/")
    if query:
        address += f"?{query}"
    if fragment:
        address += f"#{fragment}"
    return address


def internal_path(url: str, page_path: str, host: str) -> tuple[str, str, str] | None:
    """(decoded path, query, fragment) of an address on the exported site, seen from the page at `page_path`.

    None for addresses that stay as they are: fragments of the same page, other sites, mailto: and the like.
    """
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    parts = urlsplit(urljoin(f"https://{host}{page_path}", url))
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != host:
        return None
    return unquote(parts.path) or "/", parts.query, parts.fragment


def rewrite_srcset(value: str, rewrite) -> str:
    """Each address of a srcset passed through `rewrite` (which returns the new address, or None to drop it)."""
    candidates = []
    for match in SRCSET_CANDIDATE.finditer(value):
        if not match.group("url"):
            continue
        address = rewrite(match.group("url"))
        if address is not None:
            candidates.append(address + (match.group("descriptor") or "").rstrip())
    return ", ".join(candidates)


def rewrite_css(css: str, rewrite) -> str:
    """Every url(…) of a style passed through `rewrite`; one that is dropped becomes url() (loads nothing)."""

    def replace(match: re.Match) -> str:
        address = rewrite(match.group("url"))
        return f'url("{address}")' if address is not None else "url()"

    return CSS_URL.sub(replace, css)


def css_urls(css: str) -> list[str]:
    return [match.group("url") for match in CSS_URL.finditer(css) if match.group("url")]


def srcset_urls(value: str) -> list[str]:
    return [match.group("url") for match in SRCSET_CANDIDATE.finditer(value) if match.group("url")]
