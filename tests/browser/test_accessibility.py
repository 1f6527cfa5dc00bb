"""Accessibility in a real browser: axe-core's WCAG A and AA rules, focus, the keyboard and print.

axe-core comes bundled in the axe-playwright-python package (axe.min.js), injected into each page: nothing is
downloaded when the tests run.
"""

import pytest

try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests, or fails them when REQUIRE_BROWSER=1
    Axe = expect = None

pytestmark = pytest.mark.browser

# Every rule of WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core has no rule tagged wcag22a).
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PRINCIPLES_ES = "/es/1-principios/principios/"
SPACES_ES = "/es/1-principios/principios/espacios/"

PAGES = {
    "handbook page": SPACES_ES,
    "handbook page with a table and glossary terms": PRINCIPLES_ES,
    "Arabic page": "/ar/welcome/",
    "glossary": "/es/glossary/",
    "governance document": "/en/code-of-conduct/",
    "governance comparison": "/en/code-of-conduct/compare/1.0/2.0/",
    "search results": "/es/search/?q=espacios",
    "not found": "/en/nowhere/",
}


def violations(page) -> str:
    """axe-core's report of the WCAG A/AA violations on the page as shown now; empty when there are none."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]})
    return results.generate_report() if results.violations_count else ""


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_no_wcag_violations_in_the_light_and_the_dark_scheme(page, url):
    response = page.goto(url)
    assert response.status == (404 if url == PAGES["not found"] else 200)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        report = violations(page)
        assert not report, f"{scheme} scheme:\n{report}"
    # What folded <details> hide (the language list, the sidebar's chapters) is checked unfolded.
    page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        report = violations(page)
        assert not report, f"{scheme} scheme, every <details> open:\n{report}"


# Every element the Tab key reaches, and what shows that it has the focus.
FOCUS_STATE = """e => {
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none';
    // A link of the link diagram (SVG) shows the focus as a thick border on its box.
    const box = e.namespaceURI === 'http://www.w3.org/2000/svg' && e.querySelector('rect');
    const stroke = !!box && parseFloat(getComputedStyle(box).strokeWidth) >= 3;
    return {
        html: e.outerHTML.slice(0, 120),
        link: e.matches('a, a *') || e.tagName.toLowerCase() === 'a',
        visible: outline || shadow || stroke,
    };
}"""


def tab_through(page, limit: int = 150) -> list[dict]:
    """Press Tab until the focus has gone round the page once; the focus state of each element reached."""
    reached = []
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        key = page.evaluate("() => document.activeElement === document.body ? null : document.activeElement.outerHTML")
        if key is None or key in seen:
            break
        seen.add(key)
        reached.append(page.evaluate(f"({FOCUS_STATE})(document.activeElement)"))
    return reached


@pytest.mark.parametrize("url", [PRINCIPLES_ES, "/ar/welcome/", "/en/code-of-conduct/"])
def test_every_link_shows_the_keyboard_focus(page, url):
    page.goto(url)
    reached = tab_through(page)
    links = [state for state in reached if state["link"]]
    assert len(links) > 5, reached
    hidden = [state["html"] for state in reached if not state["visible"]]
    assert not hidden, "no visible focus indicator on:\n" + "\n".join(hidden)


def focus_by_tab(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard-only reader would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_chapters_fold_and_unfold_with_the_keyboard_alone(page):
    page.goto(SPACES_ES)
    chapter = "nav.sidebar li:has(> a[href='/es/2-political-economy/']) > details"
    details = page.locator(chapter)
    inside = details.locator("a[href='/es/2-political-economy/political-economy/']")
    expect(details).not_to_have_attribute("open", "")
    expect(inside).to_be_hidden()

    focus_by_tab(page, f"{chapter} > summary")
    # The summary says what it unfolds, for screen readers, though it shows only an arrow.
    expect(details.locator("> summary")).to_have_accessible_name("Subpáginas: 2 Political economy")
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(inside).to_be_visible()
    page.keyboard.press("Tab")
    expect(inside).to_be_focused()
    # Space on the summary folds it again.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")
    expect(details).not_to_have_attribute("open", "")
    page.keyboard.press(" ")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main h1")).to_have_text("Political economy")


def test_a_glossary_tooltip_shows_on_keyboard_focus(page):
    page.goto(PRINCIPLES_ES)
    term = page.locator("article a.glossary-term").first
    tip = page.locator("#" + term.get_attribute("aria-describedby"))
    expect(tip).to_have_attribute("role", "tooltip")
    assert tip.bounding_box()["width"] <= 1, "shown only to assistive technology until the term has the focus"

    focus_by_tab(page, "article a.glossary-term")
    expect(term).to_be_focused()
    expect(tip).to_have_text("El software libre de videoconferencia de nuestras salas.")
    shown = tip.bounding_box()
    assert shown["width"] > 100 and shown["height"] > 10
    expect(tip).to_be_in_viewport()
    assert not violations(page), violations(page)  # readable while shown: contrast and the rest

    page.keyboard.press("Tab")
    assert tip.bounding_box()["width"] <= 1


def test_a_glossary_tooltip_shows_on_hover_and_stays_while_the_pointer_is_on_it(page):
    page.goto(PRINCIPLES_ES)
    term = page.locator("article a.glossary-term").first
    tip = page.locator("#" + term.get_attribute("aria-describedby"))
    assert tip.bounding_box()["width"] <= 1

    term.hover()
    expect(tip).to_have_text("El software libre de videoconferencia de nuestras salas.")
    shown = tip.bounding_box()
    assert shown["width"] > 100 and shown["height"] > 10
    expect(tip).to_be_in_viewport()
    # WCAG 1.4.13: the pointer may move onto the tooltip (to read or select it) without it going away.
    page.mouse.move(shown["x"] + shown["width"] / 2, shown["y"] + shown["height"] / 2)
    assert tip.bounding_box()["width"] > 100
    # Elsewhere on the page, it is gone again.
    heading = box(page.locator("main h1"))
    page.mouse.move(heading["x"] + 5, heading["y"] + 5)
    assert tip.bounding_box()["width"] <= 1


def test_escape_hides_an_open_glossary_definition_without_moving_pointer_or_focus(page):
    """WCAG 2.2 SC 1.4.13: dismissible. Escape hides the definition until neither the pointer nor the focus is on it."""
    page.goto(PRINCIPLES_ES)
    term = page.locator("article a.glossary-term").first
    tip = page.locator("#" + term.get_attribute("aria-describedby"))

    focus_by_tab(page, "article a.glossary-term")
    expect(tip).to_have_text("El software libre de videoconferencia de nuestras salas.")
    assert box(tip)["width"] > 100
    page.keyboard.press("Escape")
    expect(term).to_be_focused()
    assert tip.bounding_box()["width"] <= 1
    # Hidden while the focus stays on the term, also when the pointer passes over it and leaves.
    term.hover()
    assert tip.bounding_box()["width"] <= 1
    heading = box(page.locator("main h1"))
    page.mouse.move(heading["x"] + 5, heading["y"] + 5)
    expect(term).to_be_focused()
    assert tip.bounding_box()["width"] <= 1
    # Once the focus has moved away, coming back opens it again.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(term).to_be_focused()
    assert box(tip)["width"] > 100

    # With the pointer on the term or on its definition (the focus elsewhere), Escape hides it as well.
    page.locator("main").focus()  # tabindex="-1", the skip link's target
    term.hover()
    shown = box(tip)
    page.mouse.move(shown["x"] + shown["width"] / 2, shown["y"] + shown["height"] / 2)
    page.keyboard.press("Escape")
    assert tip.bounding_box()["width"] <= 1
    expect(page.locator("main")).to_be_focused()
    page.mouse.move(heading["x"] + 5, heading["y"] + 5)
    term.hover()
    assert box(tip)["width"] > 100


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found, f"{locator} is not displayed"
    return found


def test_print_shows_the_content_without_navigation(page):
    page.goto(SPACES_ES)
    # Breadcrumbs and the list of sub-pages say where the page stands: they stay on paper.
    navigation = page.locator("nav:not(.breadcrumbs):not(.children), a.skip-link, form[role=search], footer")
    assert navigation.count() >= 6
    for index in range(navigation.count()):
        expect(navigation.nth(index)).to_be_visible()
    page.emulate_media(media="print")
    for index in range(navigation.count()):
        expect(navigation.nth(index)).to_be_hidden()
    expect(page.locator("header .site-title")).to_be_visible()
    expect(page.locator("main h1")).to_have_text("Espacios")
    expect(page.locator("article")).to_be_visible()
