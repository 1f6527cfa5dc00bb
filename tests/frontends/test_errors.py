"""Error pages in the reader's language: a failure while rendering answers 500, an unknown path 404, on any site."""

from unittest import mock

import pytest
from django.test import Client, override_settings

from tests.frontends.helpers import parse

BROKEN = RuntimeError("a bug while rendering the page")


@pytest.fixture
def broken_client():
    """A client that gets the server error page, as a reader would, instead of the exception being raised."""
    with mock.patch("frontends.views.handbook.page_context", side_effect=BROKEN):
        yield Client(raise_request_exception=False)


def error_page(client, url: str, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 500, response.content.decode()[:2000]
    return response, parse(response.content.decode())


@pytest.mark.parametrize(
    ("url", "lang", "direction", "title"),
    [
        ("/es/welcome/", "es", "ltr", "Algo ha fallado"),
        ("/de/1-principles/", "de", "ltr", "Etwas ist schiefgelaufen"),
        ("/ar/welcome/", "ar", "rtl", "حدث خطأ ما"),
    ],
)
def test_a_server_error_is_told_in_the_language_of_the_site(small_demo, broken_client, url, lang, direction, title):
    response, page = error_page(broken_client, url)
    root = page.find("html")
    assert (root.attrs["lang"], root.attrs["dir"]) == (lang, direction)
    assert page.find("h1").text == title
    assert response["Content-Language"] == lang
    # A way back into the reader's handbook, and the skip link and landmarks of every page.
    assert page.find("main").find("a", href=f"/{lang}/")
    assert page.find("a", class_="skip-link").attrs["href"] == "#main"
    assert page.find("main").attrs["id"] == "main"


def test_outside_a_language_site_the_browsers_language_is_used(small_demo, broken_client):
    with mock.patch("frontends.views.handbook.redirect", side_effect=BROKEN):
        _, page = error_page(broken_client, "/", headers={"Accept-Language": "fr;q=0.9, de;q=0.5"})
    assert page.find("html").attrs["lang"] == "fr"
    assert page.find("h1").text == "Une erreur s’est produite"


LANGUAGE_HOSTS = {"FRONTENDS_HOSTS": {"es.example.coop": "es"}, "FRONTENDS_BASE_URL": "https://portal.example.coop"}


@override_settings(**LANGUAGE_HOSTS)
def test_a_language_host_tells_it_in_its_language(small_demo, broken_client):
    _, page = error_page(broken_client, "/welcome/", HTTP_HOST="es.example.coop")
    assert page.find("html").attrs["lang"] == "es"
    assert page.find("h1").text == "Algo ha fallado"
    assert page.find("main").find("a", href="/")


@override_settings(**LANGUAGE_HOSTS)
def test_a_language_host_says_not_found_in_its_language(small_demo, html):
    page = parse(html("/no-such-page/", status=404, HTTP_HOST="es.example.coop", headers={"Accept-Language": "de"}))
    assert page.find("html").attrs["lang"] == "es"
    assert page.find("h1").text == "Página no encontrada"
    # With the Spanish site's own navigation, at the host's own addresses.
    assert page.find("nav", class_="sidebar").find("a", href="/1-principios/")


def test_a_server_error_is_not_kept_as_the_page(small_demo):
    with mock.patch("frontends.views.handbook.page_context", side_effect=BROKEN):
        response, _ = error_page(Client(raise_request_exception=False), "/es/welcome/")
    assert "public" not in response.get("Cache-Control", "")
    # Once the fault is gone, the page is rendered again: the error was not cached as the page.
    page = parse(Client().get("/es/welcome/").content.decode())
    assert page.find("h1").text == "Welcome"


def test_when_even_the_error_page_fails_a_plain_one_is_sent(small_demo, broken_client, caplog):
    with mock.patch("frontends.views.errors.basic_frame", side_effect=RuntimeError("templates broken too")):
        response = broken_client.get("/es/welcome/")
    assert response.status_code == 500
    assert response.content.decode() == "<h1>Server Error (500)</h1>"
    assert "The server error page could not be rendered" in caplog.text
