"""What a reader sees and does in a real browser: languages, the sidebar, reading order, the keyboard, search.

Each test loads the small demo handbook (tests/fixtures/demo_small: en, es, ar) and drives Chromium with clicks and
key presses against pytest-django's live server.
"""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests, or fails them when REQUIRE_BROWSER=1
    expect = None

pytestmark = pytest.mark.browser

PRINCIPLES_ES = "/es/1-principios/principios/"
SPACES_ES = "/es/1-principios/principios/espacios/"
POLITICAL_ECONOMY_ES = "/es/2-political-economy/political-economy/"
COMMONING_ES = "/es/1-principios/commoning/"


def path_is(path: str) -> re.Pattern:
    return re.compile(rf"^https?://[^/]+{re.escape(path)}$")


def sidebar_item(page, href: str):
    """The sidebar's <li> of the page at `href` (its own link, then its folded sub-pages)."""
    return page.locator("nav.sidebar li").filter(has=page.locator(f":scope > a[href='{href}']"))


def test_spanish_sidebar_and_reading_order(page):
    page.goto(PRINCIPLES_ES)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("main h1")).to_have_text("Principios")

    # Next and previous follow the reading order, in Spanish.
    next_link = page.locator("nav.pager a[rel=next]")
    expect(next_link).to_contain_text("Siguiente")
    expect(next_link).to_contain_text("Espacios")
    next_link.click()
    expect(page).to_have_url(path_is(SPACES_ES))
    expect(page.locator("main h1")).to_have_text("Espacios")
    expect(page.locator("nav.sidebar a[aria-current=page]")).to_have_text("Espacios")
    previous = page.locator("nav.pager a[rel=prev]")
    expect(previous).to_contain_text("Anterior")
    previous.click()
    expect(page).to_have_url(path_is(PRINCIPLES_ES))
    expect(page.locator("main h1")).to_have_text("Principios")

    # Another chapter is folded: its pages are hidden until its <details> is opened by clicking the summary.
    chapter = sidebar_item(page, "/es/2-political-economy/")
    details = chapter.locator(":scope > details")
    target = details.locator(f"a[href='{POLITICAL_ECONOMY_ES}']")
    expect(details).not_to_have_attribute("open", "")
    expect(target).to_be_hidden()
    details.locator(":scope > summary").click()
    expect(details).to_have_attribute("open", "")
    expect(target).to_be_visible()
    expect(target).to_have_text("Political economy")
    target.click()

    expect(page).to_have_url(path_is(POLITICAL_ECONOMY_ES))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("main h1")).to_have_text("Political economy")
    expect(page.locator("nav.sidebar a[aria-current=page]")).to_have_text("Political economy")
    # The branch of the current page is now unfolded on its own.
    expect(sidebar_item(page, "/es/2-political-economy/").locator(":scope > details")).to_have_attribute("open", "")
    page.locator("nav.pager a[rel=prev]").click()
    expect(page).to_have_url(path_is("/es/2-political-economy/"))
    expect(page.locator("main h1")).to_have_text("2 Political economy")


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found, f"{locator} is not displayed"
    return found


def test_switching_to_arabic_mirrors_the_layout(page):
    page.goto("/es/welcome/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    sidebar, main = page.locator("nav.sidebar"), page.locator("main")
    # Left to right: the sidebar is on the left of the content.
    assert box(sidebar)["x"] + box(sidebar)["width"] <= box(main)["x"]

    switcher = page.locator("header nav.languages")
    arabic = switcher.locator("a[hreflang=ar]")
    expect(arabic).to_be_hidden()
    switcher.locator("summary").click()
    expect(arabic).to_be_visible()
    arabic.click()

    expect(page).to_have_url(path_is("/ar/welcome/"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("main h1")).to_have_text("مرحبًا")
    expect(page.locator("a.skip-link")).to_have_text("انتقل إلى المحتوى")

    # Right to left: the sidebar is on the right of the content, the whole of it.
    sidebar_box, main_box = box(sidebar), box(main)
    assert sidebar_box["x"] >= main_box["x"] + main_box["width"], (sidebar_box, main_box)
    assert sidebar_box["x"] + sidebar_box["width"] > page.viewport_size["width"] / 2

    # The first page has only a next page: its title is at the end of the line, which is on the left.
    following = page.locator("nav.pager a[rel=next]")
    expect(following).to_contain_text("التالي")
    expect(page.locator("nav.pager a[rel=prev]")).to_have_count(0)
    pager_box, title_box = box(page.locator("nav.pager")), box(following.locator(".pager-title"))
    assert title_box["x"] + title_box["width"] <= pager_box["x"] + pager_box["width"] / 2, (title_box, pager_box)
    following.click()

    expect(page).to_have_url(path_is("/ar/1-principles/"))
    expect(html).to_have_attribute("dir", "rtl")
    # Previous is on the right, next on the left: reading order runs right to left.
    previous, following = page.locator("nav.pager a[rel=prev]"), page.locator("nav.pager a[rel=next]")
    expect(previous).to_contain_text("السابق")
    expect(previous).to_contain_text("مرحبًا")
    expect(following).to_contain_text("التالي")
    previous_box, next_box = box(previous), box(following)
    assert previous_box["x"] >= next_box["x"] + next_box["width"], (previous_box, next_box)
    # The arrows are mirrored to point along the reading direction.
    for arrow in page.locator("nav.pager .arrow").all():
        assert arrow.evaluate("e => getComputedStyle(e).transform") != "none"
    assert box(sidebar)["x"] >= box(main)["x"] + box(main)["width"]


def test_an_untranslated_page_says_so_and_keeps_its_language(page):
    page.goto(COMMONING_ES)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    notice = page.locator("main .notice-fallback")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(
        "Esta página todavía no se ha traducido al español; estás leyendo el original en inglés."
    )
    article = page.locator("main article")
    expect(article).to_have_attribute("lang", "en")
    expect(article.locator("h1")).to_have_text("Commoning")
    # Its language for the browser (hyphenation, speech) is English, though the page around it is Spanish.
    assert article.evaluate("e => e.closest('[lang]').lang") == "en"
    assert notice.evaluate("e => e.closest('[lang]').lang") == "es"


def test_the_first_tab_reaches_the_skip_link_which_leads_to_the_content(page):
    page.goto(SPACES_ES)
    skip = page.locator("a.skip-link")
    # Hidden off screen until it has the focus.
    assert box(skip)["y"] + box(skip)["height"] <= 0

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Saltar al contenido")
    assert box(skip)["y"] >= 0, "the focused skip link should come into view"
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    in_main = page.evaluate("() => !!document.activeElement.closest('main')")
    assert in_main, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    # The next Tab goes on from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_searching_from_the_header_and_opening_a_result(page):
    """Written ahead of the search page (/<lang>/search/?q=...): a search form in the header, results as links."""
    page.goto(PRINCIPLES_ES)
    header = page.locator("header")
    field = header.locator("[role=search] input:not([type=hidden]), input[type=search]").first
    expect(field).to_be_visible()
    field.click()
    field.fill("espacios")
    field.press("Enter")

    expect(page).to_have_url(re.compile(r"/es/search/\?(.*&)?q=espacios(&|$)"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    result = page.locator("main").get_by_role("link", name=re.compile("Espacios")).first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(path_is(SPACES_ES))
    expect(page.locator("main h1")).to_have_text("Espacios")
