"""Glossary consistency: which segments of a translation use glossary terms, and whether the translation uses the
term's approved translation (the glossary term translated into the target language).

A source segment uses a term when it links to it (rich text `<a linktype="glossary" id="…">`, which wagtail-localize
keeps in the segment as `<a id="a1">` plus attributes) or when the term's source-language wording occurs in it
(case-insensitive, on word boundaries). A translated segment uses the approved term when the approved wording occurs
in it the same way. A link whose text is not the term itself (a short form such as "BBB" for "BBB - Big Blue
Button") may also keep that text, as names and abbreviations usually stay the same across languages. Inflected forms
do not count: the report is a list to review, not a verdict.

The text functions are pure; `GlossaryIndex` and the two entry points read the database in a fixed number of queries.
"""

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.glossary.models import GlossaryTerm

# Segments that are identifiers rather than prose.
IGNORED_PATHS = {"slug"}
_LINK = re.compile(r'<a id="(?P<id>[^"]+)">(?P<text>.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def plain_text(segment_html: str) -> str:
    """A segment's text without its inline tags."""
    return html.unescape(_TAG.sub("", segment_html))


def wording_pattern(wordings) -> re.Pattern | None:
    """One pattern for several wordings: longest first, so "member register" wins over "member"."""
    alternatives = sorted({w.strip() for w in wordings if w.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)", re.IGNORECASE)


def uses_wording(text: str, wordings) -> bool:
    pattern = wording_pattern(wordings)
    return bool(pattern and pattern.search(plain_text(text)))


def glossary_links(segment_html: str, attrs: dict | None) -> list[tuple[int, str]]:
    """(term id, link text) for each glossary link in a segment, from wagtail-localize's segment attributes."""
    links = []
    for match in _LINK.finditer(segment_html):
        link = (attrs or {}).get(match["id"], {})
        if link.get("linktype") == "glossary" and str(link.get("id", "")).isdigit():
            links.append((int(link["id"]), plain_text(match["text"])))
    return links


@dataclass(frozen=True)
class TermUse:
    """A glossary term used by a source segment, and what its translation should say."""

    source_wording: str  # the term in the source language
    approved: str | None  # its approved translation; None: the term is not translated into that language yet
    kept_short_form: str | None = None  # a link's own text (e.g. an abbreviation) that a translation may keep

    @property
    def accepted(self) -> list[str]:
        return [wording for wording in (self.approved, self.kept_short_form) if wording]

    def used_in(self, translated_html: str) -> bool:
        return uses_wording(translated_html, self.accepted)


class GlossaryIndex:
    """Every glossary term, looked up by id, by source wording and by language (one query)."""

    def __init__(self, terms=None):
        terms = list(GlossaryTerm.objects.select_related("locale") if terms is None else terms)
        self.by_id = {term.pk: term for term in terms}
        self.by_key_and_locale = {(term.translation_key, term.locale_id): term for term in terms}
        self.by_locale: dict[int, list[GlossaryTerm]] = defaultdict(list)
        for term in terms:
            self.by_locale[term.locale_id].append(term)
        self._patterns: dict[int, tuple[re.Pattern | None, dict[str, GlossaryTerm]]] = {}

    def _pattern(self, locale_id: int):
        if locale_id not in self._patterns:
            terms = self.by_locale.get(locale_id, [])
            wordings = {term.term.strip().lower(): term for term in terms if term.term.strip()}
            self._patterns[locale_id] = (wording_pattern(wordings), wordings)
        return self._patterns[locale_id]

    def uses(
        self, segment_html: str, attrs: dict | None, source_locale_id: int, target_locale_id: int
    ) -> list[TermUse]:
        """The terms a source segment uses, each once, in order of appearance, with their approved translations."""
        found: dict[object, TermUse] = {}
        for term_id, link_text in glossary_links(segment_html, attrs):
            linked = self.by_id.get(term_id)
            if linked is None or linked.translation_key in found:
                continue
            # The link may point at the term in any language; it is shown in the source's.
            term = self.by_key_and_locale.get((linked.translation_key, source_locale_id), linked)
            short_form = link_text if link_text.strip().lower() != term.term.strip().lower() else None
            found[term.translation_key] = self._use(term, target_locale_id, short_form)
        pattern, wordings = self._pattern(source_locale_id)
        if pattern is not None:
            for match in pattern.finditer(plain_text(segment_html)):
                term = wordings[match.group(1).lower()]
                if term.translation_key not in found:
                    found[term.translation_key] = self._use(term, target_locale_id)
        return list(found.values())

    def _use(self, term: GlossaryTerm, target_locale_id: int, short_form: str | None = None) -> TermUse:
        approved = self.by_key_and_locale.get((term.translation_key, target_locale_id))
        return TermUse(term.term, approved.term if approved else None, short_form)


def _segments(source_ids):
    return (
        StringSegment.objects.filter(source_id__in=source_ids)
        .exclude(context__path__in=IGNORED_PATHS)
        .select_related("string", "context")
        .order_by("source_id", "order")
    )


def _attrs(segment: StringSegment) -> dict | None:
    return json.loads(segment.attrs) if segment.attrs else None


def hints_for_translation(translation: Translation, index: GlossaryIndex | None = None) -> dict[int, list[TermUse]]:
    """For wagtail-localize's editor: the terms each string segment uses, by segment id.

    Two queries (the source, its segments) and one for the terms unless an index is given."""
    index = index or GlossaryIndex()
    hints = {}
    for segment in _segments([translation.source_id]):
        uses = index.uses(
            segment.string.data, _attrs(segment), translation.source.locale_id, translation.target_locale_id
        )
        if uses:
            hints[segment.pk] = uses
    return hints


@dataclass
class Inconsistency:
    """A translated segment that does not use a term's approved translation (or whose term has none yet)."""

    translation: Translation
    field: str
    source: str
    translated: str
    term: TermUse
    edit_url: str = ""

    @property
    def missing_approved_term(self) -> bool:
        return self.term.approved is None


@dataclass
class LanguageReport:
    locale: object
    rows: list[Inconsistency] = field(default_factory=list)


def find_inconsistencies(language_codes) -> list[LanguageReport]:
    """Per target language, the translated segments that do not use the approved term. Six queries at most
    (translations, terms, segments, translated strings, and the translated pages and snippets for the links)."""
    translations = list(
        Translation.objects.filter(enabled=True, target_locale__language_code__in=language_codes)
        .select_related("source", "target_locale")
        .order_by("target_locale__language_code", "source__object_repr")
    )
    if not translations:
        return []
    index = GlossaryIndex()
    segments_by_source = defaultdict(list)
    for segment in _segments({t.source_id for t in translations}):
        segments_by_source[segment.source_id].append(segment)
    translated = {
        (row.translation_of_id, row.context_id, row.locale_id): row.data
        for row in StringTranslation.objects.filter(
            locale_id__in={t.target_locale_id for t in translations},
            context__object_id__in={t.source.object_id for t in translations},
        ).only("translation_of_id", "context_id", "locale_id", "data")
    }
    reports: dict[str, LanguageReport] = {}
    for translation in translations:
        report = reports.setdefault(translation.target_locale.language_code, LanguageReport(translation.target_locale))
        for segment in segments_by_source[translation.source_id]:
            text = translated.get((segment.string_id, segment.context_id, translation.target_locale_id))
            if text is None:
                continue  # not translated yet: nothing to compare
            attrs = _attrs(segment)
            for use in index.uses(
                segment.string.data, attrs, translation.source.locale_id, translation.target_locale_id
            ):
                if use.approved is None or not use.used_in(text):
                    report.rows.append(
                        Inconsistency(
                            translation,
                            segment.context.path.split(".")[0],
                            plain_text(segment.string.data),
                            plain_text(text),
                            use,
                        )
                    )
    _add_edit_urls([row for report in reports.values() for row in report.rows])
    return [report for report in reports.values() if report.rows]


def _add_edit_urls(rows: list[Inconsistency]) -> None:
    """The translated objects' edit views (wagtail-localize's editor), one query per kind of object."""
    wanted = defaultdict(set)
    for row in rows:
        source = row.translation.source
        wanted[source.specific_content_type_id].add((source.object_id, row.translation.target_locale_id))
    urls = {}
    for content_type_id, keys in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        base = Page if issubclass(model, Page) else model
        found = base.objects.filter(
            translation_key__in={key for key, _ in keys}, locale_id__in={locale for _, locale in keys}
        ).values_list("translation_key", "locale_id", "pk")
        for key, locale_id, pk in found:
            if base is Page:
                urls[(key, locale_id)] = reverse("wagtailadmin_pages:edit", args=[pk])
            else:
                meta = model._meta
                urls[(key, locale_id)] = reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[pk])
    for row in rows:
        row.edit_url = urls.get((row.translation.source.object_id, row.translation.target_locale_id), "")
