"""The handbook through the API: locale-aware with fallback, members-only rules, drafts never shown."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from portal.schema import schema
from tests.factories import add_page, link_to, paragraph

PAGE_FIELDS = """
  __typename id translationKey title path summary keywords requestedLocale servedLocale isFallback lastPublishedAt
  breadcrumbs { title path } previous { title path } next { title path isFallback } children { title path }
  body { __typename
    ... on HeadingBlock { text level } ... on ParagraphBlock { html } ... on QuoteBlock { text attribution }
    ... on CalloutBlock { kind html } ... on TableBlock { header rows caption } }
  translations { locale status title path } freshness { sourceChangedAt syncedAt isOutdated }
  linksOut { title path locale } linksIn { title path locale }
"""


def run(document, user=None, **variables):
    request = RequestFactory().post("/graphql/")
    request.user = user or AnonymousUser()
    result = schema.execute(document, variable_values=variables, context_value=request)
    return result


def data(document, user=None, **variables):
    result = run(document, user, **variables)
    assert result.errors is None, result.errors
    return result.data


def page(locale, path, user=None):
    return data(
        f"query($locale: String!, $path: String!) {{ page(locale: $locale, path: $path) {{ {PAGE_FIELDS} }} }}",
        user,
        locale=locale,
        path=path,
    )["page"]


def test_locales_say_name_direction_and_fallbacks(db):
    locales = data("{ locales { code name direction isDefault fallbacks } }")["locales"]
    assert [locale["code"] for locale in locales] == ["en", "es", "fr", "de", "ar"]
    arabic = locales[-1]
    assert arabic == {"code": "ar", "name": "العربية", "direction": "RTL", "isDefault": False, "fallbacks": ["en"]}
    assert locales[0]["isDefault"] and locales[0]["fallbacks"] == []


def test_handbook_tree_in_reading_order_with_fallback_entries(small_demo):
    handbook = data(
        '{ handbook(locale: "es") { title entries { title path locale isFallback depth parentId hasChildren } } }'
    )["handbook"]
    assert handbook["title"] == "Manual"
    entries = handbook["entries"]
    assert [(entry["title"], entry["isFallback"]) for entry in entries[:5]] == [
        ("Welcome", True),
        ("1 Principios", False),
        ("Principios", False),
        ("Espacios", False),
        ("Privacy policy", True),
    ]
    spaces = entries[3]
    assert spaces["path"] == "/1-principios/principios/espacios/"
    assert spaces["depth"] == 3 and not spaces["hasChildren"]
    assert spaces["parentId"] == str(small_demo.page("principles", "es").pk)
    # A fallback page under a translated section keeps the section's translated path.
    assert entries[4]["path"] == "/1-principios/principios/privacy-policy/"
    # Members-only pages are not in the public tree.
    assert "Register of members" not in [entry["title"] for entry in entries]


def test_page_in_its_language(small_demo):
    spaces = page("es", "/1-principios/principios/espacios/")
    assert spaces["__typename"] == "HandbookPage"
    assert (spaces["title"], spaces["servedLocale"], spaces["isFallback"]) == ("Espacios", "es", False)
    assert [crumb["title"] for crumb in spaces["breadcrumbs"]] == ["Manual", "1 Principios", "Principios"]
    assert spaces["previous"]["title"] == "Principios"
    assert spaces["next"] == {
        "title": "Privacy policy",
        "path": "/1-principios/principios/privacy-policy/",
        "isFallback": True,
    }
    assert [block["__typename"] for block in spaces["body"]] == ["ParagraphBlock", "CalloutBlock", "QuoteBlock"]
    assert spaces["body"][1]["kind"] == "NOTE"


def test_missing_page_comes_from_the_fallback_and_says_so(small_demo):
    commoning = page("es", "/1-principios/commoning/")
    assert (commoning["title"], commoning["servedLocale"], commoning["isFallback"]) == ("Commoning", "en", True)
    assert commoning["requestedLocale"] == "es"
    assert commoning["breadcrumbs"][-1]["title"] == "1 Principios"


def test_page_by_id_of_any_language_version(small_demo):
    found = data(
        'query($id: ID!) { page(locale: "es", id: $id) { title servedLocale } }', id=small_demo.page("spaces").pk
    )
    assert found["page"] == {"title": "Espacios", "servedLocale": "es"}


def test_rich_text_links_point_at_the_readers_language(small_demo):
    principles = small_demo.page("principles", "es")
    html = page("es", "/1-principios/principios/")["body"][0]["html"]
    assert 'class="glossary-term" data-glossary-term="bbb-big-blue-button" data-locale="es"' in html
    assert 'title="El software libre de videoconferencia de nuestras salas."' in html
    welcome = page("ar", small_demo.page("welcome", "ar").handbook_path())
    assert (
        f'href="/1-principles/principles/" data-page-id="{small_demo.page("principles").pk}"'
        in welcome["body"][0]["html"]
    )
    assert 'hreflang="en"' in welcome["body"][0]["html"]  # Arabic has no Principles page: the English one serves
    spanish_welcome_link = page("es", "/welcome/")["body"][0]["html"]
    assert f'href="/1-principios/principios/" data-page-id="{principles.pk}" data-locale="es"' in spanish_welcome_link


def test_translations_and_freshness(small_demo):
    spaces = page("es", "/1-principios/principios/espacios/")
    statuses = {item["locale"]: item["status"] for item in spaces["translations"]}
    assert statuses == {"en": "CURRENT", "es": "OUTDATED", "fr": "MISSING", "de": "MISSING", "ar": "MISSING"}
    assert spaces["freshness"]["isOutdated"] is True
    assert spaces["freshness"]["sourceChangedAt"] > spaces["freshness"]["syncedAt"]
    principles = page("es", "/1-principios/principios/")
    assert {item["locale"]: item["status"] for item in principles["translations"]}["es"] == "CURRENT"
    assert principles["freshness"]["isOutdated"] is False
    missing = [item for item in principles["translations"] if item["status"] == "MISSING"]
    assert all(item["title"] is None and item["path"] is None for item in missing)


def test_links_out_and_in_from_the_reference_index(small_demo):
    welcome = page("en", "/welcome/")
    assert [link["title"] for link in welcome["linksOut"]] == ["Principles"]
    principles = page("es", "/1-principios/principios/")
    assert {link["title"] for link in principles["linksIn"]} == {"Welcome"}


def test_members_only_pages_are_absent_for_the_public_and_present_for_members(small_demo, member):
    path = "/2-political-economy/political-economy/register-of-members/"
    assert page("en", path) is None
    assert page("en", path, member)["title"] == "Register of members"
    parent = page("en", "/2-political-economy/political-economy/")
    assert parent["children"] == [] and parent["next"]["title"] == "8 Terminology"
    assert parent["linksOut"] == []
    assert (
        page("en", "/2-political-economy/political-economy/", member)["children"][0]["title"] == "Register of members"
    )
    search = '{ search(locale: "en", query: "register") { results { page { title } } } }'
    assert "Register of members" not in [result["page"]["title"] for result in data(search)["search"]["results"]]
    assert "Register of members" in [result["page"]["title"] for result in data(search, member)["search"]["results"]]


def test_a_restriction_on_the_source_hides_every_translation(small_demo, member):
    PageViewRestriction.objects.create(page=small_demo.page("1-principles"), restriction_type="login")
    assert page("es", "/1-principios/principios/espacios/") is None
    assert page("es", "/1-principios/principios/espacios/", member)["title"] == "Espacios"
    entries = data('{ handbook(locale: "es") { entries { path } } }')["handbook"]["entries"]
    assert not any(entry["path"].startswith("/1-principios/") for entry in entries)
    welcome_links = page("es", "/welcome/")["body"][0]["html"]
    assert "data-page-id" not in welcome_links  # the link to a hidden page keeps its words and loses its target


def test_password_protected_pages_never_appear(small_demo, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="root-password")
    PageViewRestriction.objects.create(page=small_demo.page("commoning"), restriction_type="password", password="x")
    assert page("en", "/1-principles/commoning/", admin) is None


CANARY = "CANARY-7f3a9 draft-only text"


def test_drafts_never_appear_in_any_field(small_demo, member):
    spaces = small_demo.page("spaces")
    spaces.title = CANARY
    spaces.summary = CANARY
    spaces.body = [paragraph(f"<p>{CANARY} {link_to(small_demo.page('commoning'))}</p>")]
    spaces.save_revision()
    unpublished = add_page(small_demo.page("principles"), "Unpublished page")
    unpublished.title = CANARY
    unpublished.save_revision()
    unpublished.unpublish()
    responses = [
        data(f'{{ handbook(locale: "{code}") {{ title entries {{ title path }} }} }}', user)
        for code in ("en", "es")
        for user in (None, member)
    ]
    responses += [
        page(code, path, user)
        for code, path in [
            ("en", "/1-principles/principles/spaces/"),
            ("es", "/1-principios/principios/espacios/"),
            ("en", "/1-principles/commoning/"),
        ]
        for user in (None, member)
    ]
    responses.append(data('{ search(locale: "en", query: "CANARY") { results { page { title } excerpt } } }'))
    assert CANARY not in json.dumps(responses)
    assert "CANARY" not in json.dumps(responses)


@pytest.mark.parametrize(
    "document, message",
    [
        ('{ handbook(locale: "xx") { title } }', "Unknown locale 'xx'"),
        ('{ page(locale: "en") { title } }', "exactly one of `path` and `id`"),
        ('{ search(locale: "en", query: "a", first: 101) { hasNextPage } }', "between 0 and 100"),
        ('{ search(locale: "en", query: "a", first: -1) { hasNextPage } }', "between 0 and 100"),
        ('{ search(locale: "en", query: "a", after: "nonsense") { hasNextPage } }', "not a cursor"),
    ],
)
def test_bad_arguments_get_clear_errors(small_demo, document, message):
    result = run(document)
    assert message in result.errors[0].message
    assert result.errors[0].extensions == {"code": "BAD_REQUEST"}


def test_search_string_length_is_capped(small_demo):
    result = run('query($q: String!) { search(locale: "en", query: $q) { hasNextPage } }', q="a" * 201)
    assert "at most 200 characters" in result.errors[0].message


def test_search_within_a_language_with_cursor_pagination(small_demo):
    first = data(
        '{ search(locale: "es", query: "espacios", first: 1) '
        "{ results { page { title isFallback } excerpt cursor } hasNextPage endCursor } }"
    )["search"]
    assert first["hasNextPage"] is True
    assert first["results"][0]["excerpt"]
    rest = data(
        'query($after: String!) { search(locale: "es", query: "espacios", first: 10, after: $after) '
        "{ results { page { title } } hasNextPage } }",
        after=first["endCursor"],
    )["search"]
    titles = [first["results"][0]["page"]["title"]] + [result["page"]["title"] for result in rest["results"]]
    assert len(titles) == len(set(titles)) >= 2
    assert rest["hasNextPage"] is False


def test_bad_arguments_answer_http_400_without_partial_data(small_demo, client):
    response = client.post(
        "/graphql/", {"query": '{ locales { code } handbook(locale: "xx") { title } }'}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["message"].startswith("Unknown locale 'xx'")
