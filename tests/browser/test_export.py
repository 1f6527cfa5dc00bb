"""A static export (manage.py export_site) opened from disk in Chromium: file:// addresses, no server at all.

The small demo (en, es, ar) is exported in every language; the reader starts at the export's front page, picks
Spanish, searches with the offline search, opens a result and follows the reading order.
"""

import re

import pytest
from django.core.cache import cache

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests, or fails them when REQUIRE_BROWSER=1
    expect = None

pytestmark = pytest.mark.browser


@pytest.fixture
def exported(transactional_db, django_db_serialized_rollback, compiled_catalogs, tmp_path):
    """The small demo exported into a folder with a space in its name (addresses must be encoded); its path."""
    from cms.demo.loader import DemoLoader
    from frontends.export import export_site
    from tests.conftest import SMALL_DEMO

    cache.clear()
    DemoLoader(SMALL_DEMO).run()
    output = tmp_path / "offline copy" / "handbook"
    export_site(output)
    cache.clear()
    return output


@pytest.fixture
def reader(browser):
    """A fresh tab; `reader(javascript=False)` for one with JavaScript off."""
    contexts = []

    def open_tab(javascript: bool = True):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def file_url(path) -> re.Pattern:
    return re.compile("^" + re.escape(path.as_uri()) + r"(\?.*)?$")


def test_offline_search_and_links_from_disk(exported, reader):
    page = reader()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(exported.joinpath("index.html").as_uri())
    page.get_by_role("link", name=re.compile("Español")).click()
    expect(page).to_have_url(file_url(exported / "es" / "index.html"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    # The hashed style sheet loads from disk: the skip link waits above the page until focused.
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"

    # The header's search form leads to the offline search page, which searches the index in the browser.
    page.locator("header [role=search] input[name=q]").fill("espacios")
    page.locator("header [role=search] button").click()
    expect(page).to_have_url(
        re.compile(re.escape((exported / "es" / "search" / "index.html").as_uri()) + r"\?q=espacios$")
    )
    results = page.locator("#offline-search-results")
    expect(results.locator("h2")).to_have_text("Resultados para «espacios»")  # the live search page's heading
    expect(page.locator("main input[name=q]")).to_have_value("espacios")
    result = results.locator("li.search-result").filter(has=page.get_by_role("link", name="Espacios", exact=True))
    expect(result.locator(".excerpt")).to_contain_text("Nuestros espacios son salas")
    result.get_by_role("link", name="Espacios", exact=True).click()

    expect(page).to_have_url(file_url(exported / "es" / "1-principios" / "principios" / "espacios" / "index.html"))
    expect(page.locator("main h1")).to_have_text("Espacios")
    expect(page.locator("nav.sidebar a[aria-current=page]")).to_have_text("Espacios")
    page.locator("nav.pager a[rel=prev]").click()
    expect(page).to_have_url(file_url(exported / "es" / "1-principios" / "principios" / "index.html"))
    expect(page.locator("main h1")).to_have_text("Principios")
    # Its glossary definition opens on focus, and Escape closes it: the page's script loads from disk too.
    term = page.locator("article a.glossary-term").first
    tip = page.locator("#" + term.get_attribute("aria-describedby"))
    term.focus()
    assert tip.bounding_box()["width"] > 100
    page.keyboard.press("Escape")
    expect(term).to_be_focused()
    assert tip.bounding_box()["width"] <= 1

    # A page served from English is found too, and marked as such.
    page.goto((exported / "es" / "search" / "index.html").as_uri() + "?q=commoning")
    commoning = page.locator("#offline-search-results li.search-result").first
    expect(commoning.get_by_role("link")).to_have_text("Commoning")
    expect(commoning.get_by_role("link")).to_have_attribute("lang", "en")
    expect(commoning.locator(".fallback-mark")).to_contain_text("inglés")
    # Nothing was asked of any server.
    assert requests and all(url.startswith("file://") for url in requests), requests


def test_without_javascript_the_search_page_says_it_needs_it(exported, reader):
    page = reader(javascript=False)
    page.goto((exported / "es" / "search" / "index.html").as_uri() + "?q=espacios")
    note = page.locator(".notice-offline")
    expect(note).to_be_visible()
    expect(note).to_contain_text("JavaScript")
    note.get_by_role("link").first.click()
    expect(page).to_have_url(file_url(exported / "es" / "index.html"))
