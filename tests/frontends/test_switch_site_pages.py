"""The language switch on the glossary and the governance documents leads to the same page in the other language."""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import override_settings

from tests.frontends.helpers import parse

LANGUAGES = ["en", "es", "fr", "de", "ar"]


def switcher(markup: str) -> dict:
    return {a.attrs["hreflang"]: a for a in parse(markup).find("nav", class_="languages").find_all("a")}


def test_the_glossary_switches_to_each_languages_glossary_under_its_own_title(small_demo, html, client):
    items = switcher(html("/ar/glossary/"))
    assert list(items) == LANGUAGES
    assert items["ar"].attrs["aria-current"] == "true"
    titles = {code: item.find("span", class_="language-title") for code, item in items.items()}
    assert {code: title.text for code, title in titles.items()} == {
        "en": "Glossary",
        "es": "Glosario",
        "fr": "Glossaire",
        "de": "Glossar",
        "ar": "مسرد المصطلحات",
    }
    assert (titles["es"].attrs["lang"], titles["es"].attrs["dir"]) == ("es", "ltr")
    for code, item in items.items():
        assert item.attrs["href"] == f"/language/{code}/?to={quote('/glossary/', safe='')}"
        assert "missing" not in item.attrs.get("class", "")

    response = client.get(items["es"].attrs["href"])
    assert (response.status_code, response["Location"]) == (302, "/es/glossary/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert parse(html("/es/glossary/")).find("h1").text == "Glosario"


@pytest.mark.parametrize(
    "path", ["/code-of-conduct/", "/code-of-conduct/1.0/", "/code-of-conduct/compare/1.0/2.0/", "/privacy-policy/"]
)
def test_a_governance_document_switches_to_the_same_version_in_each_language(small_demo, html, client, path):
    items = switcher(html(f"/es{path}"))
    assert list(items) == LANGUAGES
    for code in ("en", "de", "ar"):
        location = client.get(items[code].attrs["href"])["Location"]
        assert location == f"/{code}{path}"
        html(location)  # served, in the language's own version or the original


@pytest.mark.parametrize(
    "to",
    ["//elsewhere.example/glossary/", "https://elsewhere.example/", "/1-principles/", "/search/", "/nowhere/", "x"],
)
def test_the_switch_leads_only_to_pages_every_language_has(db, client, to):
    response = client.get("/language/fr/", {"to": to})
    assert (response.status_code, response["Location"]) == (302, "/fr/")


@override_settings(FRONTENDS_HOSTS={"es.example.coop": "es"}, FRONTENDS_BASE_URL="https://portal.example.coop")
def test_on_language_hosts_the_switch_leads_to_the_glossary_on_the_other_host(small_demo, html, client):
    items = switcher(html("/en/glossary/", HTTP_HOST="portal.example.coop"))
    response = client.get(items["es"].attrs["href"], HTTP_HOST="portal.example.coop")
    assert response["Location"] == "http://es.example.coop/glossary/"
    back = switcher(html("/glossary/", HTTP_HOST="es.example.coop"))["en"].attrs["href"]
    assert client.get(back, HTTP_HOST="es.example.coop")["Location"] == "https://portal.example.coop/en/glossary/"


def test_every_languages_glossary_is_an_alternate(small_demo, html):
    page = parse(html("/ar/glossary/"))
    alternates = {link.attrs["hreflang"]: link.attrs["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {
        **{code: f"http://testserver/{code}/glossary/" for code in LANGUAGES},
        "x-default": "http://testserver/en/glossary/",
    }


CODE_OF_CONDUCT_TITLES = {
    "en": "Code of conduct",
    "es": "Código de conducta",
    "fr": "Code de conduite",
    "de": "Verhaltenskodex",
    "ar": "مدونة السلوك",
}


def alternates_of(markup: str) -> dict:
    return {link.attrs["hreflang"]: link.attrs["href"] for link in parse(markup).find_all("link", rel="alternate")}


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_a_governance_document_names_itself_in_each_language_and_marks_the_missing_ones(small_demo, html, lang):
    """The version in force (2.0) is translated into Spanish only: the other languages' sites serve it in English."""
    items = switcher(html(f"/{lang}/code-of-conduct/"))
    assert list(items) == LANGUAGES
    assert items[lang].attrs["aria-current"] == "true"
    titles = {code: item.find("span", class_="language-title") for code, item in items.items()}
    assert {code: title.text for code, title in titles.items()} == CODE_OF_CONDUCT_TITLES
    assert (titles["ar"].attrs["lang"], titles["ar"].attrs["dir"]) == ("ar", "rtl")
    missing = {code for code, item in items.items() if item.attrs.get("class") == "missing"}
    assert missing == {"fr", "de", "ar"}
    status = items["fr"].find("span", class_="language-status").text
    read_in_english = {"es": "aún sin traducir: léela en inglés", "ar": "لم تُترجم بعد: اقرأها باللغة"}[lang]
    assert status.startswith(read_in_english)
    assert not items["es"].has("span", class_="language-status")
    # Every language leads to the document on its own site, missing ones included: no dead link.
    for code, item in items.items():
        assert item.attrs["href"] == f"/language/{code}/?to={quote('/code-of-conduct/', safe='')}"
    assert parse(html("/fr/code-of-conduct/")).find("h1").text == "Code de conduite"

    assert alternates_of(html(f"/{lang}/code-of-conduct/")) == {
        "en": "http://testserver/en/code-of-conduct/",
        "es": "http://testserver/es/code-of-conduct/",
        "x-default": "http://testserver/en/code-of-conduct/",
    }


def test_an_earlier_version_has_the_languages_of_that_version(small_demo, html):
    """1.0 was never translated: only the English version is an alternate, every other language is marked."""
    markup = html("/es/code-of-conduct/1.0/")
    assert alternates_of(markup) == {
        "en": "http://testserver/en/code-of-conduct/1.0/",
        "x-default": "http://testserver/en/code-of-conduct/1.0/",
    }
    items = switcher(markup)
    assert {code for code, item in items.items() if item.attrs.get("class") == "missing"} == {"es", "fr", "de", "ar"}
    assert items["de"].attrs["href"] == f"/language/de/?to={quote('/code-of-conduct/1.0/', safe='')}"


def test_a_comparison_switches_languages_under_the_documents_names_without_alternates(small_demo, html):
    markup = html("/ar/code-of-conduct/compare/1.0/2.0/")
    assert alternates_of(markup) == {}  # not for search engines
    items = switcher(markup)
    assert {code: item.find("span", class_="language-title").text for code, item in items.items()} == (
        CODE_OF_CONDUCT_TITLES
    )
    assert items["es"].attrs.get("class") != "missing"  # the newer version, 2.0, is in Spanish
