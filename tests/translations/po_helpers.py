"""Helpers for the PO file tests: find entries by English text and place, write files, count what changed."""

import polib
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion
from cms.translations.po import export_language


def export(demo, language="es") -> polib.POFile:
    return export_language(demo.locale(language))


def entry(po: polib.POFile, msgid: str, where: str | None = None) -> polib.POEntry:
    """The entry of `msgid`, in the object whose reference starts with `where` when the text is not unique."""
    found = [
        item
        for item in po
        if item.msgid == msgid and (where is None or any(path == where for path, _line in item.occurrences))
    ]
    assert len(found) == 1, f"{len(found)} entries for {msgid!r} at {where!r}"
    return found[0]


def translate(po: polib.POFile, translations: dict[str, str], where: str | None = None) -> polib.POFile:
    for msgid, msgstr in translations.items():
        entry(po, msgid, where).msgstr = msgstr
    return po


def entries_of(po: polib.POFile, where: str) -> list[polib.POEntry]:
    return [item for item in po if item.occurrences and item.occurrences[0][0] == where]


def as_bytes(po: polib.POFile) -> bytes:
    return str(po).encode("utf-8")


def state(language: str) -> dict:
    """What an import may change: string translations, revisions, and the translated objects' content."""
    pages = Page.objects.filter(locale__language_code=language).specific().order_by("path")
    return {
        "string translations": sorted(
            StringTranslation.objects.values_list("pk", "data", "updated_at", "has_error", "locale_id", "context_id")
        ),
        "revisions": sorted(Revision.objects.values_list("pk", "content_type_id", "object_id")),
        "pages": [
            (
                page.path,
                page.title,
                page.slug,
                page.live,
                page.summary,
                page.body.get_prep_value(),
                page.last_published_at,
            )
            for page in pages
        ],
        "glossary": sorted(
            GlossaryTerm.objects.filter(locale__language_code=language).values_list("pk", "term", "definition")
        ),
        "governance": sorted(
            (version.pk, version.change_summary, str(version.body.get_prep_value()), version.live)
            for version in GovernanceVersion.objects.filter(locale__language_code=language)
        ),
        "sources": sorted(TranslationSource.objects.values_list("pk", "last_updated_at", "content_json")),
        "translations": sorted(Translation.objects.values_list("pk", "enabled", "target_locale_id", "source_id")),
    }
