import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, PageViewRestriction

from cms.changes.models import Change
from cms.handbook.models import HandbookIndexPage
from portal.members.groups import MEMBERS
from tests.api.conftest import empty_cache  # noqa: F401  (autouse: anonymous answers are cached)
from tests.factories import add_page

FEED = """query Feed($since: String, $locale: String, $first: Int) {
  changes(since: $since, locale: $locale, first: $first) {
    changes { cursor kind translationKey locale at pageId }
    endCursor
    hasMore
  }
}"""


@pytest.fixture(autouse=True)
def no_settling(settings):
    settings.PORTAL_CHANGES_SETTLE_SECONDS = 0


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block changes as if its transaction committed: the journal is written on commit.

    Make every change of a test inside such a block: rows journalled outside one wait for a commit that never
    comes, and rows journalled later in the same transaction would join them."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def book(db, committed):
    """A small handbook in English: its index, a chapter with two pages. The index is made as if before the
    journal began, so the feed starts with the chapter."""
    with committed():
        index = HandbookIndexPage(title="Handbook", slug="handbook")
        Page.objects.get(depth=1).add_child(instance=index)
        index.save_revision().publish()
    Change.objects.all().delete()
    with committed():
        chapter = add_page(index, "Chapter")
        first = add_page(chapter, "First")
        second = add_page(chapter, "Second")
    return {"index": index, "chapter": chapter, "first": first, "second": second}


@pytest.fixture
def spanish(db):
    return Locale.objects.get_or_create(language_code="es")[0]


def make_members_only(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get_or_create(name=MEMBERS)[0]])
    return restriction


def read_feed(client, since=None, locale=None, first=None, headers=None):
    variables = {"since": since, "locale": locale, "first": first}
    body = json.dumps({"query": FEED, "variables": variables})
    response = client.post("/graphql/", body, content_type="application/json", headers=headers)
    return response


def feed(client, **kwargs):
    response = read_feed(client, **kwargs)
    assert response.status_code == 200, response.content
    return response.json()["data"]["changes"]


def kinds(client, **kwargs) -> list[tuple[str, str, str]]:
    """(kind, page title as a test names it, locale) for every change, oldest first."""
    return [
        (change["kind"], change["translationKey"], change["locale"]) for change in feed(client, **kwargs)["changes"]
    ]
