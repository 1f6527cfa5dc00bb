"""The readers' site with JavaScript turned off, and what the browser fetches: everything works, from the site alone.

A reader's journey in a tab that runs no script: the sidebar's chapters, previous/next, the language switcher,
search, a glossary definition, both feedback forms. Every request the tab makes is recorded: none leaves the site.
"""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.test_reading import COMMONING_ES, PRINCIPLES_ES, SPACES_ES, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def no_script(browser, site):
    """A tab with JavaScript off, and the list of every address it requested."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=site, java_script_enabled=False, reduced_motion="reduce"
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    yield tab, requested
    context.close()


def path_is(path: str) -> re.Pattern:
    return re.compile(rf"^https?://[^/]+{re.escape(path)}(\?[^#]*)?(#.*)?$")


def test_a_reader_without_javascript_reads_switches_searches_and_sends_feedback(no_script, site):
    from cms.feedback.models import TranslationRequest, TranslationSuggestion

    page, requested = no_script
    page.goto(PRINCIPLES_ES)
    # The page's one script (Escape closes a glossary definition) is an extra, which this tab neither runs nor fetches.
    assert [script.get_attribute("src") for script in page.locator("script").all()] == ["/static/frontends/glossary.js"]

    # A folded chapter of the sidebar opens with its <details>, and previous/next follow the reading order.
    chapter = page.locator("nav.sidebar li:has(> a[href='/es/2-political-economy/']) > details")
    inside = chapter.locator("a[href='/es/2-political-economy/political-economy/']")
    expect(inside).to_be_hidden()
    chapter.locator(":scope > summary").click()
    expect(inside).to_be_visible()
    page.locator("nav.pager a[rel=next]").click()
    expect(page).to_have_url(path_is(SPACES_ES))
    expect(page.locator("main h1")).to_have_text("Espacios")

    # A glossary term's definition shows on keyboard focus, through the stylesheet alone.
    page.goto(PRINCIPLES_ES)
    term = page.locator("article a.glossary-term").first
    tip = page.locator("#" + term.get_attribute("aria-describedby"))
    term.focus()
    assert tip.bounding_box()["width"] > 100

    # The language switcher is a <details> too: Arabic, right to left.
    switcher = page.locator("header nav.languages")
    switcher.locator("summary").click()
    switcher.locator("a[hreflang=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")

    # Search is a plain form, and its results plain links.
    page.goto(PRINCIPLES_ES)
    field = page.locator("header input[type=search]")
    field.fill("espacios")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/es/search/\?(.*&)?q=espacios(&|$)"))
    page.locator("main .search-results").get_by_role("link", name=re.compile("Espacios")).first.click()
    expect(page).to_have_url(path_is(SPACES_ES))

    # "Suggest a better translation": a form posted to the site, which comes back to the page with its outcome.
    form = page.locator("#suggest-translation")
    form.locator("summary").click()
    form.locator("textarea[name=passage]").fill("Los espacios que llevamos")
    form.locator("textarea[name=suggestion]").fill("Los espacios que cuidamos")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(path_is(SPACES_ES))
    assert "feedback=sent" in page.url
    expect(page.locator("#feedback-status")).to_be_visible()
    assert TranslationSuggestion.objects.get().suggestion == "Los espacios que cuidamos"

    # "Ask for this page in my language", on a page read in English, counts the reader once.
    for outcome in ("asked", "asked-before"):
        page.goto(COMMONING_ES)
        expect(page.locator("main .notice-fallback")).to_be_visible()
        page.locator("form[action='/feedback/request/'] button[type=submit]").click()
        assert f"feedback={outcome}#" in page.url
        expect(page.locator("#feedback-status")).to_be_visible()
    assert TranslationRequest.objects.count() == 1

    # Nothing was fetched from anywhere but the site: no font, script, image or tracker of a third party.
    origin = urlsplit(site).netloc
    assert requested
    assert {urlsplit(url).netloc for url in requested} == {origin}, sorted(set(requested))
    assert not [url for url in requested if urlsplit(url).path.endswith(".js")]
