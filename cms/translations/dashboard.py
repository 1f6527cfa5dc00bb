"""The translators' dashboard: every handbook page, glossary term and governance document × every language.

A cell's status comes from `cms.translation_status` (the rule the API and the readers' sites use too), computed in
bulk: building the grid costs the same number of queries for ten pages as for five hundred. Readers' suggestions
and requests (cms.feedback) are counted per page and language in one query each.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, ModelLogEntry, Page
from wagtail_localize.models import StringSegment, get_edit_url
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.feedback.models import TranslationRequest, TranslationSuggestion
from cms.glossary.models import GlossaryTerm
from cms.governance.models import DocumentKind, GovernanceVersion
from cms.handbook.models import HandbookIndexPage
from cms.locales import configured_codes, default_code
from cms.mirrors.models import MIRROR_PAGE_TYPES
from cms.translation_status import Freshness, Status, bulk_freshness, count_words, translation_status
from cms.translations.permissions import languages_user_may_translate

STATUS_LABELS = {
    Status.CURRENT: _("Up to date"),
    Status.OUTDATED: _("Outdated"),
    Status.IN_PROGRESS: _("In progress"),
    Status.MISSING: _("Missing"),
}
# The chapter filter's entries besides the handbook's chapters.
GLOSSARY = "glossary"
GOVERNANCE = "governance"
MOST_REQUESTED_SHOWN = 10


def languages_for(user, locales: list[Locale]) -> list[Locale]:
    """The languages whose columns `user` sees: those they may translate into (every one for superusers and
    editors, their own for translators in language groups)."""
    allowed = languages_user_may_translate(user)
    return [locale for locale in locales if locale.language_code in allowed]


@dataclass
class Cell:
    locale: Locale
    status: str
    url: str  # edits the translation, or starts it
    freshness: Freshness | None = None
    sync_url: str = ""
    suggestions: int = 0
    requests: int = 0
    words_done: int = 0

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def percent_done(self) -> int | None:
        """Translated strings in percent, where wagtail-localize keeps count."""
        if self.status == Status.MISSING or self.freshness is None or self.freshness.synced_at is None:
            return None
        return self.freshness.percent_done


@dataclass
class Row:
    kind: str  # "page", "term" or "governance"
    key: UUID
    title: str
    source_url: str
    chapter: str  # a chapter's page id, GLOSSARY or GOVERNANCE ("" for the handbook's index)
    level: int = 0  # nesting within the handbook
    words: int = 0
    cells: list[Cell] = field(default_factory=list)

    def cell(self, code: str) -> Cell | None:
        return next((cell for cell in self.cells if cell.locale.language_code == code), None)


@dataclass
class Totals:
    locale: Locale
    done: int = 0
    left: int = 0
    words_done: int = 0
    words_left: int = 0


@dataclass
class Requested:
    """A page readers asked for in a language it is missing in."""

    row: Row
    cell: Cell
    count: int


@dataclass
class Grid:
    locales: list[Locale]
    rows: list[Row]
    chapters: list[tuple[str, str]]
    most_requested: list[Requested]

    @property
    def totals(self) -> list[Totals]:
        by_code = {locale.language_code: Totals(locale) for locale in self.locales}
        for row in self.rows:
            for cell in row.cells:
                totals = by_code[cell.locale.language_code]
                if cell.status == Status.CURRENT:
                    totals.done += 1
                else:
                    totals.left += 1
                totals.words_done += cell.words_done
                totals.words_left += max(row.words - cell.words_done, 0)
        return list(by_code.values())

    def filtered(self, *, chapter: str = "", language: str = "", status: str = "") -> "Grid":
        """The same grid narrowed to one chapter (or the glossary, or governance), one language, and rows that have
        a cell of one status."""
        locales = [locale for locale in self.locales if not language or locale.language_code == language]
        codes = {locale.language_code for locale in locales}
        rows = []
        for row in self.rows:
            if chapter and row.chapter != chapter:
                continue
            cells = [cell for cell in row.cells if cell.locale.language_code in codes]
            rows.append(Row(**{**row.__dict__, "cells": cells}))
        shown = {row.key for row in rows}
        requested = [
            item for item in self.most_requested if item.row.key in shown and item.cell.locale.language_code in codes
        ]
        if status:
            rows = [row for row in rows if any(cell.status == status for cell in row.cells)]
        return Grid(locales, rows, self.chapters, requested[:MOST_REQUESTED_SHOWN])


def build_grid(user) -> Grid:
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    source = locales.get(default_code())
    targets = [locales[code] for code in configured_codes() if code in locales and code != default_code()]
    targets = languages_for(user, targets)
    if source is None:
        return Grid(targets, [], [], [])
    items = _Items(source, targets)
    items.add_pages()
    items.add_terms()
    items.add_governance()
    return items.grid()


class _Items:
    """Collects the source-language objects and their translations, then fills the cells in bulk."""

    def __init__(self, source: Locale, targets: list[Locale]):
        self.source = source
        self.targets = targets
        self.rows: list[Row] = []
        self.chapters: list[tuple[str, str]] = []
        self.changed_at: dict = {}  # key -> when the source changed
        self.translations: dict = {}  # (key, locale_id) -> (model, pk, live, published_at)
        self.source_objects: dict = {}  # key -> (model, pk), for counting words of objects never submitted

    def add_translations(self, model, queryset, live_field: str | None, published_field: str | None):
        fields = ["translation_key", "locale_id", "pk"]
        fields += [name for name in (live_field, published_field) if name]
        for row in queryset.filter(locale_id__in=[locale.pk for locale in self.targets]).values(*fields):
            live = row[live_field] if live_field else True
            published = row[published_field] if published_field else None
            self.translations[row["translation_key"], row["locale_id"]] = (model, row["pk"], live, published)

    def add_pages(self):
        index = HandbookIndexPage.objects.filter(locale=self.source).order_by("path").first()
        if index is None:
            return
        pages = Page.objects.filter(locale=self.source, live=True).descendant_of(index, inclusive=True)
        pages = pages.not_type(*MIRROR_PAGE_TYPES)  # partners' content is theirs to translate
        chapter_length = len(index.path) + Page.steplen
        chapter_by_path = {}
        fields = ("pk", "title", "depth", "path", "translation_key", "last_published_at")
        for page in pages.order_by("path").values(*fields):  # a chapter comes before its pages in path order
            if page["depth"] == index.depth + 1:
                chapter_by_path[page["path"]] = str(page["pk"])
                self.chapters.append((str(page["pk"]), page["title"]))
            key = page["translation_key"]
            self.rows.append(
                Row(
                    kind="page",
                    key=key,
                    title=page["title"],
                    source_url=get_edit_url(Page(pk=page["pk"])),
                    chapter=chapter_by_path.get(page["path"][:chapter_length], ""),
                    level=page["depth"] - index.depth,
                )
            )
            self.changed_at[key] = page["last_published_at"]
            self.source_objects[key] = (Page, page["pk"])
        translations = Page.objects.filter(translation_key__in=pages.values("translation_key"))
        self.add_translations(Page, translations, "live", "last_published_at")

    def add_terms(self):
        terms = GlossaryTerm.objects.filter(locale=self.source)
        for term in terms.order_by("term").values("pk", "term", "translation_key"):
            key = term["translation_key"]
            self.rows.append(
                Row(
                    kind="term",
                    key=key,
                    title=term["term"],
                    source_url=get_edit_url(GlossaryTerm(pk=term["pk"])),
                    chapter=GLOSSARY,
                )
            )
            self.source_objects[key] = (GlossaryTerm, term["pk"])
        self.changed_at.update(self._terms_edited_at())
        translations = GlossaryTerm.objects.filter(translation_key__in=terms.values("translation_key"))
        self.add_translations(GlossaryTerm, translations, None, None)

    def _terms_edited_at(self) -> dict:
        """Glossary terms keep no publishing date: the admin's log of their edits says when they changed."""
        pks = {str(pk): key for key, (model, pk) in self.source_objects.items() if model is GlossaryTerm}
        edits = (
            ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(GlossaryTerm),
                object_id__in=list(pks),
                action__in=["wagtail.create", "wagtail.edit"],
            )
            .values("object_id")
            .annotate(last=Max("timestamp"))
        )
        changed = dict.fromkeys(pks.values())
        for edit in edits:
            if edit["object_id"] in pks:
                changed[pks[edit["object_id"]]] = edit["last"]
        return changed

    def add_governance(self):
        versions = GovernanceVersion.objects.filter(locale=self.source, live=True)
        fields = ("pk", "kind", "version_label", "translation_key", "last_published_at")
        for version in versions.order_by("kind", "-effective_date").values(*fields):
            key = version["translation_key"]
            self.rows.append(
                Row(
                    kind="governance",
                    key=key,
                    title=f"{DocumentKind(version['kind']).label} {version['version_label']}",
                    source_url=get_edit_url(GovernanceVersion(pk=version["pk"])),
                    chapter=GOVERNANCE,
                )
            )
            self.changed_at[key] = version["last_published_at"]
            self.source_objects[key] = (GovernanceVersion, version["pk"])
        translations = GovernanceVersion.objects.filter(translation_key__in=versions.values("translation_key"))
        self.add_translations(GovernanceVersion, translations, "live", "last_published_at")

    def words(self) -> dict:
        """Words to translate per object: from wagtail-localize's strings where it has them, else extracted from
        the object itself (a query per model of such objects, never per object)."""
        strings = defaultdict(dict)
        segments = StringSegment.objects.filter(
            source__object_id__in=list(self.source_objects), source__locale=self.source
        ).values_list("source__object_id", "string_id", "context_id", "string__data")
        for key, string_id, context_id, data in segments:
            strings[key][(string_id, context_id)] = count_words(data)
        words = {key: sum(found.values()) for key, found in strings.items()}
        unsourced = defaultdict(list)
        for key, (model, pk) in self.source_objects.items():
            if key not in strings:
                unsourced[model].append(pk)
        for model, pks in unsourced.items():
            instances = model.objects.filter(pk__in=pks)
            for instance in instances.specific() if model is Page else instances:
                found = {
                    (segment.path, segment.string.data)
                    for segment in extract_segments(instance)
                    if isinstance(segment, StringSegmentValue)
                }
                words[instance.translation_key] = sum(count_words(data) for _, data in found)
        return words

    def grid(self) -> Grid:
        published = {pair: published for pair, (_, _, _, published) in self.translations.items()}
        freshness = bulk_freshness(self.source.pk, self.changed_at, published)
        words = self.words()
        suggestions = TranslationSuggestion.objects.open_counts()
        requested = list(TranslationRequest.objects.most_requested())
        requests = {(item["translation_key"], item["locale_id"]): item["count"] for item in requested}
        for row in self.rows:
            row.words = words.get(row.key, 0)
            model, source_pk = self.source_objects[row.key]
            for locale in self.targets:
                pair = (row.key, locale.pk)
                cell = self._cell(row, locale, model, source_pk, self.translations.get(pair), freshness.get(pair))
                cell.suggestions = suggestions.get(pair, 0)
                cell.requests = requests.get(pair, 0)
                row.cells.append(cell)
        rows_by_key = {row.key: row for row in self.rows if row.kind == "page"}
        most_requested = []
        for item in requested:
            row = rows_by_key.get(item["translation_key"])
            cell = row.cell(item["locale__language_code"]) if row else None
            if cell is not None and cell.status == Status.MISSING:
                most_requested.append(Requested(row, cell, item["count"]))
        return Grid(self.targets, self.rows, self.chapters, most_requested)

    def _cell(self, row, locale, model, source_pk, translation, freshness) -> Cell:
        if translation is None:
            return Cell(locale, Status.MISSING, start_url(model, source_pk, locale))
        _, pk, live, _ = translation
        status = translation_status(True, live, freshness)
        cell = Cell(locale, status, get_edit_url(model(pk=pk)), freshness=freshness)
        if status == Status.CURRENT:
            cell.words_done = row.words
        elif freshness is not None and freshness.synced_at is not None:
            cell.words_done = freshness.words_done
        if status == Status.OUTDATED and freshness is not None and freshness.source_id is not None:
            cell.sync_url = reverse("wagtail_localize:update_translations", args=[freshness.source_id])
        return cell


def start_url(model, source_pk, locale) -> str:
    """wagtail-localize's form to start translating an object, with the language chosen."""
    if model is Page:
        url = reverse("wagtail_localize:submit_page_translation", args=[source_pk])
    else:
        meta = model._meta
        url = reverse("wagtail_localize:submit_snippet_translation", args=[meta.app_label, meta.model_name, source_pk])
    return f"{url}?select_locale={locale.language_code}"
