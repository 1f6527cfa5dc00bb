"""One language's handbook as readers see it: the source tree, each page served in the best language it exists in.

A page missing in the reader's language is served from the first language of its fallback chain that has it,
so the book keeps its shape in every language. Reading order is the source language's (a translator who
translates page 3 before page 1 does not reorder the book). Built from one query of plain rows; everything
else (reading order, previous/next, breadcrumbs, children, paths) is computed in memory, so its cost does not
grow with the number of pages asked for.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from cms.cache import content_version
from cms.locales import default_code, fallback_chain
from cms.visibility import Viewer

ROW_FIELDS = ("id", "path", "depth", "translation_key", "locale__language_code", "title", "slug", "content_type_id")


@dataclass
class BookNode:
    id: int
    translation_key: object
    title: str
    slug: str
    locale: str
    is_fallback: bool
    content_type_id: int
    sort_key: tuple
    parent: "BookNode | None" = None
    children: list["BookNode"] = field(default_factory=list)
    path: str = "/"
    depth: int = 0
    position: int = -1

    @property
    def parent_id(self) -> int | None:
        return self.parent.id if self.parent is not None and self.parent.depth > 0 else None


class Book:
    """The merged tree of one language for one viewer."""

    def __init__(self, locale: str, viewer: Viewer):
        self.locale = locale
        self.viewer = viewer
        self.languages = [locale, *fallback_chain(locale)]
        self.index_models = {ContentType.objects.get_by_natural_key("handbook", "handbookindexpage").pk}
        self.reading_order: list[BookNode] = []  # stays empty when the language has no handbook
        self.root = self._build()

    def _build(self) -> "BookNode | None":
        rows = list(
            self.viewer.pages(Page.objects.filter(locale__language_code__in={*self.languages, default_code()}))
            .filter(depth__gte=2)
            .values(*ROW_FIELDS)
        )
        indexes = {
            row["path"]: row for row in rows if row["depth"] == 2 and row["content_type_id"] in self.index_models
        }
        rows = [row for row in rows if row["path"][:8] in indexes]
        by_path = {row["path"]: row for row in rows}
        default_paths = {
            row["translation_key"]: row["path"] for row in rows if row["locale__language_code"] == default_code()
        }
        rank = {code: number for number, code in enumerate(self.languages)}
        served: dict = {}
        for row in rows:
            code = row["locale__language_code"]
            if code not in rank:
                continue  # the default language's rows only give the order when it is not in the chain
            current = served.get(row["translation_key"])
            if current is None or rank[code] < rank[current["locale__language_code"]]:
                served[row["translation_key"]] = row
        nodes = {
            key: BookNode(
                id=row["id"],
                translation_key=key,
                title=row["title"],
                slug=row["slug"],
                locale=row["locale__language_code"],
                is_fallback=row["locale__language_code"] != self.locale,
                content_type_id=row["content_type_id"],
                sort_key=(0, default_paths[key]) if key in default_paths else (1, row["path"]),
            )
            for key, row in served.items()
        }
        root = None
        for key, node in nodes.items():
            row = served[key]
            if row["depth"] == 2:
                if root is None or node.sort_key < root.sort_key:
                    root = node
                continue
            parent_row = by_path.get(row["path"][:-4])
            parent = nodes.get(parent_row["translation_key"]) if parent_row else None
            if parent is not None:
                node.parent = parent
                parent.children.append(node)
        if root is None:
            return None
        self._order(root)
        return root

    def _order(self, root: BookNode):
        self.reading_order = []
        stack = [root]
        while stack:
            node = stack.pop()
            node.children.sort(key=lambda child: child.sort_key)
            if node is not root:
                node.depth = node.parent.depth + 1
                node.path = f"{node.parent.path}{node.slug}/"
                node.position = len(self.reading_order)
                self.reading_order.append(node)
            stack.extend(reversed(node.children))

    @cached_property
    def by_key(self) -> dict:
        nodes = {node.translation_key: node for node in self.reading_order}
        if self.root is not None:
            nodes[self.root.translation_key] = self.root
        return nodes

    @cached_property
    def by_path(self) -> dict:
        return {node.path: node for node in self.by_key.values()}

    def find(self, *, path: str | None = None, translation_key=None) -> BookNode | None:
        if path is not None:
            path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
            return self.by_path.get(path)
        return self.by_key.get(translation_key)

    def previous(self, node: BookNode) -> BookNode | None:
        return self.reading_order[node.position - 1] if node.position > 0 else None

    def next(self, node: BookNode) -> BookNode | None:
        following = node.position + 1
        return self.reading_order[following] if 0 <= node.position and following < len(self.reading_order) else None

    def breadcrumbs(self, node: BookNode) -> list[BookNode]:
        crumbs = []
        parent = node.parent
        while parent is not None:
            crumbs.append(parent)
            parent = parent.parent
        return crumbs[::-1]


_built_books: dict = {}


def book_for(locale: str, viewer: Viewer) -> Book:
    """The book for this language and viewer, built once per content version in each process.

    Viewers who are hidden the same subtrees see the same book, so it is shared between them. Every change that
    alters a book moves the content version on (cms/signal_handlers.py), which retires the books built before.
    """
    if not settings.PORTAL_CONTENT_MEMO:
        return Book(locale, viewer)
    key = (content_version(), locale, tuple(viewer.hidden))
    book = _built_books.get(key)
    if book is None:
        if len(_built_books) >= 64:
            _built_books.clear()  # old versions and rare viewers: simplest to start again
        book = _built_books[key] = Book(locale, viewer)
    return book
