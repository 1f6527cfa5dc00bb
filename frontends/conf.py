"""The front ends' settings, with defaults, read in one place.

FRONTENDS_TRANSPORT   {"BACKEND": dotted path, "OPTIONS": {...}}: how GraphQL documents reach the API
FRONTENDS_LANGUAGES   language codes of the sites, default first (default: the codes of LANGUAGES)
FRONTENDS_HOSTS       {"es.example.coop": "es"}: host names that serve one language at their root
FRONTENDS_BASE_URL    where the languages without a host of their own are served, for links from language hosts
FRONTENDS_PAGE_CACHE_SECONDS  how long anonymous readers' pages stay cached (default 3600; 0 turns the cache off)
"""

from django.conf import settings

IN_PROCESS = {"BACKEND": "frontends.transport.InProcessTransport", "OPTIONS": {}}


def transport_config() -> dict:
    return getattr(settings, "FRONTENDS_TRANSPORT", None) or IN_PROCESS


def languages() -> list[str]:
    return list(getattr(settings, "FRONTENDS_LANGUAGES", None) or [code for code, _name in settings.LANGUAGES])


def default_language() -> str:
    codes = languages()
    return settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in codes else codes[0]


def hosts() -> dict[str, str]:
    return {host.lower(): code for host, code in getattr(settings, "FRONTENDS_HOSTS", {}).items()}


def base_url() -> str:
    return getattr(settings, "FRONTENDS_BASE_URL", "").rstrip("/")


def page_cache_seconds() -> int:
    return int(getattr(settings, "FRONTENDS_PAGE_CACHE_SECONDS", 3600))
