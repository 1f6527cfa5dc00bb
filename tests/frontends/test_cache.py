"""Anonymous readers' pages are cached as HTML under the API's content version; signed-in readers' never are."""

from unittest import mock

import pytest
import requests
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import include, path
from wagtail_localize.models import StringTranslation, Translation

from cms.glossary.models import GlossaryTerm
from frontends.cache import cached_page
from tests.frontends.helpers import parse
from tests.frontends.test_transport import through_the_api

SPACES = "/en/1-principles/principles/spaces/"
SPACES_ES = "/es/1-principios/principios/espacios/"
POLITICAL_ECONOMY = "/en/2-political-economy/political-economy/"
REGISTER_TITLE = "Register of members"

CACHED_PAGES = [
    SPACES_ES,
    "/ar/welcome/",
    "/es/glossary/",
    "/en/code-of-conduct/",
    "/en/code-of-conduct/1.0/",
    "/en/code-of-conduct/compare/1.0/2.0/",
    "/es/search/?q=espacios",
]


def publish(page, capture_on_commit, **values):
    with capture_on_commit(execute=True):  # the content version moves on when the publish commits
        for name, value in values.items():
            setattr(page, name, value)
        page.save_revision().publish()


def title(response) -> str:
    assert response.status_code == 200, response.content.decode()[:2000]
    return parse(response.content.decode()).find("h1").text


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_a_second_anonymous_request_is_served_without_sql(small_demo, client, url, django_assert_num_queries):
    first = client.get(url)
    assert first.status_code == 200
    # In-process, asking the API for the content version reads the cache only.
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Language"] == first["Content-Language"] == url.split("/")[1]


def test_each_query_string_is_a_page_of_its_own(small_demo, client, django_assert_num_queries):
    spaces = parse(client.get("/es/search/?q=espacios").content.decode())
    nothing = parse(client.get("/es/search/?q=zzzzqqq").content.decode())
    assert spaces.has("li", class_="search-result")
    assert not nothing.has("li", class_="search-result")
    # The order of the parameters changes nothing.
    client.get(SPACES_ES + "?a=1&b=2")
    with django_assert_num_queries(0):
        assert client.get(SPACES_ES + "?b=2&a=1").status_code == 200


def test_scheme_and_host_are_part_of_the_key(small_demo, client):
    """Canonical and alternate links are absolute: a page asked at another address is rendered for it."""

    def canonical(**extra):
        page = parse(client.get(SPACES, **extra).content.decode())
        return page.find("link", rel="canonical").attrs["href"]

    assert canonical(HTTP_HOST="a.example") == "http://a.example" + SPACES
    assert canonical(HTTP_HOST="b.example") == "http://b.example" + SPACES
    assert canonical(HTTP_HOST="b.example", secure=True) == "https://b.example" + SPACES
    assert canonical(HTTP_HOST="a.example") == "http://a.example" + SPACES


def test_publishing_a_page_changes_the_next_anonymous_page(small_demo, client, django_capture_on_commit_callbacks):
    assert title(client.get(SPACES)) == "Spaces"
    publish(small_demo.page("spaces"), django_capture_on_commit_callbacks, title="Meeting spaces")
    assert title(client.get(SPACES)) == "Meeting spaces"
    # Pages that only show it elsewhere (the sidebar of another page) change too.
    sidebar = parse(client.get(POLITICAL_ECONOMY).content.decode()).find("nav", class_="sidebar")
    assert "Meeting spaces" in sidebar.text
    with django_capture_on_commit_callbacks(execute=True):
        small_demo.page("spaces").unpublish()
    assert client.get(SPACES).status_code == 404


def test_publishing_a_translation_changes_the_next_anonymous_page(
    small_demo, client, django_capture_on_commit_callbacks
):
    assert title(client.get(SPACES_ES)) == "Espacios"
    source = small_demo.page("spaces")
    translation = Translation.objects.get(source__object_id=source.translation_key, target_locale__language_code="es")
    with django_capture_on_commit_callbacks(execute=True):
        # As a translator does in wagtail-localize's editor: change the string, then publish the translation.
        string = StringTranslation.objects.get(
            translation_of__data="Spaces", context__path="title", locale__language_code="es"
        )
        string.data = "Salas"
        string.save()
        translation.save_target(publish=True)
    assert title(client.get(SPACES_ES)) == "Salas"


def test_a_glossary_change_changes_the_glossary_page(small_demo, client, django_capture_on_commit_callbacks):
    before = client.get("/en/glossary/").content.decode()
    term = GlossaryTerm.objects.filter(locale__language_code="en").first()
    with django_capture_on_commit_callbacks(execute=True):
        term.definition = "A definition changed a moment ago."
        term.save()
    after = client.get("/en/glossary/").content.decode()
    assert "A definition changed a moment ago." in after
    assert "A definition changed a moment ago." not in before


def members_link(response) -> bool:
    return REGISTER_TITLE in parse(response.content.decode()).find("nav", class_="sidebar").text


