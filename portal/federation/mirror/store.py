"""Keeping the mirrored pages in line with what was read from the partner. Runs inside the pull's transaction.

Below each language's handbook: Partners (PartnersPage) / <partner's slug> (the mirrored section's root) / the
section's pages, at the same relative paths as in the partner's handbook, siblings in the partner's reading order.
Changes go through revisions and publishing (moves through Wagtail's), so that the change journal, the caches and
the search index follow as for any page.
"""

import uuid
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from cms.cache import bump_content_version
from cms.handbook.models import HandbookIndexPage
from cms.mirrors.models import (
    PARTNERS_SLUG,
    MirroredPage,
    PartnersPage,
    mirrored_translation_key,
    partners_translation_key,
)
from portal.federation.mirror.source import SourcePage


class NeedsFullPull(Exception):
    """A change cannot be placed (its parent is not mirrored): the whole section must be read again."""


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    removed: int = 0
    reordered: int = 0
    unchanged: int = 0
    languages: list = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.created} created, {self.updated} updated, {self.removed} removed, {self.reordered} reordered,"
            f" {self.unchanged} unchanged"
            f" ({', '.join(self.languages) or 'no languages'})"
        )


def key_of(value) -> str:
    return str(uuid.UUID(str(value)))


def mirror_locales() -> dict[str, Locale]:
    """Our languages that have a handbook to hang mirrors in."""
    return {index.locale.language_code: index.locale for index in HandbookIndexPage.objects.select_related("locale")}


def mirrored_keys(partner) -> set[tuple[str, str]]:
    """(source translation key, language code) of every page mirrored from `partner`."""
    rows = MirroredPage.objects.filter(partner=partner).values_list("source_translation_key", "locale__language_code")
    return {(key_of(key), code) for key, code in rows}


def add_below(parent: Page, page: Page) -> None:
    """Add and publish `page` as the last child of `parent`. The child count is read from the tree itself: a
    stored count can lag (translations made by copying leave it behind), and the tree would then clash."""
    parent.numchild = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)  # what treebeard reads
    parent.add_child(instance=page)
    page.save_revision().publish()


def partners_section(locale: Locale) -> PartnersPage:
    section = PartnersPage.objects.filter(locale=locale).first()
    if section is None:
        index = HandbookIndexPage.objects.filter(locale=locale).first()
        with translation.override(locale.language_code):
            title = gettext("Partners")
        section = PartnersPage(
            title=title, slug=PARTNERS_SLUG, locale=locale, translation_key=partners_translation_key(), live=False
        )
        add_below(index, section)
    return section


class LocaleMirror:
    """One partner's mirrored pages in one of our languages."""

    def __init__(self, partner, locale: Locale, root_path: str, counts: Counts):
        self.partner, self.locale, self.root_path, self.counts = partner, locale, root_path, counts
        self.now = timezone.now()
        self.reload()

    def reload(self) -> None:
        self.pages = {
            key_of(page.source_translation_key): page
            for page in MirroredPage.objects.filter(partner=self.partner, locale=self.locale)
        }

    def by_source_path(self, path: str) -> MirroredPage | None:
        return next((page for page in self.pages.values() if page.source_path == path), None)

    def parent_for(self, source: SourcePage):
        if source.path == self.root_path:
            return partners_section(self.locale)
        parent = self.by_source_path(source.parent_path)
        if parent is None:
            raise NeedsFullPull(source.path)
        return parent

    def upsert(self, source: SourcePage) -> None:
        parent = self.parent_for(source)
        slug = self.partner.slug if source.path == self.root_path else source.slug
        fields = {
            "title": source.title,
            "slug": slug,
            "summary": source.summary,
            "body_html": source.html,
            "source_url": source.source_url,
            "source_locale": source.locale,
            "source_path": source.path,
            "source_last_published_at": source.last_published_at,
            "licence": self.partner.licence,
        }
        page = self.pages.get(key_of(source.key))
        if page is None:
            page = MirroredPage(
                **fields,
                partner=self.partner,
                source_translation_key=source.key,
                locale=self.locale,
                translation_key=mirrored_translation_key(self.partner.pk, source.key),
                last_synced_at=self.now,
                live=False,
            )
            add_below(parent, page)
            self.pages[key_of(source.key)] = page
            self.counts.created += 1
            return
        moved = page.path[: -Page.steplen] != parent.path
        changed = any(getattr(page, name) != value for name, value in fields.items())
        if moved:
            page.move(parent, pos="last-child")
            self.reload()  # the paths below it changed too
            page = self.pages[key_of(source.key)]
        if changed or moved or not page.live:
            for name, value in fields.items():
                setattr(page, name, value)
            page.last_synced_at = self.now
            page.save_revision().publish()
            self.pages[key_of(source.key)] = page
            self.counts.updated += 1
        else:
            MirroredPage.objects.filter(pk=page.pk).update(last_synced_at=self.now)
            self.counts.unchanged += 1

    def arrange(self, keys: list[str]) -> None:
        """Put the children of every mirrored page in the partner's order: `keys` are its pages in reading order.
        Children it does not list (yet) follow, as they were. Only pages out of place move, so arranging twice
        moves nothing the second time."""
        rank = {key_of(key): number for number, key in enumerate(keys)}
        families: dict[str, list[str]] = {}
        for key, page in self.pages.items():
            families.setdefault(page.path[: -Page.steplen], []).append(key)
        parents = {page.path for page in self.pages.values()}
        for parent_path, children in families.items():
            if parent_path in parents:  # not the section's root: it sits beside other partners' under Partners
                wanted = sorted(children, key=lambda key: (rank.get(key, len(rank)), self.pages[key].path))
                self.put_in_order(children, wanted)

    def put_in_order(self, children: list[str], wanted: list[str]) -> None:
        """Move siblings, one at a time, to their places in `wanted`; each move renumbers the siblings' paths."""
        current = sorted(children, key=lambda key: self.pages[key].path)
        for position, key in enumerate(wanted):
            if current[position] == key:
                continue
            page = self.pages[key]
            # Relative to a sibling, not to the parent: nothing depends on the parent's child count.
            if position == 0:
                page.move(self.pages[current[0]], pos="left")
            else:
                page.move(self.pages[wanted[position - 1]], pos="right")
            self.reload()
            current = sorted(children, key=lambda key: self.pages[key].path)
            self.counts.reordered += 1

    def remove(self, key: str) -> None:
        """Drop the page and what is below it here."""
        page = self.pages.get(key_of(key))
        if page is None:
            return
        below = {k for k, other in self.pages.items() if other.path.startswith(page.path)}
        self.counts.removed += len(below)
        MirroredPage.objects.get(pk=page.pk).delete()
        for gone in below:
            del self.pages[gone]

    def keep_only(self, keys: set[str]) -> None:
        wanted = {key_of(key) for key in keys}
        for key in [key for key in self.pages if key not in wanted]:
            if key in self.pages:  # not gone with a page above it
                self.remove(key)


def finish() -> None:
    """last_synced_at moved on without publishing: cached answers must not keep the old time."""
    bump_content_version()


def drop_partner(partner) -> int:
    """Delete every page mirrored from `partner`, in every language; how many there were."""
    pages = list(MirroredPage.objects.filter(partner=partner).order_by("path"))
    roots = []
    for page in pages:
        if not any(page.path.startswith(root.path) for root in roots):
            roots.append(page)
    for root in roots:
        root.delete()
    return len(pages)
