"""The transports: documents by name, the schema in-process with the reader's request, a remote API over HTTP."""

import json
from unittest import mock

import pytest
import requests
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory, override_settings
from graphql import parse as graphql_parse

from frontends.documents import load
from frontends.transport import (
    HttpTransport,
    InProcessTransport,
    QueryError,
    Transport,
    TransportError,
    TransportUnavailable,
    get_transport,
    prepared,
)
from tests.frontends.helpers import parse

REGISTER_PATH = "/2-political-economy/political-economy/register-of-members/"


def test_documents_are_loaded_by_name_with_their_fragments():
    page = load("page")
    assert page.count("fragment LocaleFields on Locale") == 1  # imported twice, included once
    assert "fragment SiteFields on Query" in page and "fragment BodyFields on BodyBlock" in page
    assert "#import" not in page
    with pytest.raises(FileNotFoundError):
        load("no-such-document")
    with pytest.raises(ValueError, match="live under"):
        load("../transport")


def test_the_in_process_transport_by_default():
    assert isinstance(get_transport(), InProcessTransport)
    with override_settings(
        FRONTENDS_TRANSPORT={
            "BACKEND": "frontends.transport.HttpTransport",
            "OPTIONS": {"url": "http://api.example/graphql/"},
        }
    ):
        transport = get_transport()
        assert isinstance(transport, HttpTransport)
        assert transport.asset_base == "http://api.example"
    assert isinstance(get_transport(), InProcessTransport)


def test_in_process_executes_with_the_readers_request(small_demo, member):
    request = RequestFactory().get("/")
    transport = InProcessTransport()
    variables = {"locale": "en", "path": REGISTER_PATH}
    request.user = AnonymousUser()
    assert transport.execute(load("page"), variables, request=request)["page"] is None
    request = RequestFactory().get("/")
    request.user = member
    assert transport.execute(load("page"), variables, request=request)["page"]["title"] == "Register of members"


def test_in_process_errors_are_query_errors(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(QueryError, match="Unknown locale"):
        InProcessTransport().execute(load("navigation"), {"locale": "xx"}, request=request)


def test_in_process_parses_and_validates_each_document_once(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    transport = InProcessTransport()
    prepared.cache_clear()
    with mock.patch("frontends.transport.parse", wraps=graphql_parse) as parsing:
        for _ in range(3):
            assert transport.execute("{ contentVersion }", request=request)["contentVersion"]
    assert parsing.call_count == 1


def test_in_process_refuses_an_invalid_document_as_a_query_error(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(QueryError, match="Cannot query field 'nope'"):
        InProcessTransport().execute("{ nope }", request=request)


class FakeResponse:
    def __init__(self, status_code=200, body=None, text=None):
        self.status_code = status_code
        self._body, self._text = body, text

    def json(self):
        if self._text is not None:
            return json.loads(self._text)
        return self._body


def test_http_posts_json_with_a_bearer_token_and_timeouts():
    transport = HttpTransport("https://api.example/graphql/", token="s3cret", connect_timeout=2, read_timeout=7)
    with mock.patch.object(requests.Session, "post", return_value=FakeResponse(body={"data": {"locales": []}})) as post:
        assert transport.execute("{ locales { code } }", {"a": 1}) == {"locales": []}
    (url,), options = post.call_args
    assert url == "https://api.example/graphql/"
    assert options["json"] == {"query": "{ locales { code } }", "variables": {"a": 1}}
    assert options["headers"]["Authorization"] == "Bearer s3cret"
    assert options["headers"]["Content-Type"] == "application/json"
    assert options["timeout"] == (2, 7)
    anonymous = HttpTransport("https://api.example/graphql/")
    assert "Authorization" not in anonymous.headers()


@pytest.mark.parametrize(
    ("outcome", "error"),
    [
        (requests.ConnectTimeout("slow"), TransportUnavailable),
        (requests.ReadTimeout("slow"), TransportUnavailable),
        (requests.ConnectionError("refused"), TransportUnavailable),
        (FakeResponse(502, text="<html>Bad gateway</html>"), TransportUnavailable),
        (FakeResponse(500, body={"data": None}), TransportUnavailable),
        (FakeResponse(400, body={"errors": [{"message": "Unknown locale 'xx'."}]}), QueryError),
        (FakeResponse(200, body={"data": None, "errors": [{"message": "boom"}]}), QueryError),
    ],
)
def test_http_failures_become_transport_errors(outcome, error):
    transport = HttpTransport("https://api.example/graphql/")
    side_effect = outcome if isinstance(outcome, Exception) else None
    with mock.patch.object(requests.Session, "post", side_effect=side_effect, return_value=outcome):
        with pytest.raises(error) as raised:
            transport.execute("{ locales { code } }")
    assert isinstance(raised.value, TransportError)
    assert str(raised.value)


def through_the_api(client: Client):
    """requests.Session.post answered by the portal's own API view, as a remote portal would answer."""

    def post(session, url, json, headers, timeout):
        response = client.post("/graphql/", json, content_type="application/json")
        return FakeResponse(response.status_code, text=response.content.decode())

    return post


@override_settings(
    FRONTENDS_TRANSPORT={"BACKEND": "frontends.transport.HttpTransport", "OPTIONS": {"url": "http://cms/graphql/"}}
)
def test_a_front_end_apart_from_the_cms_shows_public_pages(small_demo, client, member):
    with mock.patch.object(requests.Session, "post", through_the_api(Client())):
        page = parse(client.get("/es/1-principios/principios/espacios/").content.decode())
        assert page.find("h1").text == "Espacios"
        assert page.has("div", class_="notice notice-outdated")
        # The front end's own session does not reach a remote API: members-only pages stay hidden.
        client.force_login(member)
        assert client.get("/en" + REGISTER_PATH).status_code == 404


class DownTransport(Transport):
    def execute(self, document, variables=None, *, request=None):
        raise TransportUnavailable("The content API is down.")


@override_settings(FRONTENDS_TRANSPORT={"BACKEND": "tests.frontends.test_transport.DownTransport"})
def test_an_unreachable_api_shows_a_friendly_page(db, client):
    response = client.get("/fr/1-principles/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = parse(response.content.decode())
    assert page.find("html").attrs["lang"] == "fr"
    assert page.find("h1").text == "Le manuel est momentanément indisponible"
    # The language switch still leads somewhere sensible, and error pages need no API.
    assert client.get("/language/fr/?page=5")["Location"] == "/fr/"
    assert client.get("/language/xx/", headers={"Accept-Language": "de"}).status_code == 404