def test_a_member_never_gets_the_anonymous_page(small_demo, client, member):
    assert not members_link(client.get(POLITICAL_ECONOMY))  # now cached for anonymous readers
    client.force_login(member)
    response = client.get(POLITICAL_ECONOMY)
    assert members_link(response)  # rendered for them: the members-only page is in their sidebar


def test_a_members_page_is_never_cached(small_demo, client, member):
    signed_in = Client()
    signed_in.force_login(member)
    assert members_link(signed_in.get(POLITICAL_ECONOMY))
    assert not members_link(client.get(POLITICAL_ECONOMY))
    # Nor is a members-only page, which the public does not find.
    register = POLITICAL_ECONOMY + "register-of-members/"
    assert title(signed_in.get(register)) == REGISTER_TITLE
    assert client.get(register).status_code == 404


def test_anonymous_pages_may_be_kept_but_must_be_revalidated(small_demo, client):
    for attempt in ("rendered", "cached"):
        response = client.get(SPACES)
        assert response["Cache-Control"] == "public, max-age=0, must-revalidate", attempt
        assert {"Cookie", "Authorization"} <= {value.strip() for value in response["Vary"].split(",")}, attempt
        assert response["ETag"].startswith('"'), attempt
    again = client.get(SPACES, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_signed_in_readers_pages_are_kept_nowhere(small_demo, client, member):
    client.force_login(member)
    response = client.get(SPACES)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Cookie" in response["Vary"]
    assert not response.has_header("ETag")


def test_requests_with_credentials_are_not_anonymous(small_demo, client):
    client.get(SPACES)
    response = client.get(SPACES, HTTP_AUTHORIZATION="Bearer something")
    assert response["Cache-Control"] == "private, no-store"


def test_not_found_pages_are_not_kept(small_demo, client):
    client.get("/en/nowhere/")
    response = client.get("/en/nowhere/")
    assert response.status_code == 404
    assert not response.has_header("ETag")


class BrokenCache:
    """A shared cache that cannot be reached (Redis down)."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("the cache is down")

        return fail


def test_a_cache_outage_costs_speed_only(small_demo, client, caplog):
    with mock.patch("frontends.cache.cache", BrokenCache()), mock.patch("cms.cache.cache", BrokenCache()):
        assert title(client.get(SPACES)) == "Spaces"
        assert title(client.get("/es/glossary/")) == "Glosario"
        answer = client.post("/graphql/", {"query": "{ contentVersion }"}, content_type="application/json")
    assert answer.json() == {"data": {"contentVersion": None}}
    assert "content version could not be read" in caplog.text


def test_the_content_version_is_an_opaque_token_in_the_api(small_demo, client, django_capture_on_commit_callbacks):
    def version():
        answer = client.post("/graphql/", {"query": "{ contentVersion }"}, content_type="application/json")
        return answer.json()["data"]["contentVersion"]

    before = version()
    assert isinstance(before, str) and before == version()
    publish(small_demo.page("spaces"), django_capture_on_commit_callbacks, title="Meeting spaces")
    assert version() != before


@override_settings(
    FRONTENDS_TRANSPORT={"BACKEND": "frontends.transport.HttpTransport", "OPTIONS": {"url": "http://cms/graphql/"}}
)
def test_a_front_end_apart_from_the_cms_asks_only_the_version(small_demo, client, django_capture_on_commit_callbacks):
    api = through_the_api(Client())
    sent = []

    def post(session, url, json, headers, timeout):
        sent.append(json["query"])
        return api(session, url, json, headers, timeout)

    with mock.patch.object(requests.Session, "post", post):
        assert title(client.get(SPACES_ES)) == "Espacios"
        sent.clear()
        assert title(client.get(SPACES_ES)) == "Espacios"
        assert len(sent) == 1 and "contentVersion" in sent[0]
        publish(small_demo.page("spaces", "es"), django_capture_on_commit_callbacks, title="Salas")
        assert title(client.get(SPACES_ES)) == "Salas"


def test_another_release_renders_its_own_pages(small_demo, client, django_assert_max_num_queries):
    """New templates or catalogs (a deploy) are never mixed with pages rendered by the release before."""
    client.get(SPACES)
    with mock.patch("frontends.cache.release", return_value="another"):
        with django_assert_max_num_queries(100) as captured:
            client.get(SPACES)
    assert len(captured) > 0


@override_settings(FRONTENDS_PAGE_CACHE_SECONDS=0)
def test_the_cache_can_be_turned_off(small_demo, client, django_assert_max_num_queries):
    client.get(SPACES)
    with django_assert_max_num_queries(100) as captured:
        client.get(SPACES)
    assert len(captured) > 0


@cached_page
def form_page(request):
    return HttpResponse(f'<form method="post"><input type="hidden" value="{get_token(request)}"></form>')


urlpatterns = [path("en/form/", form_page), path("", include("frontends.urls"))]


@pytest.mark.urls("tests.frontends.test_cache")
def test_a_page_with_a_csrf_token_belongs_to_one_reader(db, client):
    first = client.get("/en/form/")
    second = Client().get("/en/form/")
    assert first.content != second.content
    assert not second.has_header("ETag")
