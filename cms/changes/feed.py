"""Reading the change journal as a feed: cursors, order, and what each viewer may learn of each change.

The cursor is the journal row's id, made opaque so that clients keep it as it is. Ids follow the order in which
changes were committed, because rows are written after commit (signal_handlers.py); two processes may still
commit rows a moment apart in the other order than their ids, so the feed holds back rows younger than
PORTAL_CHANGES_SETTLE_SECONDS: a reader who got up to a cursor never misses a row that appears before it later.

What a viewer may see is decided by the one visibility rule (cms/visibility.py) as it stands now, not as it was:
a change to a page the viewer cannot see now reads `removed`, so a mirror drops it, whatever happened since.
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from cms.changes.models import Change, ChangeKind
from cms.visibility import Viewer

CURSOR_PREFIX = "change:"
REMOVED = "removed"
# Kinds that already tell a mirror to drop the page: they read as themselves to every viewer.
DROPPING = {ChangeKind.UNPUBLISHED, ChangeKind.DELETED}


class BadCursor(ValueError):
    pass


def encode_cursor(change_id: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{change_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadCursor(cursor) from None
    if not text.startswith(CURSOR_PREFIX) or not text[len(CURSOR_PREFIX) :].isdigit():
        raise BadCursor(cursor)
    return int(text[len(CURSOR_PREFIX) :])


@dataclass(frozen=True)
class FeedEntry:
    cursor: str
    kind: str  # a ChangeKind value, or REMOVED
    translation_key: str
    locale: str
    at: datetime
    page_id: int | None  # that language version, when the viewer may see it


@dataclass(frozen=True)
class FeedPage:
    entries: list[FeedEntry]
    end_cursor: str | None
    has_more: bool
    held_back: bool  # younger changes are waiting: this answer will be out of date within seconds


def read(viewer: Viewer, since: int | None, size: int, locale: str | None = None) -> FeedPage:
    """Up to `size` changes after the change `since` (from the start when None), oldest first. Three queries
    (plus the viewer's view restrictions), whatever the size."""
    rows = Change.objects.select_related("locale").order_by("id")
    if since is not None:
        rows = rows.filter(id__gt=since)
    if locale is not None:
        rows = rows.filter(locale__language_code=locale)
    rows = list(rows[: size + 1])
    settled = settled_part(rows)
    held_back = len(settled) < len(rows)
    has_more = len(settled) > size
    rows = settled[:size]
    visible = {}
    if rows:
        candidates = Page.objects.filter(translation_key__in={row.translation_key for row in rows})
        visible = {
            (key, locale_id): pk
            for pk, key, locale_id in viewer.pages(candidates).values_list("pk", "translation_key", "locale_id")
        }
    entries = [entry(row, visible.get((row.translation_key, row.locale_id))) for row in rows]
    end_cursor = entries[-1].cursor if entries else (encode_cursor(since) if since is not None else None)
    return FeedPage(entries=entries, end_cursor=end_cursor, has_more=has_more, held_back=held_back)


def settled_part(rows: list[Change]) -> list[Change]:
    """The rows before the first one younger than the settling time."""
    threshold = timezone.now() - timedelta(seconds=settings.PORTAL_CHANGES_SETTLE_SECONDS)
    for index, row in enumerate(rows):
        if row.at > threshold:
            return rows[:index]
    return rows


def entry(row: Change, visible_page_id: int | None) -> FeedEntry:
    if row.kind in DROPPING:
        kind = row.kind
    else:
        kind = row.kind if visible_page_id is not None else REMOVED
    return FeedEntry(
        cursor=encode_cursor(row.id),
        kind=kind,
        translation_key=str(row.translation_key),
        locale=row.locale.language_code,
        at=row.at,
        page_id=visible_page_id if kind not in DROPPING else None,
    )
