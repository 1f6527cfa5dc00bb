"""The PO header: which language a file is in, its plural forms, and what it was made from."""

import gettext
import re
from functools import cache
from pathlib import Path

import django
from django.conf import settings
from django.utils import timezone
from django.utils.translation import to_locale

from cms.locales import default_code

SOURCE_LANGUAGE_HEADER = "X-Source-Language"
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@cache
def plural_forms(code: str) -> str | None:
    """The Plural-Forms header for a language, as Django's own catalog for that language states it."""
    locale_dir = Path(django.__file__).parent / "conf" / "locale"
    for name in (to_locale(code), to_locale(code.split("-")[0])):
        catalog = locale_dir / name / "LC_MESSAGES" / "django.mo"
        if catalog.is_file():
            with catalog.open("rb") as file:
                return gettext.GNUTranslations(file).info().get("plural-forms")
    return None


def nplurals(header: str | None) -> int | None:
    match = NPLURALS.search(header or "")
    return int(match.group(1)) if match else None


def normalise_language(value: str) -> str:
    """ "es_ES" and "es-es" name the locale "es-es"; Wagtail's language codes are lowercase with hyphens."""
    return value.strip().replace("_", "-").lower()


def metadata(code: str) -> dict[str, str]:
    now = timezone.now().strftime("%Y-%m-%d %H:%M%z")
    header = {
        "Project-Id-Version": f"{settings.WAGTAIL_SITE_NAME} content",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        SOURCE_LANGUAGE_HEADER: default_code(),
    }
    forms = plural_forms(code)
    if forms:
        header["Plural-Forms"] = forms
    return header
