"""Reading the feed in stretches: cursors, order, bounds, a constant number of queries, and settling."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from cms.changes.feed import decode_cursor, encode_cursor
from cms.changes.models import Change
from tests.changes.conftest import feed, make_members_only, read_feed
from tests.factories import grow


def test_a_reader_gets_every_change_once_in_order(client, book, committed):
    with committed():
        grow(book["chapter"], 7)
    everything = feed(client, first=100)["changes"]
    assert len(everything) == 10
    read, since = [], None
    while True:
        stretch = feed(client, since=since, first=3)
        read += stretch["changes"]
        since = stretch["endCursor"]
        if not stretch["hasMore"]:
            break
    assert read == everything
    # At the end the cursor stays where it is, and later changes follow it.
    assert feed(client, since=since) == {"changes": [], "endCursor": since, "hasMore": False}
    with committed():
        book["first"].save_revision().publish()
    (latest,) = feed(client, since=since)["changes"]
    assert latest["kind"] == "UPDATED"


def test_cursors_are_opaque_and_stable(book, client):
    changes = feed(client)["changes"]
    assert [decode_cursor(change["cursor"]) for change in changes] == sorted(
        Change.objects.values_list("id", flat=True)
    )
    assert all(change["cursor"] == encode_cursor(decode_cursor(change["cursor"])) for change in changes)
    assert not any(change["cursor"].isdigit() for change in changes)
    assert feed(client)["changes"] == changes


def test_an_empty_feed_has_no_cursor(client, db):
    assert feed(client) == {"changes": [], "endCursor": None, "hasMore": False}


def test_bad_cursors_and_sizes_are_refused(client, book, settings):
    assert read_feed(client, since="not a cursor").status_code == 400
    assert read_feed(client, since=encode_cursor(1)[:-1] + "!").status_code == 400
    assert read_feed(client, first=-1).status_code == 400
    assert read_feed(client, first=settings.PORTAL_API_MAX_PAGE_SIZE + 1).status_code == 400
    assert len(feed(client, first=settings.PORTAL_API_MAX_PAGE_SIZE)["changes"]) == 3


def test_the_number_of_queries_does_not_grow_with_the_feed(client, book, committed, django_assert_num_queries):
    with committed():
        make_members_only(book["second"])  # a restriction for the visibility rule to work through
    read_feed(client, first=2)  # warm whatever the first request of a process loads
    cache.clear()  # anonymous answers are cached: count the queries of a fresh one
    # The changes, the visible pages among them, and the view restrictions (two queries and their groups).
    with django_assert_num_queries(5):
        assert len(feed(client, first=2)["changes"]) == 2
    with committed():
        grow(book["chapter"], 30)
    cache.clear()
    with django_assert_num_queries(5):
        assert len(feed(client, first=30)["changes"]) == 30


def test_changes_younger_than_the_settling_time_wait(client, book, committed, settings):
    settings.PORTAL_CHANGES_SETTLE_SECONDS = 5
    Change.objects.update(at=timezone.now() - timedelta(seconds=6))
    with committed():
        book["first"].save_revision().publish()
    waiting = read_feed(client)
    # The settled changes come, up to the first one still settling; the answer is kept by no cache, since it will
    # be out of date within seconds.
    assert [change["kind"] for change in waiting.json()["data"]["changes"]["changes"]] == ["CREATED"] * 3
    assert waiting["Cache-Control"] == "private, no-store"
    Change.objects.update(at=timezone.now() - timedelta(seconds=6))
    assert [change["kind"] for change in feed(client)["changes"]] == ["CREATED"] * 3 + ["UPDATED"]
    assert read_feed(client)["Cache-Control"] != "private, no-store"
