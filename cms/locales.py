"""Content languages as configuration: names, writing direction and fallback chains."""

from django.conf import settings
from django.utils.translation import get_language_info

RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}


def configured_codes() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_code() -> str:
    return settings.LANGUAGE_CODE


def direction(code: str) -> str:
    return "rtl" if code.split("-")[0] in RIGHT_TO_LEFT else "ltr"


def native_name(code: str) -> str:
    return get_language_info(code)["name_local"]


def fallback_chain(code: str) -> list[str]:
    """Locales to try, in order, after `code` itself; always ends with the default language.

    Configured chains may name languages that are not content languages (ca -> es -> en on a portal without
    Catalan content); those are skipped.
    """
    chain = [c for c in settings.PORTAL_LANGUAGE_FALLBACKS.get(code, []) if c != code]
    if default_code() not in chain and code != default_code():
        chain.append(default_code())
    configured = set(configured_codes())
    return [c for c in chain if c in configured]
