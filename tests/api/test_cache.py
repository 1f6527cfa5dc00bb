"""Anonymous answers are cached under the content version; viewer-dependent ones never are."""

from types import SimpleNamespace

import pytest

from portal.api.view import is_query
from portal.members.models import PersonalToken

SPACES = '{ title(key: "spaces") }'


def publish_title(page, title, capture_on_commit):
    with capture_on_commit(execute=True):  # the version moves on when the publish commits
        page.title = title
        page.save_revision().publish()


def test_a_repeated_anonymous_query_is_served_from_the_cache(api, executions):
    first, second = api.post(), api.post()
    assert executions.call_count == 1
    assert second.content == first.content


def test_get_and_post_share_cached_answers(api, executions):
    assert api.get().content == api.post().content
    assert executions.call_count == 1


@pytest.mark.urls("tests.api.urls")
def test_a_cached_answer_runs_no_sql(small_demo, api, django_assert_num_queries):
    assert api.post(SPACES).json() == {"data": {"title": "Spaces"}}
    with django_assert_num_queries(0):
        assert api.post(SPACES).json() == {"data": {"title": "Spaces"}}


@pytest.mark.urls("tests.api.urls")
def test_publishing_a_page_changes_the_answer_at_once(small_demo, api, django_capture_on_commit_callbacks):
    assert api.post(SPACES).json() == {"data": {"title": "Spaces"}}

    publish_title(small_demo.page("spaces"), "Meeting spaces", django_capture_on_commit_callbacks)
    assert api.post(SPACES).json() == {"data": {"title": "Meeting spaces"}}

    with django_capture_on_commit_callbacks(execute=True):
        small_demo.page("spaces").unpublish()
    assert api.post(SPACES).json() == {"data": {"title": None}}


@pytest.mark.urls("tests.api.urls")
def test_each_language_is_cached_apart(small_demo, api, executions):
    english = api.post(SPACES, headers={"Accept-Language": "en"})
    spanish = api.post(SPACES, headers={"Accept-Language": "es"})
    assert english.json()["data"]["title"] == "Spaces"
    assert spanish.json()["data"]["title"] == small_demo.page("spaces", "es").title != "Spaces"
    assert api.post(SPACES, headers={"Accept-Language": "es"}).content == spanish.content
    assert executions.call_count == 2


def test_variables_and_the_operation_name_are_part_of_the_key(api, executions):
    query = "query A($skip: Boolean!) { locales { code @skip(if: $skip) } } query B { locales { name } }"
    answers = [
        api.post(query, variables={"skip": False}, operation_name="A").json(),
        api.post(query, variables={"skip": True}, operation_name="A").json(),
        api.post(query, operation_name="B").json(),
    ]
    assert answers[0]["data"]["locales"][0] == {"code": "en"}
    assert answers[1]["data"]["locales"][0] == {}
    assert answers[2]["data"]["locales"][0] == {"name": "English"}
    assert executions.call_count == 3


def test_anonymous_answers_are_public_and_must_be_revalidated(api):
    response = api.get()
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert response["ETag"].startswith('"')
    # Shared caches must not hand this answer to a signed-in reader or a token holder.
    assert {"Authorization", "Cookie", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}


def test_a_signed_in_readers_answers_are_never_cached_nor_public(client, api, member, executions):
    names = "{ locales { name } }"
    api.post()  # cached for anonymous readers, but not to be served to a member
    client.force_login(member)
    responses = [api.post(), api.get(), api.post(names)]
    assert executions.call_count == 4
    for response in responses:
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert not response.has_header("ETag")

    client.logout()
    api.post(names)  # nothing was stored from the member's answers
    assert executions.call_count == 5


def test_an_authorization_header_makes_the_answer_private(api, member, executions):
    _record, token = PersonalToken.issue(member.member, "Script")
    responses = [api.post(headers={"Authorization": f"Bearer {token}"}) for _ in range(2)]
    assert executions.call_count == 2
    assert {response.status_code for response in responses} == {200}
    assert {response["Cache-Control"] for response in responses} == {"private, no-store"}


def test_a_matching_etag_answers_304_without_a_body(api):
    etag = api.get()["ETag"]
    response = api.get(headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert api.get(headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304


def test_a_stale_etag_gets_the_whole_answer(api):
    response = api.get(headers={"If-None-Match": '"not-this-one"'})
    assert response.status_code == 200
    assert response.json()["data"]["locales"]


@pytest.mark.urls("tests.api.urls")
def test_the_etag_changes_with_the_content(small_demo, api, django_capture_on_commit_callbacks):
    etag = api.get(SPACES)["ETag"]
    publish_title(small_demo.page("spaces"), "Meeting spaces", django_capture_on_commit_callbacks)
    response = api.get(SPACES, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


@pytest.mark.urls("tests.api.urls")
def test_an_answer_with_errors_is_not_cached(api, executions):
    responses = [api.post("{ broken }") for _ in range(2)]
    assert executions.call_count == 2
    assert responses[0].json()["errors"][0]["message"] == "The server could not answer this field."
    assert responses[0]["Cache-Control"] == "private, no-store"


def test_a_refused_request_is_not_public(api):
    response = api.post("{ nope }")
    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"


def test_a_cache_outage_costs_speed_not_answers(api, executions, monkeypatch):
    def unavailable(*_args, **_kwargs):
        raise ConnectionError("redis is down")

    broken = SimpleNamespace(get=unavailable, set=unavailable)
    monkeypatch.setattr("portal.api.cache.cache", broken)
    monkeypatch.setattr("cms.cache.cache", broken)
    assert [api.post().status_code for _ in range(2)] == [200, 200]
    assert executions.call_count == 2


@pytest.mark.parametrize(
    ("document", "operation_name", "expected"),
    [
        ("{ locales { code } }", None, True),
        ("query A { locales { code } } mutation B { x }", "A", True),
        ("query A { locales { code } } mutation B { x }", "B", False),
        ("subscription { x }", None, False),
        ("{ locales", None, False),
    ],
)
def test_only_queries_may_be_cached(document, operation_name, expected):
    # There are no mutations yet; when there are, a cached "success" must never stand in for running one.
    assert is_query(document, operation_name) is expected
