import graphene
from django.conf import settings
from wagtail.models import Page

from cms.graphql.context import api_context, require_locale, require_page_size
from cms.graphql.errors import BadRequest
from cms.graphql.handbook import resolvers
from cms.graphql.handbook.types import (
    Handbook,
    HandbookIndexPageType,
    HandbookPageType,
    HandbookSectionPageType,
    PageInterface,
    PageLink,
    SearchResult,
    SearchResults,
)
from cms.graphql.locales import LocaleType


class HandbookQueries(graphene.ObjectType):
    handbook = graphene.Field(
        Handbook,
        locale=graphene.String(required=True, description="Language code."),
        description="One language's handbook as a flat list in reading order (null if there is no handbook).",
    )
    page = graphene.Field(
        PageInterface,
        locale=graphene.String(required=True, description="Language code."),
        path=graphene.String(description="Path within that language's handbook, e.g. `/1-principles/`."),
        id=graphene.ID(description="Id of any language version of the page."),
        description="A page in that language, or from its fallback languages; null if there is none to show.",
    )
    search = graphene.Field(
        SearchResults,
        required=True,
        locale=graphene.String(required=True, description="Language code."),
        query=graphene.String(required=True, description="Words to look for."),
        first=graphene.Int(description="How many results (at most the API's page size limit, 100 by default)."),
        after=graphene.String(description="Continue after this cursor."),
        description="Full-text search within one language's handbook (fallback pages included).",
    )

    def resolve_handbook(root, info, locale):
        book = api_context(info).book(require_locale(locale))
        if book.root is None:
            return None
        return Handbook(
            locale=LocaleType.from_code(locale),
            title=book.root.title,
            entries=[PageLink.from_node(node) for node in book.reading_order],
        )

    def resolve_page(root, info, locale, path=None, id=None):
        book = api_context(info).book(require_locale(locale))
        if (path is None) == (id is None):
            raise BadRequest("Give exactly one of `path` and `id`.")
        if path is not None:
            node = book.find(path=path)
        else:
            try:
                key = Page.objects.filter(pk=int(id)).values_list("translation_key", flat=True).first()
            except ValueError:
                raise BadRequest(f"`id` must be a page id; got {id!r}.") from None
            node = book.find(translation_key=key) if key else None
        return resolvers.page_view(book, node)

    def resolve_search(root, info, locale, query, first=None, after=None):
        book = api_context(info).book(require_locale(locale))
        size = require_page_size(first)
        limit = settings.PORTAL_API_MAX_SEARCH_LENGTH
        if len(query) > limit:
            raise BadRequest(f"`query` may be at most {limit} characters; got {len(query)}.")
        offset = resolvers.decode_cursor(after)
        served = [node.id for node in book.reading_order]
        if not query.strip() or not served:
            return SearchResults(results=[], has_next_page=False, end_cursor=None)
        found = list(Page.objects.filter(pk__in=served).search(query)[offset : offset + size + 1])
        has_next = len(found) > size
        found = found[:size]
        specific = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in found]).specific()}
        nodes = {node.id: node for node in book.reading_order}
        results = [
            SearchResult(
                page=PageLink.from_node(nodes[page.pk]),
                excerpt=resolvers.excerpt(specific[page.pk], query),
                cursor=resolvers.encode_cursor(offset + number + 1),
            )
            for number, page in enumerate(found)
        ]
        return SearchResults(
            results=results, has_next_page=has_next, end_cursor=results[-1].cursor if results else None
        )


HANDBOOK_TYPES = [HandbookIndexPageType, HandbookSectionPageType, HandbookPageType]
