"""The glossary through the API: every term in the reader's language or its fallback, related terms batched."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cms.glossary.models import GlossaryTerm
from portal.schema import schema

TERM_FIELDS = "slug term definition locale isFallback translationKey related { slug term locale isFallback }"
BBB = "bbb-big-blue-button"


def run(document, **variables):
    request = RequestFactory().post("/graphql/")
    request.user = AnonymousUser()
    return schema.execute(document, variable_values=variables, context_value=request)


def data(document, **variables):
    result = run(document, **variables)
    assert result.errors is None, result.errors
    return result.data


def glossary(locale):
    return data(f"query($locale: String!) {{ glossary(locale: $locale) {{ {TERM_FIELDS} }} }}", locale=locale)[
        "glossary"
    ]


def term(locale, slug):
    return data(
        f"query($locale: String!, $slug: String!) {{ term(locale: $locale, slug: $slug) {{ {TERM_FIELDS} }} }}",
        locale=locale,
        slug=slug,
    )["term"]


def add_term(text, slug, locale, definition=None, source=None):
    return GlossaryTerm.objects.create(
        term=text,
        slug=slug,
        definition=definition or f"About {text}.",
        locale=locale,
        **({"translation_key": source.translation_key} if source else {}),
    )


def test_a_term_missing_in_the_language_is_served_from_the_fallback(small_demo):
    [german] = glossary("de")
    assert german["term"] == "BBB - Big Blue Button"
    assert (german["locale"], german["isFallback"]) == ("en", True)
    [spanish] = glossary("es")
    assert spanish["definition"] == "El software libre de videoconferencia de nuestras salas."
    assert (spanish["locale"], spanish["isFallback"]) == ("es", False)
    assert spanish["slug"] == german["slug"] == BBB
    assert spanish["translationKey"] == german["translationKey"]


def test_terms_are_sorted_by_term_in_the_served_language(small_demo):
    en, es = small_demo.locale("en"), small_demo.locale("es")
    apple = add_term("Apple", "apple", en)
    add_term("Zanahoria", "apple", es, source=apple)
    cherry = add_term("Cherry", "cherry", en)
    add_term("almendra", "cherry", es, source=cherry)
    assert [item["term"] for item in glossary("en")] == ["Apple", "BBB - Big Blue Button", "Cherry"]
    assert [item["term"] for item in glossary("es")] == ["almendra", "BBB - Big Blue Button", "Zanahoria"]


def test_one_term_by_slug_with_fallback(small_demo):
    assert term("es", BBB)["term"] == "BBB - Big Blue Button"
    assert term("es", BBB)["locale"] == "es"
    assert (term("de", BBB)["locale"], term("de", BBB)["isFallback"]) == ("en", True)
    assert term("es", "no-such-term") is None


def test_related_terms_come_from_the_source_term_each_with_its_own_fallback(small_demo):
    en, es = small_demo.locale("en"), small_demo.locale("es")
    source = GlossaryTerm.objects.get(slug=BBB, locale=en)
    room = add_term("Room", "room", en)
    add_term("Sala", "room", es, source=room)
    recording = add_term("Recording", "recording", en)
    source.related_terms.set([room, recording])
    related = term("es", BBB)["related"]
    assert related == [
        {"slug": "recording", "term": "Recording", "locale": "en", "isFallback": True},
        {"slug": "room", "term": "Sala", "locale": "es", "isFallback": False},
    ]
    assert [item["related"] for item in glossary("es") if item["slug"] == BBB] == [related]
    assert term("es", "room")["related"] == []


@pytest.mark.parametrize(
    "document", ['{ glossary(locale: "xx") { slug } }', '{ term(locale: "xx", slug: "a") { slug } }']
)
def test_an_unknown_locale_is_an_error(small_demo, document):
    result = run(document)
    assert result.data is None or not any(result.data.values())
    assert "Unknown locale 'xx'" in result.errors[0].message


def grow_glossary(small_demo, first, count):
    """Terms `first` to `count` in English, every other one translated to Spanish, each related to the next two."""
    en, es = small_demo.locale("en"), small_demo.locale("es")
    for number in range(first, count):
        source = add_term(f"Term {number:03}", f"term-{number}", en)
        if number % 2:
            add_term(f"Término {number:03}", f"term-{number}", es, source=source)
    terms = {term.slug: term for term in GlossaryTerm.objects.filter(locale=en, slug__startswith="term-")}
    for number in range(count):
        terms[f"term-{number}"].related_terms.set([terms[f"term-{(number + step) % count}"] for step in (1, 2)])


def queries_for(document):
    with CaptureQueriesContext(connection) as queries:
        result = data(document)
    return len(queries), result


def test_the_glossary_costs_the_same_queries_whatever_its_length(small_demo):
    document = (
        '{ glossary(locale: "es") { slug term locale related { slug term locale related { slug term } } } '
        f'term(locale: "de", slug: "term-1") {{ {TERM_FIELDS} }} }}'
    )
    grow_glossary(small_demo, 0, 3)
    few, result = queries_for(document)
    assert len(result["glossary"]) == 4
    grow_glossary(small_demo, 3, 30)
    many, result = queries_for(document)
    assert len(result["glossary"]) == 31
    assert all(len(item["related"]) == 2 for item in result["glossary"] if item["slug"] != BBB)
    assert result["term"]["related"][0]["slug"] == "term-2"
    # The list: its terms, then every related term at once (the second level is already loaded).
    # The look-up in German: the term, its related links, the related terms.
    assert few == many == 5
