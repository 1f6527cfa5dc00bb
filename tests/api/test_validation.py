"""Limits on a document's shape: depth (introspection included) and aliases, each refused with a clear 400."""

import time

import pytest
from django.test import override_settings
from graphql import get_introspection_query

from tests.api.helpers import error_message


def nested_type_query(depth: int) -> str:
    """An introspection query whose fields nest `depth` levels below `__schema` (as graphene counts depth)."""
    of_types = depth - 4  # __schema > types > fields > type > ofType ... > name
    return "{ __schema { types { fields { type { " + "ofType { " * of_types + "name" + " }" * (of_types + 4) + " }"


def aliased_locales(count: int) -> str:
    return "{ " + " ".join(f"l{n}: locales {{ code }}" for n in range(count)) + " }"


def test_introspection_at_the_depth_limit_is_answered(api):
    response = api.post(nested_type_query(10))
    assert response.status_code == 200
    assert response.json()["data"]["__schema"]["types"]


def test_introspection_beyond_the_depth_limit_is_refused(api):
    message = error_message(api.post(nested_type_query(11)))
    assert message == "The query nests fields 11 levels deep; the limit is 10."


def test_depth_counts_through_fragments(api):
    query = """
        query { __schema { types { ...Fields } } }
        fragment Fields on __Type { fields { type { ... on __Type { ofType { ...Deep } } } } }
        fragment Deep on __Type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } }
    """
    assert error_message(api.post(query)) == "The query nests fields 11 levels deep; the limit is 10."


def test_the_standard_introspection_query_needs_a_higher_limit(api):
    # GraphiQL and code generators ask this (depth 14); with a limit of 10 they should read the committed SDL.
    assert "14 levels deep" in error_message(api.post(get_introspection_query()))
    with override_settings(PORTAL_API_MAX_DEPTH=14):
        assert api.post(get_introspection_query()).json()["data"]["__schema"]["queryType"]["name"] == "Query"


def test_twenty_aliases_are_answered(api):
    response = api.post(aliased_locales(20))
    assert response.status_code == 200
    assert len(response.json()["data"]) == 20


def test_twenty_one_aliases_are_refused(api):
    assert error_message(api.post(aliased_locales(21))) == "The query uses 21 aliases; the limit is 20."


def test_aliases_in_a_fragment_count_at_every_spread(api):
    fragment = "fragment Names on Locale { " + " ".join(f"n{n}: name" for n in range(10)) + " }"
    query = "{ a: locales { ...Names } b: locales { ...Names } } " + fragment
    # 12 aliases are written, 22 would be executed.
    assert error_message(api.post(query)) == "The query uses 22 aliases; the limit is 20."


def test_aliases_count_over_the_whole_document(api):
    query = aliased_locales(11).replace("{", "query One {", 1) + aliased_locales(11).replace("{", " query Two {", 1)
    assert error_message(api.post(query, operation_name="One")) == "The query uses 22 aliases; the limit is 20."


@override_settings(PORTAL_API_MAX_ALIASES=5)
def test_the_alias_limit_is_a_setting(api):
    assert error_message(api.post(aliased_locales(6))) == "The query uses 6 aliases; the limit is 5."


def test_fragments_that_multiply_are_measured_quickly(api):
    # Each fragment spreads the next twice: 2**40 aliased fields, in a few hundred bytes.
    fragments = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(40))
    query = "{ ...F0 } " + fragments + " fragment F40 on Query { a: __typename }"
    started = time.monotonic()
    message = error_message(api.post(query))
    assert message == f"The query uses {2**40} aliases; the limit is 20."
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ ...Missing }", "Unknown fragment 'Missing'."),
        ("{ ...A } fragment A on Query { ...A }", "Cannot spread fragment 'A' within itself."),
    ],
)
def test_broken_fragments_are_refused_by_the_spec_rules_not_a_crash(api, query, message):
    assert error_message(api.post(query)) == message


def test_a_document_nested_past_the_parsers_reach_is_a_400(api):
    query = "{ a " * 1500 + "}" * 1500  # 7.5 KB, within the size limit
    assert "nested too deeply" in error_message(api.post(query))
