"""Mirrored pages: partner co-ops' handbook pages, kept read-only below a "Partners" section of each language's
handbook, so that the one visibility rule, the handbook tree and the API serve them like our own pages.

Each language version of a partner's page is a page of that language here; the versions share one translation key
(derived from the partner and the page's own translation key there), so they are translations of one another as
wagtail-localize and our API understand it. Only the mirror (portal/federation/mirror/) makes, changes and deletes
them; the admin shows them but refuses to edit them (wagtail_hooks.py).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index

NAMESPACE = uuid.UUID("5f0b7c1e-7d1a-4b8e-9a55-2f3c9d6a0e11")
PARTNERS_SLUG = "partners"


def partners_translation_key() -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "partners")


def mirrored_translation_key(partner_id: int, source_key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{partner_id}/{source_key}")


class ReadOnlyPage(Page):
    """Pages nobody makes or edits in the admin."""

    summary = models.TextField(_("summary"), blank=True)

    is_creatable = False

    class Meta:
        abstract = True

    def keyword_list(self) -> list[str]:
        return []


class PartnersPage(ReadOnlyPage):
    """The "Partners" section of one language's handbook; each partner's mirrored handbook is below it."""

    parent_page_types = ["handbook.HandbookIndexPage"]
    subpage_types = ["mirrors.MirroredPage"]

    class Meta:
        verbose_name = _("partners section")


class MirroredPage(ReadOnlyPage):
    """One language version of one page of a partner's handbook, as it was when last synced."""

    body_html = models.TextField(_("body"), blank=True, help_text=_("The partner's content, as sanitised HTML."))
    partner = models.ForeignKey(
        "federation.Partner",
        null=True,
        on_delete=models.SET_NULL,
        related_name="mirrored_pages",
        verbose_name=_("partner"),
    )
    source_url = models.CharField(_("source URL"), max_length=500)
    source_translation_key = models.UUIDField(_("source translation key"))
    source_locale = models.CharField(_("source language"), max_length=20)
    source_path = models.CharField(_("path in the partner's handbook"), max_length=500)
    source_last_published_at = models.DateTimeField(_("last published by the partner"), null=True, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    last_synced_at = models.DateTimeField(_("last synced"))

    parent_page_types = ["mirrors.PartnersPage", "mirrors.MirroredPage"]
    subpage_types = ["mirrors.MirroredPage"]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body_html")]

    class Meta:
        verbose_name = _("mirrored page")
        indexes = [models.Index(fields=["partner", "source_translation_key"])]


# Pages that are not the co-op's own content: the translators' dashboard and PO files leave them out.
MIRROR_PAGE_TYPES = (PartnersPage, MirroredPage)
