"""Which language site a reader gets: / negotiates, the switch remembers, host names serve one language."""

import pytest
from django.conf import settings
from django.test import override_settings

from frontends.sites import negotiate, parse_accept_language
from tests.frontends.helpers import parse

COOKIE = settings.LANGUAGE_COOKIE_NAME
LANGUAGES = ["en", "es", "fr", "de", "ar"]


@pytest.mark.parametrize(
    ("header", "cookie", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.5", None, "es"),
        ("pt-BR, de;q=0.7, fr;q=0.8", None, "fr"),
        ("ar-EG", None, "ar"),
        ("ja, ko;q=0.5", None, "en"),
        ("", None, "en"),
        ("fr;q=0, de;q=0.1", None, "de"),
        ("de", "es", "es"),
        ("de", "xx", "de"),
        ("*", None, "en"),
        ("garbage;;, ,q=x", None, "en"),
    ],
)
def test_negotiation(header, cookie, expected):
    assert negotiate(header, cookie, LANGUAGES, "en") == expected


def test_accept_language_is_ordered_by_quality_then_position():
    assert parse_accept_language("en;q=0.5, fr, de;q=0.9, es") == ["fr", "es", "de", "en"]


def test_root_redirects_to_the_browsers_language(db, client):
    response = client.get("/", headers={"Accept-Language": "de-AT,de;q=0.9,en;q=0.8"})
    assert (response.status_code, response["Location"]) == (302, "/de/")
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert client.get("/", headers={"Accept-Language": "zh"})["Location"] == "/en/"


def test_root_remembers_the_readers_choice(db, client):
    client.cookies[COOKIE] = "ar"
    assert client.get("/", headers={"Accept-Language": "es"})["Location"] == "/ar/"


def test_the_switch_sets_the_cookie_and_shows_the_same_page(small_demo, client):
    spaces = small_demo.page("spaces")
    response = client.get(f"/language/es/?page={spaces.pk}")
    assert (response.status_code, response["Location"]) == (302, "/es/1-principios/principios/espacios/")
    assert response.cookies[COOKIE].value == "es"
    assert response.cookies[COOKIE]["samesite"] == "Lax"
    # The choice now decides where / leads.
    assert client.get("/", headers={"Accept-Language": "de"})["Location"] == "/es/"


def test_the_switch_leads_to_the_fallback_version_of_a_missing_page(small_demo, client):
    commoning = small_demo.page("commoning")
    # Commoning is not translated into Spanish: the Spanish site serves the English page under its Spanish chapter.
    assert client.get(f"/language/es/?page={commoning.pk}")["Location"] == "/es/1-principios/commoning/"
    assert client.get(f"/language/fr/?page={commoning.pk}")["Location"] == "/fr/1-principles/commoning/"


def test_the_switch_without_a_visible_page_goes_to_the_languages_home(small_demo, client):
    register = small_demo.page("register-of-members")
    assert client.get(f"/language/fr/?page={register.pk}")["Location"] == "/fr/"
    assert client.get("/language/de/")["Location"] == "/de/"
    assert client.get("/language/de/?page=nonsense")["Location"] == "/de/"
    assert client.get("/language/xx/").status_code == 404


@override_settings(
    FRONTENDS_HOSTS={"es.example.coop": "es", "ar.example.coop": "ar"}, FRONTENDS_BASE_URL="https://portal.example.coop"
)
def test_a_host_name_serves_its_language_at_its_root(small_demo, html):
    home = parse(html("/", HTTP_HOST="es.example.coop"))
    assert home.find("html").attrs["lang"] == "es"
    assert home.find("h1").text == "Manual"
    assert home.find("nav", class_="children").find("a", href="/1-principios/").text == "1 Principios"

    spaces = parse(html("/1-principios/principios/espacios/", HTTP_HOST="es.example.coop:443"))
    assert spaces.find("h1").text == "Espacios"
    alternates = {link.attrs["hreflang"]: link.attrs["href"] for link in spaces.find_all("link", rel="alternate")}
    assert alternates["es"] == "http://es.example.coop:443/1-principios/principios/espacios/"
    assert alternates["en"] == "https://portal.example.coop/en/1-principles/principles/spaces/"
    arabic = parse(html("/welcome/", HTTP_HOST="ar.example.coop"))
    assert arabic.find("html").attrs["dir"] == "rtl"
    assert arabic.find("a", rel="next").attrs["href"] == "/1-principles/"
    # Another language with its own host is linked there.
    spanish = arabic.find("nav", class_="languages").find("a", hreflang="es")
    assert spanish.attrs["href"].startswith("/language/es/?page=")
    assert {link.attrs["href"] for link in arabic.find_all("link", rel="alternate")} >= {
        "http://ar.example.coop/welcome/"
    }


@override_settings(FRONTENDS_HOSTS={"es.example.coop": "es"}, FRONTENDS_BASE_URL="https://portal.example.coop")
def test_language_hosts_link_other_languages_on_the_main_site(small_demo, html, client):
    spaces = parse(html("/1-principios/principios/espacios/", HTTP_HOST="es.example.coop"))
    original = spaces.find("div", class_="notice notice-outdated").find("a")
    assert original.attrs["href"] == "https://portal.example.coop/en/1-principles/principles/spaces/"
    # From the main site, Spanish lives on its own host.
    response = client.get(f"/language/es/?page={small_demo.page('spaces').pk}", HTTP_HOST="portal.example.coop")
    assert response["Location"] == "http://es.example.coop/1-principios/principios/espacios/"
    assert client.get("/", HTTP_HOST="portal.example.coop", headers={"Accept-Language": "es"})["Location"] == (
        "http://es.example.coop/"
    )


def test_language_hosts_without_an_address_for_the_other_languages_are_refused():
    from frontends.checks import language_hosts

    with override_settings(FRONTENDS_HOSTS={"es.example.coop": "es"}):
        assert [error.id for error in language_hosts()] == ["frontends.E002"]
    with override_settings(FRONTENDS_HOSTS={"es.example.coop": "es"}, FRONTENDS_BASE_URL="https://example.coop"):
        assert language_hosts() == []
    with override_settings(FRONTENDS_HOSTS={"x.example.coop": "xx"}, FRONTENDS_BASE_URL="https://example.coop"):
        assert [error.id for error in language_hosts()] == ["frontends.E001"]
