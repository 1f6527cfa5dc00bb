"""Handbook resolvers. Each list costs a fixed number of queries, whatever its length."""

import base64
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from wagtail.models import Page, ReferenceIndex

from cms.graphql.blocks import rich_text_sources, serialise_body
from cms.graphql.errors import BadRequest
from cms.graphql.richtext import RichTextRenderer
from cms.handbook.book import Book, BookNode
from cms.handbook.models import HandbookIndexPage
from cms.locales import configured_codes, default_code
from cms.translation_status import Status, freshness_by_locale


@dataclass
class PageView:
    """A page as served to one reader in one language."""

    node: BookNode
    book: Book
    page: Page  # the specific page of the served language


def page_view(book: Book, node: BookNode | None) -> PageView | None:
    if node is None:
        return None
    # The book knows the page's type: one query for the specific page instead of two.
    model = ContentType.objects.get_for_id(node.content_type_id).model_class()
    return PageView(node=node, book=book, page=model.objects.get(pk=node.id))


def body(view: PageView) -> list:
    renderer = RichTextRenderer(view.book, rich_text_sources([view.page.body]))
    return serialise_body(view.page.body, renderer)


def _versions(view: PageView) -> list[dict]:
    if not hasattr(view, "_versions"):
        view._versions = list(
            view.book.viewer.pages(Page.objects.filter(translation_key=view.node.translation_key)).values(
                "id", "title", "url_path", "last_published_at", "locale_id", "locale__language_code"
            )
        )
    return view._versions


def _freshness(view: PageView) -> dict:
    """Freshness of every existing language version, by language code (four queries at most)."""
    if not hasattr(view, "_freshness"):
        versions = _versions(view)
        source = next((v for v in versions if v["locale__language_code"] == default_code()), None)
        if source is None:
            view._freshness = {}
        else:
            others = {v["locale_id"]: v["last_published_at"] for v in versions if v is not source}
            by_id = freshness_by_locale(
                view.node.translation_key, source["locale_id"], source["last_published_at"], others
            )
            codes = {v["locale_id"]: v["locale__language_code"] for v in versions}
            view._freshness = {codes[locale_id]: value for locale_id, value in by_id.items()}
    return view._freshness


def translations(view: PageView) -> list[dict]:
    versions = {v["locale__language_code"]: v for v in _versions(view)}
    index_paths = dict(HandbookIndexPage.objects.values_list("locale__language_code", "url_path"))
    freshness = _freshness(view)
    items = []
    for code in configured_codes():
        version = versions.get(code)
        if version is None:
            items.append({"locale": code, "status": Status.MISSING, "title": None, "path": None})
            continue
        outdated = code in freshness and freshness[code].is_outdated
        index_path = index_paths.get(code, "/")
        items.append(
            {
                "locale": code,
                "status": Status.OUTDATED if outdated else Status.CURRENT,
                "title": version["title"],
                "path": version["url_path"][len(index_path) - 1 :]
                if version["url_path"].startswith(index_path)
                else "/",
            }
        )
    return items


def freshness(view: PageView) -> dict:
    if view.node.locale == default_code():
        return {"source_changed_at": view.page.last_published_at, "synced_at": None, "is_outdated": False}
    state = _freshness(view).get(view.node.locale)
    if state is None:
        return {"source_changed_at": None, "synced_at": None, "is_outdated": False}
    return {
        "source_changed_at": state.source_changed_at,
        "synced_at": state.synced_at,
        "is_outdated": state.is_outdated,
    }


def _page_content_type_id() -> int:
    return ContentType.objects.get_for_model(Page).pk


def _nodes_for_pages(book: Book, page_ids, exclude_key=None) -> list[BookNode]:
    keys = dict(Page.objects.filter(pk__in=set(page_ids)).values_list("pk", "translation_key"))
    nodes, seen = [], set()
    for page_id in page_ids:
        key = keys.get(page_id)
        node = book.find(translation_key=key) if key else None
        if node is not None and key not in seen and key != exclude_key:
            seen.add(key)
            nodes.append(node)
    return sorted(nodes, key=lambda node: node.position)


def links_out(view: PageView) -> list[BookNode]:
    page_type = _page_content_type_id()
    targets = ReferenceIndex.objects.filter(
        base_content_type_id=page_type, object_id=str(view.page.pk), to_content_type_id=page_type
    ).values_list("to_object_id", flat=True)
    return _nodes_for_pages(view.book, [int(target) for target in targets], exclude_key=view.node.translation_key)


def links_in(view: PageView) -> list[BookNode]:
    page_type = _page_content_type_id()
    version_ids = Page.objects.filter(translation_key=view.node.translation_key).values_list("pk", flat=True)
    sources = ReferenceIndex.objects.filter(
        to_content_type_id=page_type,
        to_object_id__in=[str(pk) for pk in version_ids],
        base_content_type_id=page_type,
    ).values_list("object_id", flat=True)
    return _nodes_for_pages(view.book, [int(source) for source in sources], exclude_key=view.node.translation_key)


# No book has this many pages; a larger offset would not fit the database's integers.
MAX_OFFSET = 2**31 - 1


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        kind, _, number = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        offset = int(number)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("`after` is not a cursor this API gave out.") from None
    if kind != "offset" or not 0 <= offset <= MAX_OFFSET:
        raise BadRequest("`after` is not a cursor this API gave out.")
    return offset


def excerpt(page, query: str, length: int = 200) -> str:
    text = " ".join([page.summary, *(strip_tags(source) for source in rich_text_sources([page.body]))]).strip()
    words = [word for word in query.lower().split() if word]
    position = min((text.lower().find(word) for word in words if text.lower().find(word) >= 0), default=0)
    start = max(position - length // 3, 0)
    snippet = text[start : start + length].strip()
    return ("…" if start > 0 else "") + snippet + ("…" if start + length < len(text) else "")
