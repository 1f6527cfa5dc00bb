"""Built trees and restrictions are kept per content version; every committed change retires them."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from portal.schema import schema

TREE = '{ handbook(locale: "es") { entries { title path } } }'


def run(document):
    request = RequestFactory().post("/graphql/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as captured:
        result = schema.execute(document, context_value=request)
    assert result.errors is None, result.errors
    return result.data, len(captured.captured_queries)


def titles(data):
    return [entry["title"] for entry in data["handbook"]["entries"]]


def test_trees_are_reused_until_a_committed_change(small_demo, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_CONTENT_MEMO = True
    first, built = run(TREE)
    again, reused = run(TREE)
    assert again == first
    assert reused == 0 < built

    page = small_demo.page("commoning")
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Commoning, renamed"
        page.save_revision().publish()
    assert "Commoning, renamed" in titles(run(TREE)[0])

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=small_demo.page("1-principles"), restriction_type="login")
    assert "Espacios" not in titles(run(TREE)[0])
