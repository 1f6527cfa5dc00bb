"""GraphQL types of the handbook."""

import graphene

from cms.graphql.blocks import BodyBlock
from cms.graphql.handbook import resolvers
from cms.graphql.locales import LocaleType


class PageLink(graphene.ObjectType):
    """A page as it appears in navigation: the handbook tree, breadcrumbs, previous/next, children and links."""

    id = graphene.ID(required=True, description="The served page's id.")
    translation_key = graphene.String(required=True, description="The same for every language version of the page.")
    title = graphene.String(required=True, description="Title in the served language.")
    path = graphene.String(required=True, description="Path within the requested language's handbook.")
    locale = graphene.String(required=True, description="Language the page is served in.")
    is_fallback = graphene.Boolean(
        required=True, description="True when the page is missing in the requested language and served from a fallback."
    )
    depth = graphene.Int(required=True, description="1 for top-level entries, 2 for their children, and so on.")
    parent_id = graphene.ID(description="The parent entry's id; null for top-level entries.")
    has_children = graphene.Boolean(required=True, description="Whether the entry has sub-pages.")

    @staticmethod
    def from_node(node):
        return PageLink(
            id=node.id,
            translation_key=str(node.translation_key),
            title=node.title,
            path=node.path,
            locale=node.locale,
            is_fallback=node.is_fallback,
            depth=node.depth,
            parent_id=node.parent_id,
            has_children=bool(node.children),
        )


class Handbook(graphene.ObjectType):
    """One language's handbook: its title and every entry, flat, in reading order."""

    locale = graphene.Field(LocaleType, required=True, description="The requested language.")
    title = graphene.String(required=True, description="The handbook's title in the requested language.")
    entries = graphene.List(graphene.NonNull(PageLink), required=True, description="Every entry, in reading order.")


class TranslationStatus(graphene.Enum):
    """Whether a language version exists and is up to date with its source."""

    CURRENT = "current"
    OUTDATED = "outdated"
    MISSING = "missing"

    @property
    def description(self):
        return {
            "CURRENT": "Exists and is up to date with its source.",
            "OUTDATED": "Exists, but its source changed since it was last translated.",
            "MISSING": "Not translated into this language.",
        }[self.name]


class Freshness(graphene.ObjectType):
    """How a translation relates to its source."""

    source_changed_at = graphene.DateTime(description="When the source-language page was last published.")
    synced_at = graphene.DateTime(description="When this translation last took in the source's content.")
    is_outdated = graphene.Boolean(required=True, description="True when the source changed after the last sync.")


class Translation(graphene.ObjectType):
    """One language version of a page."""

    locale = graphene.String(required=True, description="Language code.")
    status = graphene.Field(TranslationStatus, required=True, description="Current, outdated or missing.")
    title = graphene.String(description="Title in that language; null when missing.")
    path = graphene.String(description="Path within that language's handbook; null when missing.")


