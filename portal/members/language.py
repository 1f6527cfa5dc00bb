"""Which language a member's own pages speak, and how their choice is remembered.

The account pages are served under a language site's prefix (/es/account/...) or without one (/account/...).
Without a prefix they speak the language of the host's site, else the reader's last choice (the language cookie),
else the signed-in member's preferred language, else what the browser asks for.
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation

from frontends.sites import SiteUrls
from portal.members.models import member_of


def configured_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def account_language(request, lang: str | None = None) -> str:
    codes = configured_languages()
    if lang is not None:
        if lang not in codes:
            raise Http404("Not a language of this portal.")
        return lang
    host_lang = SiteUrls(request).host_lang
    if host_lang:
        return host_lang
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in codes:
        return cookie
    member = member_of(getattr(request, "user", None))
    if member is not None and member.preferred_language in codes:
        return member.preferred_language
    return translation.get_language_from_request(request)


def activate(request, lang: str) -> None:
    """UI strings in `lang` (LocaleMiddleware then answers with it as Content-Language)."""
    translation.activate(lang)
    request.LANGUAGE_CODE = lang


def language_home(request, lang: str) -> str:
    """The handbook's first page on `lang`'s readers' site."""
    return SiteUrls(request).page(lang, "/")
