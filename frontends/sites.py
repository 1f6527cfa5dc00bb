"""One site per language: which language and handbook path a request is for, and the address of any page.

By default every language is served under /<language>/. A host name mapped to a language (FRONTENDS_HOSTS)
serves that language at its root instead; links to other languages then go to their own host, or to
FRONTENDS_BASE_URL for languages served under a prefix.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from frontends import conf

LANGUAGE_RANGE = re.compile(r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def parse_accept_language(header: str) -> list[str]:
    """Language ranges of an Accept-Language header, most wanted first; refused (q=0) and malformed ones dropped."""
    ranges = []
    for position, part in enumerate(header.split(",")[:50]):
        match = LANGUAGE_RANGE.match(part)
        if not match:
            continue
        try:
            quality = float(match.group(2)) if match.group(2) is not None else 1.0
        except ValueError:
            continue
        if quality > 0:
            ranges.append((-quality, position, match.group(1).lower()))
    return [tag for _quality, _position, tag in sorted(ranges)]


def negotiate(accept_language: str, cookie: str | None, available: list[str], default: str) -> str:
    """The reader's choice (cookie) if it is a site's language, else the best Accept-Language match, else default."""
    if cookie in available:
        return cookie
    for tag in parse_accept_language(accept_language or ""):
        if tag == "*":
            return default
        if tag in available:
            return tag
        primary = tag.split("-")[0]
        if primary in available:
            return primary
    return default


def remember_language(response, lang: str):
    """Set the language cookie, so `/` and the account pages speak the reader's last choice."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        lang,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 60 * 60,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )
    return response


def host_language(host: str, hosts: dict[str, str]) -> str | None:
    """The language a host name serves at its root, if it is mapped (with or without its port)."""
    host = host.lower()
    return hosts.get(host) or hosts.get(split_domain_port(host)[0])


def locate(path: str, host_lang: str | None, languages: list[str]) -> tuple[str, str] | None:
    """('es', '/a/b/') for '/es/a/b/' (or for '/a/b/' on a Spanish host); None when no language site has it."""
    if host_lang:
        return host_lang, path
    first, _, rest = path.lstrip("/").partition("/")
    if first in languages:
        return first, "/" + rest
    return None


class SiteUrls:
    """Addresses of pages in every language, as seen from the current request."""

    def __init__(self, request):
        self.request = request
        self.hosts = conf.hosts()
        self.host = request.get_host().lower()
        self.host_lang = host_language(self.host, self.hosts)
        self.root = reverse("frontends:home")

    def locate(self, path: str | None = None) -> tuple[str, str] | None:
        path = self.request.path_info if path is None else path
        return locate(path, self.host_lang, conf.languages())

    def language_host(self, lang: str) -> str | None:
        return next((host for host, code in self.hosts.items() if code == lang), None)

    def page(self, lang: str, path: str = "/") -> str:
        """The page at `path` in `lang`'s handbook: relative on the same site, absolute on another host."""
        path = path if path.startswith("/") else "/" + path
        host = self.language_host(lang)
        if host is not None:
            url = iri_to_uri(self.root + path.lstrip("/"))
            return url if lang == self.host_lang else f"{self.request.scheme}://{host}{url}"
        url = f"{self.root}{lang}{path}"
        if self.host_lang and conf.base_url():
            return conf.base_url() + iri_to_uri(url)
        return iri_to_uri(url)

    def absolute(self, lang: str, path: str = "/") -> str:
        return self.request.build_absolute_uri(self.page(lang, path))

    def switch(self, lang: str, page_id: str | None = None, to: str | None = None) -> str:
        """The language switch: remembers the choice, then shows this page (or its fallback) in `lang`; `to`
        names a page of the whole site instead (`/glossary/`, `/code-of-conduct/1.0/`), which every language has."""
        url = reverse("frontends:language", args=[lang])
        if page_id:
            return f"{url}?page={page_id}"
        return f"{url}?{urlencode({'to': to})}" if to else url