class PageInterface(graphene.Interface):
    """Fields every handbook page has, whatever its type."""

    class Meta:
        name = "Page"

    id = graphene.ID(required=True, description="The served page's id.")
    translation_key = graphene.String(required=True, description="The same for every language version of the page.")
    title = graphene.String(required=True, description="Title in the served language.")
    path = graphene.String(required=True, description="Path within the requested language's handbook.")
    summary = graphene.String(required=True, description="One or two sentences about the page.")
    keywords = graphene.List(graphene.NonNull(graphene.String), required=True, description="Keywords.")
    requested_locale = graphene.String(required=True, description="The language asked for.")
    served_locale = graphene.String(required=True, description="The language the content is in.")
    is_fallback = graphene.Boolean(required=True, description="True when served from a fallback language.")
    last_published_at = graphene.DateTime(description="When this language version was last published.")
    breadcrumbs = graphene.List(
        graphene.NonNull(PageLink), required=True, description="Sections above the page, outermost first."
    )
    previous = graphene.Field(PageLink, description="The page before this one in reading order.")
    next = graphene.Field(PageLink, description="The page after this one in reading order.")
    children = graphene.List(graphene.NonNull(PageLink), required=True, description="Sub-pages, in order.")
    body = graphene.List(graphene.NonNull(BodyBlock), required=True, description="The page's content blocks.")
    translations = graphene.List(
        graphene.NonNull(Translation), required=True, description="Every configured language, with its status."
    )
    freshness = graphene.Field(Freshness, required=True, description="How the served version relates to its source.")
    links_out = graphene.List(graphene.NonNull(PageLink), required=True, description="Pages this page links to.")
    links_in = graphene.List(graphene.NonNull(PageLink), required=True, description="Pages that link to this page.")

    @classmethod
    def resolve_type(cls, instance, info):
        from cms.graphql.mirrors.types import MIRROR_TYPES

        return {
            "HandbookIndexPage": HandbookIndexPageType,
            "HandbookSectionPage": HandbookSectionPageType,
            **MIRROR_TYPES,
        }.get(type(instance.page).__name__, HandbookPageType)

    def resolve_id(view, info):
        return view.node.id

    def resolve_translation_key(view, info):
        return str(view.node.translation_key)

    def resolve_title(view, info):
        return view.page.title

    def resolve_path(view, info):
        return view.node.path

    def resolve_summary(view, info):
        return view.page.summary

    def resolve_keywords(view, info):
        return view.page.keyword_list()

    def resolve_requested_locale(view, info):
        return view.book.locale

    def resolve_served_locale(view, info):
        return view.node.locale

    def resolve_is_fallback(view, info):
        return view.node.is_fallback

    def resolve_last_published_at(view, info):
        return view.page.last_published_at

    def resolve_breadcrumbs(view, info):
        return [PageLink.from_node(node) for node in view.book.breadcrumbs(view.node)]

    def resolve_previous(view, info):
        node = view.book.previous(view.node)
        return PageLink.from_node(node) if node else None

    def resolve_next(view, info):
        node = view.book.next(view.node)
        return PageLink.from_node(node) if node else None

    def resolve_children(view, info):
        return [PageLink.from_node(node) for node in view.node.children]

    def resolve_body(view, info):
        return resolvers.body(view)

    def resolve_translations(view, info):
        return [Translation(**item) for item in resolvers.translations(view)]

    def resolve_freshness(view, info):
        return Freshness(**resolvers.freshness(view))

    def resolve_links_out(view, info):
        return [PageLink.from_node(node) for node in resolvers.links_out(view)]

    def resolve_links_in(view, info):
        return [PageLink.from_node(node) for node in resolvers.links_in(view)]


class HandbookIndexPageType(graphene.ObjectType):
    """The cover of a language's handbook."""

    class Meta:
        name = "HandbookIndexPage"
        interfaces = (PageInterface,)


class HandbookSectionPageType(graphene.ObjectType):
    """A chapter or section."""

    class Meta:
        name = "HandbookSectionPage"
        interfaces = (PageInterface,)


class HandbookPageType(graphene.ObjectType):
    """A page of the handbook."""

    class Meta:
        name = "HandbookPage"
        interfaces = (PageInterface,)


class SearchResult(graphene.ObjectType):
    """A page that matches a search."""

    page = graphene.Field(PageLink, required=True, description="The matching page.")
    excerpt = graphene.String(required=True, description="Plain-text passage around the match.")
    cursor = graphene.String(required=True, description="Pass as `after` to continue after this result.")


class SearchResults(graphene.ObjectType):
    """One page of search results."""

    results = graphene.List(graphene.NonNull(SearchResult), required=True, description="Matches, best first.")
    has_next_page = graphene.Boolean(required=True, description="Whether more results follow.")
    end_cursor = graphene.String(description="Cursor of the last result, for the next request's `after`.")
