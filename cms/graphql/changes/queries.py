import graphene

from cms.changes import feed
from cms.graphql.changes.types import ChangeFeed
from cms.graphql.context import api_context, require_locale, require_page_size
from cms.graphql.errors import BadRequest


class ChangeQueries(graphene.ObjectType):
    changes = graphene.Field(
        ChangeFeed,
        required=True,
        since=graphene.String(
            description="A cursor from an earlier answer: the changes after it (omit: from the start)."
        ),
        locale=graphene.String(description="Only changes to this language's versions (language code)."),
        first=graphene.Int(description="How many changes (at most the API's page size limit, 100 by default)."),
        description="What happened to pages, oldest first, for keeping a copy up to date; changes to pages you may "
        "not see now read REMOVED.",
    )

    def resolve_changes(root, info, since=None, locale=None, first=None):
        size = require_page_size(first, default=50)
        if locale is not None:
            require_locale(locale)
        try:
            after = feed.decode_cursor(since) if since is not None else None
        except feed.BadCursor:
            raise BadRequest(f"`since` is not a cursor of this feed: {since!r}.") from None
        page = feed.read(api_context(info).viewer, after, size, locale)
        if page.held_back:
            # Changes still settling will show within seconds, whereas shared caches keep answers until the content
            # changes again: this answer must not be kept (portal/api/view.py reads the flag).
            info.context.api_answer_not_shareable = True
        return ChangeFeed(changes=page.entries, end_cursor=page.end_cursor, has_more=page.has_more)
