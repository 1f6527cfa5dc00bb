"""Requests meant to hurt the API: each gets a clear JSON error (400, 405 or 413), never a server error.

The shapes checked elsewhere (tests/api/test_validation.py: depth, aliases, fragment cycles on themselves,
tests/api/test_requests.py: forms, batches, malformed JSON and UTF-8) are not repeated here.
"""

import base64
import json

import pytest
from django.test import override_settings

from cms.feedback.models import TranslationRequest
from tests.api.helpers import error_message

SEARCH = 'search(locale: "en", query: "space") { results { excerpt page { title } } }'


def aliased(field: str, count: int) -> str:
    return "{ " + " ".join(f"a{n}: {field}" for n in range(count)) + " }"


def cursor(offset) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def search_with(api, **arguments):
    query = (
        "query($first: Int, $after: String, $query: String!) {"
        ' search(locale: "en", query: $query, first: $first, after: $after) { results { excerpt } hasNextPage } }'
    )
    return api.post(query, variables={"query": "space", **arguments})


# Shape of the document


def test_inline_fragments_nested_past_the_parsers_reach_are_a_400(api):
    query = "{" + "...{" * 1500 + "__typename" + "}" * 1501  # 7.5 KB, within the size limit
    assert error_message(api.post(query)) == "Syntax Error: Document is nested too deeply. Parsing aborted."


def test_inline_fragments_nested_within_the_parsers_reach_are_answered(api):
    # Inline fragments add no depth: what they select is merged into the field around them.
    query = "{ " + "... { " * 50 + "__typename" + " }" * 51
    assert api.post(query).json() == {"data": {"__typename": "Query"}}


def test_a_hundred_aliases_of_a_search_are_refused_before_searching(db, api, django_assert_num_queries):
    with django_assert_num_queries(0):
        message = error_message(api.post(aliased(SEARCH, 100)))
    assert message == "The query uses 100 aliases; the limit is 20."


REPEATED = "The query repeats fields too often (within repeated fields); select each field once."


def test_twenty_duplicated_fields_are_merged_and_cost_what_one_does(small_demo, api, django_assert_num_queries):
    once = 'query($q: String!) { search(locale: "en", query: $q) { results { excerpt } } }'
    many = 'query($q: String!) { search(locale: "en", query: $q) { results { ' + "excerpt " * 20 + "} } }"
    api.post(once, variables={"q": "principles"})  # the first request warms per-process look-ups
    with django_assert_num_queries(1000, exact=False) as single:
        expected = api.post(once, variables={"q": "space"}).json()
    assert expected["data"]["search"]["results"]
    with django_assert_num_queries(len(single.captured_queries)):
        # Another document, so not answered from the cache; identical fields are merged and run once.
        assert api.post(many, variables={"q": "space"}).json() == expected


def test_twenty_top_level_duplicates_are_merged(small_demo, api):
    once = api.post('{ handbook(locale: "en") { title } }').json()
    assert once["data"]["handbook"]["title"]
    assert api.post("{ " + 'handbook(locale: "en") { title } ' * 20 + "}").json() == once


@pytest.mark.parametrize(
    "query",
    [
        'query($q: String!) { search(locale: "en", query: $q) { results { ' + "excerpt " * 500 + "} } }",
        "{ " + 'handbook(locale: "en") { title } ' * 300 + "}",
        "{ " + "... { locales { code } } " * 300 + "}",
    ],
    ids=["500 leaves", "300 root fields", "300 in inline fragments"],
)
def test_hundreds_of_duplicated_fields_are_refused_before_any_work(db, api, query, django_assert_num_queries):
    # Checking that duplicates can be merged compares every pair: quadratic, so refused up front.
    with django_assert_num_queries(0):
        assert error_message(api.post(query, variables={"q": "space"})) == REPEATED


def test_duplicates_within_duplicates_are_refused(db, api):
    # Two of each at eight levels (5 KB, within the depth limit): pairs of pairs of pairs... for the merge check.
    inner = "name"
    for field in ["ofType"] * 5 + ["type", "fields", "types"]:
        inner = " ".join([field + "{" + inner + "}"] * 2)
    query = "{__schema{" + inner + "}}"
    assert len(query) < 10240
    assert error_message(api.post(query)) == REPEATED


