"""A whole language as one PO file: every English string with its translation so far."""

from collections import defaultdict

import polib
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from cms.locales import default_code
from cms.translations.po.catalog import SourceObject, source_objects
from cms.translations.po.checks import format_flags
from cms.translations.po.header import metadata


def current_translations(locale: Locale) -> dict:
    """{(object key, content path, source text): (translation, has error)} of one language, in one query."""
    rows = StringTranslation.objects.filter(locale=locale, context__isnull=False).values_list(
        "context__object_id", "context__path", "translation_of__data", "data", "has_error", "updated_at"
    )
    return {
        (key, path, source): (data, has_error, updated_at) for key, path, source, data, has_error, updated_at in rows
    }


def earlier_translations(translations: dict) -> dict:
    """{(object key, content path): (source text, translation)}: the latest translation made in each context."""
    latest = {}
    for (key, path, source), (data, _has_error, updated_at) in translations.items():
        known = latest.get((key, path))
        if known is None or updated_at > known[2]:
            latest[(key, path)] = (source, data, updated_at)
    return {context: (source, data) for context, (source, data, _updated_at) in latest.items()}


def export_language(locale: Locale, objects: list[SourceObject] | None = None) -> polib.POFile:
    """The PO file of `locale`, its comments and notes in the source language whoever exports it, so that the
    command line and the admin, in any admin language, write the same file.

    Strings whose English text changed since they were translated carry the earlier translation as a fuzzy
    suggestion with the previous English text (`#|`), which imports ignore until a translator confirms it; so do
    translations that wagtail-localize holds as erroneous."""
    with translation.override(default_code()):
        return build_po_file(locale, objects)


def build_po_file(locale: Locale, objects: list[SourceObject] | None) -> polib.POFile:
    objects = source_objects(Locale.objects.get(language_code=default_code())) if objects is None else objects
    translations = current_translations(locale)
    earlier = earlier_translations(translations)
    po = polib.POFile(wrapwidth=0)
    po.metadata = metadata(locale.language_code)
    for item in objects:
        strings_per_context = defaultdict(int)
        for unit in item.units:
            strings_per_context[unit.path] += 1
        for unit in item.units:
            entry = polib.POEntry(
                msgctxt=unit.msgctxt,
                msgid=unit.text,
                msgstr="",
                comment=item.label,
                occurrences=[(item.where, ""), (unit.field, "")],
                flags=format_flags(unit.text),
            )
            found = translations.get((unit.key, unit.path, unit.text))
            if found is not None:
                entry.msgstr, has_error, _updated_at = found
                if has_error:
                    entry.flags.append("fuzzy")
                    entry.tcomment = _("wagtail-localize holds this translation as erroneous: check it")
            elif strings_per_context[unit.path] == 1 and (unit.key, unit.path) in earlier:
                entry.previous_msgid, entry.msgstr = earlier[(unit.key, unit.path)]
                entry.flags.append("fuzzy")
            po.append(entry)
    return po
