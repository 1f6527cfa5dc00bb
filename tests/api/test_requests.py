"""What the endpoint accepts: one JSON operation per POST, or a query over GET; every refusal a JSON 400."""

import json

import pytest
from django.test import override_settings

from portal.api.view import PortalGraphQLView
from tests.api.helpers import LOCALES, error_message

LOCALE_CODES = {"locales": [{"code": code} for code in ("en", "es", "fr", "de", "ar")]}


def test_a_json_post_is_answered(api):
    response = api.post()
    assert response.status_code == 200
    assert response.json() == {"data": LOCALE_CODES}


def test_a_json_post_with_a_charset_is_answered(client):
    response = client.post("/graphql/", json.dumps({"query": LOCALES}), content_type="application/json; charset=utf-8")
    assert response.json() == {"data": LOCALE_CODES}


def test_a_query_over_get_is_answered(api):
    assert api.get().json() == {"data": LOCALE_CODES}


def test_variables_and_operation_name_are_used(api):
    query = "query One { locales { code } } query Two($skip: Boolean!) { locales { code @skip(if: $skip) name } }"
    response = api.post(query, variables={"skip": True}, operation_name="Two")
    assert response.json()["data"]["locales"][0] == {"name": "English"}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ({"query": LOCALES}, "multipart/form-data; boundary=BoUnDaRy"),
        (f"query={LOCALES}", "application/x-www-form-urlencoded"),
        (json.dumps({"query": LOCALES}), "text/plain"),
        (LOCALES, "application/graphql"),
        (json.dumps({"query": LOCALES}), ""),
    ],
)
def test_a_post_that_is_not_json_is_refused(client, body, content_type):
    # Forms and text/plain are what another site can make a browser send with the reader's cookies.
    response = client.post("/graphql/", body, content_type=content_type)
    assert error_message(response) == "POST requests must have Content-Type: application/json."


def test_a_mutation_over_get_is_refused(api):
    message = error_message(api.get("mutation { anything }"))
    assert message == "Can only perform a mutation operation from a POST request."


def test_a_batch_is_refused(api):
    response = api.post_raw(json.dumps([{"query": LOCALES}, {"query": LOCALES}]))
    assert error_message(response).startswith("Batched operations are not supported")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"query": ', "The request body is not valid JSON."),
        (b" ", "The request body is not valid JSON."),
        (b"[" * 100_000 + b"]" * 100_000, "The request body is not valid JSON."),
        (b'{"query": "{ locales { code } } # \xff"}', "The request body is not valid UTF-8."),
        (b'"{ locales }"', 'The request body must be a JSON object such as {"query": "{ locales { code } }"}.'),
        (b'{"query": ["{ locales { code } }"]}', "The query must be a string."),
        (b'{"query": "{ locales { code } }", "variables": [1]}', "Variables must be a JSON object."),
        (b'{"query": "{ locales { code } }", "variables": "{not json"}', "Variables are invalid JSON."),
        (b'{"query": "{ locales { code } }", "operationName": 5}', "The operation name must be a string."),
        (b'{"variables": {}}', "Must provide query string."),
    ],
)
def test_a_malformed_body_is_refused(api, body, message):
    assert error_message(api.post_raw(body)) == message


def test_a_lone_surrogate_in_the_document_is_a_400_not_a_server_error(api):
    # Valid JSON, but no text that UTF-8 can hold: counting the document's bytes must not fail on it.
    response = api.post_raw(b'{"query": "{ locales { code } } # \\ud800"}')
    assert error_message(response) == "Syntax Error: Invalid character: U+D800."


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_djangos_limit_is_refused(api):
    response = api.post(LOCALES + " " * 2000)
    assert response.status_code == 413
    assert response.json() == {"errors": [{"message": "The request body is too large."}]}


@override_settings(PORTAL_API_MAX_DOCUMENT_BYTES=100)
@pytest.mark.parametrize("method", ["post", "get"])
def test_a_document_over_the_limit_is_refused_before_parsing(api, method, monkeypatch):
    def parse(*_args, **_kwargs):
        raise AssertionError("an oversized document must not be parsed")

    monkeypatch.setattr("graphene_django.views.parse", parse)
    # Counted in bytes of UTF-8, not in characters: "é" is two bytes.
    document = f"{LOCALES} # {'é' * 39}"
    assert (len(document), len(document.encode())) == (62, 101)
    assert error_message(getattr(api, method)(document)) == "The query document is 101 bytes; the limit is 100."


@override_settings(PORTAL_API_MAX_DOCUMENT_BYTES=100)
def test_a_document_at_the_limit_is_answered(api):
    document = LOCALES + " " * (100 - len(LOCALES))
    assert api.post(document).status_code == 200


def test_a_syntax_error_is_a_400_with_a_message(api):
    assert error_message(api.post("{ locales { code }")).startswith("Syntax Error")


def test_an_unknown_field_is_a_400_with_a_message(api):
    assert "Cannot query field 'nope'" in error_message(api.post("{ nope }"))


def test_other_methods_are_refused_with_a_json_body(client):
    response = client.put("/graphql/", json.dumps({"query": LOCALES}), content_type="application/json")
    # 405 rather than 400: the method itself is wrong, and Allow tells the client which to use.
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert response.json() == {"errors": [{"message": "GraphQL only supports GET and POST requests."}]}


def test_graphiql_is_not_served_without_debug(api, settings):
    assert settings.DEBUG is False
    response = api.get(headers={"Accept": "text/html"})
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"data": LOCALE_CODES}
    assert error_message(api.client.get("/graphql/", headers={"Accept": "text/html"})) == "Must provide query string."


def test_graphiql_is_served_where_it_is_turned_on(rf):
    # The check above would notice: the same request gets GraphiQL from a view with graphiql on (DEBUG in urls.py).
    response = PortalGraphQLView.as_view(graphiql=True)(rf.get("/graphql/", headers={"Accept": "text/html"}))
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()


def test_no_csrf_token_is_needed_nor_set(client, member):
    # A signed-in member's client posts JSON without a token; no csrftoken cookie comes back to spoil caching.
    client.force_login(member)
    client.handler.enforce_csrf_checks = True
    response = client.post("/graphql/", json.dumps({"query": LOCALES}), content_type="application/json")
    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
