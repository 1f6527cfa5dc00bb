"""What a language's PO file holds: every translatable string of the handbook, glossary and governance documents.

Strings are extracted from the current English objects with wagtail-localize's own extractor, so they are exactly
the segments wagtail-localize stores when it next syncs the object: a file made today lines up with the translation
editor, and objects nobody has started translating yet are in it too. Reading never writes.
"""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion
from cms.handbook.models import HandbookIndexPage, HandbookPage, HandbookSectionPage

HANDBOOK_PAGE_TYPES = (HandbookIndexPage, HandbookSectionPage, HandbookPage)
CONTEXT_SEPARATOR = ":"


@dataclass(frozen=True)
class Unit:
    """One string of one object, as wagtail-localize keys it: object, content path and source text."""

    key: uuid.UUID
    path: str
    text: str
    field: str  # the path for people: block positions and types instead of block ids, e.g. "body.3.paragraph"

    @property
    def msgctxt(self) -> str:
        return f"{self.key}{CONTEXT_SEPARATOR}{self.path}"


@dataclass
class SourceObject:
    """An English page, glossary term or governance version, with its strings in document order."""

    instance: models.Model
    where: str  # e.g. "handbook/1-principles/principles/spaces", "glossary/bbb", "governance/code_of_conduct/2.0"
    units: list[Unit] = field(default_factory=list)

    @property
    def key(self) -> uuid.UUID:
        return self.instance.translation_key

    @property
    def label(self) -> str:
        return f"{capfirst(self.instance._meta.verbose_name)}: {self.instance}"

    @property
    def parent_path(self) -> str | None:
        """The tree path of a page's parent (pages only)."""
        if isinstance(self.instance, Page):
            return self.instance.path[: -Page.steplen]
        return None


def parse_msgctxt(msgctxt: str | None) -> tuple[uuid.UUID, str] | None:
    key, separator, path = (msgctxt or "").partition(CONTEXT_SEPARATOR)
    if not separator or not path:
        return None
    try:
        return uuid.UUID(key), path
    except ValueError:
        return None


def source_objects(source_locale: Locale) -> list[SourceObject]:
    """Every translatable object of the source language: the handbook in reading order, the glossary, governance."""
    pages = Page.objects.filter(locale=source_locale).type(*HANDBOOK_PAGE_TYPES).specific().order_by("path")
    terms = GlossaryTerm.objects.filter(locale=source_locale).order_by("term", "pk")
    versions = GovernanceVersion.objects.filter(locale=source_locale).order_by("kind", "effective_date", "pk")
    objects = [SourceObject(page, page.url_path.strip("/")) for page in pages]
    objects += [SourceObject(term, f"glossary/{term.slug}") for term in terms]
    objects += [SourceObject(version, f"governance/{version.kind}/{version.version_label}") for version in versions]
    for item in objects:
        item.units = list(units_of(item.instance))
    return objects


def units_of(instance):
    """The instance's strings, once each: wagtail-localize translates a string once per context."""
    seen = set()
    readable = ReadablePaths(instance)
    for segment in extract_segments(instance):
        if not isinstance(segment, StringSegmentValue):
            continue  # synchronised fields, templates and related objects are not text to translate
        unit = Unit(instance.translation_key, segment.path, segment.string.data, readable(segment.path))
        if (unit.path, unit.text) not in seen:
            seen.add((unit.path, unit.text))
            yield unit


class ReadablePaths:
    """Content paths for people: "body.<block id>.text" becomes "body.2.callout.text"."""

    def __init__(self, instance):
        self.instance = instance
        self.blocks: dict[str, dict[str, str]] = {}

    def __call__(self, path: str) -> str:
        name, _separator, rest = path.partition(".")
        if not rest:
            return name
        block_id, _separator, inner = rest.partition(".")
        position = self.block_positions(name).get(block_id)
        if position is None:
            return path
        return ".".join(part for part in (name, position, inner) if part)

    def block_positions(self, name: str) -> dict[str, str]:
        if name not in self.blocks:
            try:
                model_field = self.instance._meta.get_field(name)
            except FieldDoesNotExist:
                model_field = None
            stream = getattr(self.instance, name) if isinstance(model_field, StreamField) else []
            self.blocks[name] = {block.id: f"{index}.{block.block_type}" for index, block in enumerate(stream)}
        return self.blocks[name]