def test_duplicated_fields_with_different_arguments_are_refused(api):
    query = '{ search(locale: "en", query: "a") { hasNextPage } search(locale: "en", query: "b") { hasNextPage } }'
    assert "conflict because they have differing arguments" in error_message(api.post(query))


def test_many_conflicting_duplicates_are_refused(db, api):
    query = "{ " + " ".join(f'term(locale: "en", slug: "s{n}") {{ slug }}' for n in range(200)) + " }"
    assert error_message(api.post(query)) == REPEATED


@pytest.mark.parametrize("directive", ["@skip(if: false)", "@include(if: true)"])
def test_repeated_directives_are_refused(api, directive):
    query = "{ locales { code " + f"{directive} " * 500 + "} }"
    response = api.post(query)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors
    name = directive.split("(")[0]
    repeated = f"The directive '{name}' can only be used once at this location."
    # graphql-core stops after 100 errors and says so.
    assert {error["message"] for error in errors} == {
        repeated,
        "Too many validation errors, error limit reached. Validation aborted.",
    }


def test_fragments_that_spread_each_other_are_refused(api):
    query = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }"
    assert error_message(api.post(query)) == "Cannot spread fragment 'A' within itself via 'B', 'C'."


def test_a_fragment_that_spreads_itself_through_an_inline_fragment_is_refused(api):
    query = "{ ...A } fragment A on Query { ... on Query { ...A } }"
    assert error_message(api.post(query)) == "Cannot spread fragment 'A' within itself."


def test_an_unexpected_failure_names_no_internals(db, api, monkeypatch, caplog):
    def fail(_cursor):
        raise RuntimeError("SELECT secret FROM auth_user")

    monkeypatch.setattr("cms.graphql.handbook.resolvers.decode_cursor", fail)
    response = search_with(api, after="x")
    assert response.status_code == 200
    assert response.json()["errors"][0]["message"] == "The server could not answer this field."
    assert b"secret" not in response.content
    assert "SELECT secret FROM auth_user" in caplog.text  # the log keeps it for the operators


# Batches


@pytest.mark.parametrize("body", ["[]", json.dumps([{"query": "{ locales { code } }"}] * 1000)])
def test_batches_of_any_length_are_refused(api, body):
    assert error_message(api.post_raw(body)).startswith("Batched operations are not supported")


# Numbers


@pytest.mark.parametrize(("first", "message"), [(101, "got 101"), (1_000_000, "got 1000000"), (-1, "got -1")])
def test_page_sizes_outside_the_limit_are_refused(small_demo, api, first, message):
    assert error_message(search_with(api, first=first)) == f"`first` must be between 0 and 100; {message}."


@pytest.mark.parametrize("first", [2**31, -(2**31) - 1, 10**100])
def test_page_sizes_beyond_a_graphql_int_are_refused(api, first):
    assert "Int cannot represent non 32-bit signed integer value" in error_message(search_with(api, first=first))


def test_a_page_size_in_the_document_beyond_a_graphql_int_is_refused(api):
    query = '{ search(locale: "en", query: "space", first: 99999999999999999999) { hasNextPage } }'
    assert "Int cannot represent non 32-bit signed integer value" in error_message(api.post(query))


def test_a_float_page_size_is_refused(api):
    assert "Int cannot represent non-integer value: 1.5" in error_message(search_with(api, first=1.5))


def test_a_huge_offset_gives_an_empty_page(small_demo, api):
    response = search_with(api, after=cursor(10**9))
    assert response.json() == {"data": {"search": {"results": [], "hasNextPage": False}}}


@pytest.mark.parametrize("offset", [10**30, -1, "-0x10", "nan", ""])
def test_offsets_no_cursor_can_hold_are_refused(small_demo, api, offset):
    # Not a 200 with an internal error: an offset past the database's integers is refused like any made-up cursor.
    assert error_message(search_with(api, after=cursor(offset))) == "`after` is not a cursor this API gave out."


@pytest.mark.parametrize("after", ["%%%", "\u00e9\u00e9\u00e9\u00e9", "a" * 100_000])
def test_cursors_that_are_not_base64_are_refused(small_demo, api, after):
    assert error_message(search_with(api, after=after)) == "`after` is not a cursor this API gave out."


