import graphene

from cms.changes.feed import REMOVED
from cms.changes.models import ChangeKind as Kind


class ChangeKind(graphene.Enum):
    """What happened to a page in one language, as the viewer may know it."""

    CREATED = Kind.CREATED.value
    UPDATED = Kind.UPDATED.value
    MOVED = Kind.MOVED.value
    UNPUBLISHED = Kind.UNPUBLISHED.value
    DELETED = Kind.DELETED.value
    TRANSLATION_UPDATED = Kind.TRANSLATION_UPDATED.value
    ACCESS_CHANGED = Kind.ACCESS_CHANGED.value
    REMOVED = REMOVED

    @property
    def description(self):
        return {
            ChangeKind.CREATED: "First published: fetch the page.",
            ChangeKind.UPDATED: "Published again with new content: fetch the page.",
            ChangeKind.MOVED: "Its path or place in the reading order changed (it or an ancestor moved): fetch it.",
            ChangeKind.UNPUBLISHED: "No longer published: drop it.",
            ChangeKind.DELETED: "Deleted: drop it.",
            ChangeKind.TRANSLATION_UPDATED: "Its source language page was synced: its translation status may differ.",
            ChangeKind.ACCESS_CHANGED: "Who may read it changed, and you still may: fetch it.",
            ChangeKind.REMOVED: "You may not see this page now (unpublished, members-only, deleted): drop it.",
        }.get(self)


class Change(graphene.ObjectType):
    """One thing that happened to one language version of a page."""

    cursor = graphene.String(required=True, description="Pass as `since` to read the changes after this one.")
    kind = graphene.Field(ChangeKind, required=True, description="What happened, as you may know it.")
    translation_key = graphene.String(
        required=True, description="The page's identity, the same in every language (with `locale`: one version)."
    )
    locale = graphene.String(required=True, description="Language code of the version that changed.")
    at = graphene.DateTime(required=True, description="When the change was recorded.")
    page_id = graphene.ID(
        description="Id of that language version, for `page(locale:, id:)`; null when you may not see it now."
    )


class ChangeFeed(graphene.ObjectType):
    """A stretch of the change feed, oldest first."""

    changes = graphene.List(graphene.NonNull(Change), required=True, description="The changes, oldest first.")
    end_cursor = graphene.String(
        description="Where to continue: pass as `since` next time (null only when the feed is still empty)."
    )
    has_more = graphene.Boolean(required=True, description="Whether more changes follow right away.")
