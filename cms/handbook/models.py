"""The handbook: one tree per language of an index page, section pages (chapters) and pages, any depth.

Reading order is depth-first (pre-order) through the tree below the index; Wagtail's materialised `path`
sorts in exactly that order, so previous/next are single queries whatever the size of the book.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import HandbookBodyBlock
from cms.visibility import restrictions_for, visible_pages


class HandbookContentPage(Page):
    """Fields and reading-order methods shared by every page of the handbook."""

    summary = models.TextField(blank=True, verbose_name=_("summary"), help_text=_("One or two sentences."))
    keywords = models.CharField(max_length=255, blank=True, verbose_name=_("keywords"), help_text=_("Comma-separated."))
    body = StreamField(HandbookBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("keywords"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.SearchField("body"),
        index.FilterField("locale"),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Wagtail's own checks (serving, previews, the admin's privacy indicator) see inherited restrictions too.
        return restrictions_for(self)

    def handbook_index(self) -> "HandbookIndexPage | None":
        if isinstance(self, HandbookIndexPage):
            return self
        return HandbookIndexPage.objects.ancestor_of(self).first()

    def handbook_path(self) -> str:
        """The page's path within its language's handbook, e.g. "/1-principles/principles/spaces/"."""
        book = self.handbook_index()
        if book is None:
            return self.url_path
        return self.url_path[len(book.url_path) - 1 :]

    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


class HandbookIndexPage(HandbookContentPage):
    """The cover of one language's handbook; its children are chapters and top-level pages."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["handbook.HandbookSectionPage", "handbook.HandbookPage"]

    class Meta:
        verbose_name = _("handbook index")

    def reading_order(self, user=None):
        """Every page of this book the viewer may read, depth-first."""
        return visible_pages(Page.objects.descendant_of(self), user).order_by("path")


class HandbookReadingMixin:
    """Previous/next and breadcrumbs for pages inside a book."""

    def reading_order(self, user=None):
        book = self.handbook_index()
        if book is None:
            return Page.objects.none()
        return book.reading_order(user)

    def previous_page(self, user=None) -> Page | None:
        return self.reading_order(user).filter(path__lt=self.path).order_by("-path").first()

    def next_page(self, user=None) -> Page | None:
        return self.reading_order(user).filter(path__gt=self.path).first()

    def breadcrumbs(self, user=None) -> list[Page]:
        """The index and the sections above this page, outermost first (not the page itself)."""
        book = self.handbook_index()
        if book is None:
            return []
        ancestors = Page.objects.ancestor_of(self).filter(depth__gt=book.depth)
        return [book, *visible_pages(ancestors, user).order_by("depth")]


class HandbookSectionPage(HandbookReadingMixin, HandbookContentPage):
    """A chapter or section: an introduction followed by its pages."""

    parent_page_types = ["handbook.HandbookIndexPage", "handbook.HandbookSectionPage"]
    subpage_types = ["handbook.HandbookSectionPage", "handbook.HandbookPage"]

    class Meta:
        verbose_name = _("handbook section")


class HandbookPage(HandbookReadingMixin, HandbookContentPage):
    """A page of the handbook; pages may hold sub-pages, as in the co-op's table of contents."""

    parent_page_types = [
        "handbook.HandbookIndexPage",
        "handbook.HandbookSectionPage",
        "handbook.HandbookPage",
    ]
    subpage_types = ["handbook.HandbookPage"]

    class Meta:
        verbose_name = _("handbook page")