@pytest.mark.parametrize("page_id", ["-1", "99999999999999999999999999", "1e9", "NaN"])
def test_page_ids_out_of_any_range_are_refused_or_not_found(small_demo, api, page_id):
    response = api.post('query($id: ID) { page(locale: "en", id: $id) { title } }', variables={"id": page_id})
    if response.status_code == 200:
        assert response.json() == {"data": {"page": None}}
    else:
        assert error_message(response) == f"`id` must be a page id; got {page_id!r}."


# Sizes


def test_a_five_megabyte_body_is_a_413(api):
    body = json.dumps({"query": "{ locales { code } }", "variables": {"pad": "x" * 5 * 1024 * 1024}})
    response = api.post_raw(body)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": [{"message": "The request body is too large."}]}


def test_a_fifty_kilobyte_search_string_is_refused(small_demo, api):
    message = error_message(search_with(api, query="space " * 8500))
    assert message == "`query` may be at most 200 characters; got 51000."


def test_a_fifty_kilobyte_search_string_in_the_document_is_refused_by_its_size(api):
    query = '{ search(locale: "en", query: "' + "x" * 50 * 1024 + '") { hasNextPage } }'
    assert error_message(api.post(query)).startswith("The query document is 51251 bytes")


def test_a_fifty_kilobyte_query_over_get_is_refused(api):
    assert error_message(api.get("{ locales { code } } #" + "x" * 50 * 1024)).startswith("The query document is")


# Encodings


def test_invalid_utf8_in_a_get_query_string_is_a_400(api):
    response = api.client.get("/graphql/?query=%7B%20locales%20%7B%20code%20%7D%20%7D%FF%FE")
    assert error_message(response).startswith("Syntax Error: Unexpected")


def test_invalid_json_variables_over_get_are_a_400(api):
    response = api.client.get("/graphql/", {"query": "{ locales { code } }", "variables": "[1, 2"})
    assert error_message(response) == "Variables are invalid JSON."


def test_a_nul_character_in_a_variable_is_refused(api):
    # PostgreSQL can neither store nor compare one: refused up front, on every database alike.
    response = api.post(
        'query($slug: String!) { term(locale: "en", slug: $slug) { slug } }', variables={"slug": "a\x00b"}
    )
    assert error_message(response) == "Variables may not contain the NUL character (\\u0000)."
    nested = api.post("query($v: String) { locales { code } }", variables={"v": None, "other": [{"k\x00": 1}]})
    assert error_message(nested) == "Variables may not contain the NUL character (\\u0000)."


@pytest.mark.parametrize("written", ["\\u0000", "\x00"])
def test_a_nul_character_in_the_document_is_refused(api, written):
    response = api.post('{ term(locale: "en", slug: "a' + written + 'b") { slug } }')
    assert error_message(response) == "Strings may not contain the NUL character (\\u0000)."


# Methods and encodings of a mutation


REQUEST_TRANSLATION = (
    'mutation { requestTranslation(locale: "es", translationKey: "00000000-0000-0000-0000-000000000000") { ok } }'
)


def test_a_real_mutation_over_get_is_refused_and_changes_nothing(small_demo, api):
    message = error_message(api.get(REQUEST_TRANSLATION))
    assert message == "Can only perform a mutation operation from a POST request."
    assert not TranslationRequest.objects.exists()


def test_a_mutation_named_beside_a_query_over_get_is_refused(api):
    document = "query Read { locales { code } } " + REQUEST_TRANSLATION.replace("mutation", "mutation Write", 1)
    response = api.client.get("/graphql/", {"query": document, "operationName": "Write"})
    assert error_message(response) == "Can only perform a mutation operation from a POST request."


def test_a_form_encoded_mutation_is_refused_and_changes_nothing(small_demo, client):
    response = client.post(
        "/graphql/", {"query": REQUEST_TRANSLATION}, content_type="application/x-www-form-urlencoded"
    )
    assert error_message(response) == "POST requests must have Content-Type: application/json."
    assert not TranslationRequest.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_a_405(client, method):
    response = getattr(client, method)(
        "/graphql/", json.dumps({"query": REQUEST_TRANSLATION}), content_type="application/json"
    )
    assert response.status_code == 405
    assert response.json()["errors"]


@override_settings(DEBUG=False)
def test_an_unknown_operation_name_is_a_400(api):
    assert error_message(api.post(operation_name="Nope")) == "Unknown operation named 'Nope'."
