"""What every reader's view shares: which language the reader reads in."""

from django.conf import settings
from django.utils import translation

from frontends import conf
from frontends.sites import SiteUrls, negotiate


def reader_language(request, urls: SiteUrls) -> str:
    """The language of the site the path belongs to; elsewhere the reader's choice, or what the browser asks for."""
    located = urls.locate()
    if located is not None:
        return located[0]
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return negotiate(request.headers.get("Accept-Language", ""), cookie, conf.languages(), conf.default_language())


def use_language(request, lang: str) -> None:
    """UI strings in the site's language (LocaleMiddleware then sends it as Content-Language)."""
    translation.activate(lang)
    request.LANGUAGE_CODE = lang
