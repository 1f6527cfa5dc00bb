"""The change feed through the API: every kind of change, in order, and what each viewer may know of it."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.changes.models import Change
from portal.federation.models import Partner, PartnerToken, Scope
from tests.changes.conftest import feed, make_members_only, read_feed
from tests.factories import add_page


def seen(client, pages, **kwargs) -> list[tuple[str, str, str]]:
    """(kind, name of the page in `pages`, locale) for every change, oldest first."""
    names = {str(page.translation_key): name for name, page in pages.items()}
    return [(c["kind"], names[c["translationKey"]], c["locale"]) for c in feed(client, **kwargs)["changes"]]


def test_publishing_creates_then_updates(client, book, committed):
    assert seen(client, book) == [("CREATED", "chapter", "en"), ("CREATED", "first", "en"), ("CREATED", "second", "en")]
    first = book["first"]
    first.title = "First, edited"
    with committed():
        first.save_revision().publish()
    changes = feed(client)["changes"]
    assert (changes[-1]["kind"], changes[-1]["pageId"]) == ("UPDATED", str(first.pk))
    assert changes[-1]["translationKey"] == str(first.translation_key)


def test_a_rolled_back_savepoint_leaves_no_trace(client, book, committed):
    with committed():
        book["first"].save_revision().publish()
        try:
            with transaction.atomic():
                book["second"].save_revision().publish()
                raise RuntimeError("changed my mind")
        except RuntimeError:
            pass
        book["chapter"].save_revision().publish()
    assert seen(client, book)[3:] == [("UPDATED", "first", "en"), ("UPDATED", "chapter", "en")]


def test_a_draft_is_not_journalled(client, book, committed):
    with committed():
        draft = book["chapter"].add_child(instance=type(book["first"])(title="Draft", slug="draft"))
        draft.save_revision()
    assert len(feed(client)["changes"]) == 3


def test_moving_a_page_moves_its_subtree(client, book, committed):
    with committed():
        below = add_page(book["first"], "Below")
    with committed():
        book["first"].move(book["second"], pos="last-child")
    tail = seen(client, {**book, "below": below})[-2:]
    assert tail == [("MOVED", "first", "en"), ("MOVED", "below", "en")]


def test_unpublishing_reads_as_unpublished(client, book, committed):
    with committed():
        book["second"].unpublish()
    last = feed(client)["changes"][-1]
    assert (last["kind"], last["pageId"]) == ("UNPUBLISHED", None)
    # Its earlier changes now read as removed: a mirror reading from the start never adds it.
    assert seen(client, book)[2] == ("REMOVED", "second", "en")


def test_deleting_a_page_reads_as_deleted_for_it_and_its_subtree(client, book, committed):
    with CaptureQueriesContext(connection) as queries, committed():
        Page.objects.get(pk=book["chapter"].pk).delete()
    # One statement journals the whole transaction.
    assert sum('INSERT INTO "changes_change"' in query["sql"] for query in queries.captured_queries) == 1
    tail = seen(client, book)[-3:]
    assert sorted(tail) == [("DELETED", "chapter", "en"), ("DELETED", "first", "en"), ("DELETED", "second", "en")]
    assert Change.objects.filter(kind="deleted").count() == 3  # once per page, whatever its specific class


def test_translations_are_journalled_in_their_language(client, book, committed, spanish):
    from wagtail_localize.models import TranslationSource

    with committed():
        book["index"].copy_for_translation(spanish).save_revision().publish()
    Change.objects.filter(locale=spanish).delete()  # the feed starts with the chapter in Spanish too
    with committed():
        chapter_es = book["chapter"].copy_for_translation(spanish)
        chapter_es.save_revision().publish()
        first_es = book["first"].copy_for_translation(spanish)
        first_es.save_revision().publish()
    assert seen(client, book, locale="es") == [("CREATED", "chapter", "es"), ("CREATED", "first", "es")]
    source, _created = TranslationSource.get_or_create_from_instance(book["first"])
    with committed():
        source.update_from_db()  # the English page's changes synced to its translations
    assert seen(client, book, locale="es")[-1] == ("TRANSLATION_UPDATED", "first", "es")
    assert ("TRANSLATION_UPDATED", "first", "en") not in seen(client, book)


def test_the_locale_filter_checks_its_language(client, book):
    response = read_feed(client, locale="xx")
    assert response.status_code == 400


@pytest.fixture
def partner_tokens(db):
    partner = Partner.objects.create(name="Rivers", slug="rivers", base_url="https://rivers.example")
    return {
        scope: {"Authorization": f"Bearer {PartnerToken.issue(partner, scope, scope)[1]}"}
        for scope in (Scope.PUBLIC, Scope.MEMBERS)
    }


def test_members_only_pages_read_as_removed_for_the_public(client, book, committed, partner_tokens):
    with committed():
        make_members_only(book["chapter"])
    public = seen(client, book, headers=partner_tokens[Scope.PUBLIC])
    members = seen(client, book, headers=partner_tokens[Scope.MEMBERS])
    # The restriction is a change of its own for every page below it, so mirrors that read past the pages'
    # creation learn to drop them.
    assert public[3:] == members_tail("REMOVED")
    assert members[3:] == members_tail("ACCESS_CHANGED")
    assert {kind for kind, _name, _locale in public} == {"REMOVED"}
    assert {kind for kind, _name, _locale in members[:3]} == {"CREATED"}
    assert all(c["pageId"] is None for c in feed(client, headers=partner_tokens[Scope.PUBLIC])["changes"])
    # Anonymous readers see what a public token sees.
    assert seen(client, book) == public


def members_tail(kind):
    return [(kind, "chapter", "en"), (kind, "first", "en"), (kind, "second", "en")]


def test_lifting_a_restriction_makes_pages_visible_again(client, book, committed):
    with committed():
        restriction = make_members_only(book["first"])
    with committed():
        restriction.delete()
    assert seen(client, book)[-1] == ("ACCESS_CHANGED", "first", "en")
    assert "REMOVED" not in {kind for kind, _name, _locale in seen(client, book)}
