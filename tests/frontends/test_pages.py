"""Handbook pages as readers get them: languages, navigation, notices, links, members-only content."""

from tests.frontends.helpers import parse

SPACES_ES = "/es/1-principios/principios/espacios/"
PRINCIPLES_ES = "/es/1-principios/principios/"
REGISTER = "/en/2-political-economy/political-economy/register-of-members/"


def test_spanish_page_with_its_language_sidebar_and_reading_order(small_demo, html):
    page = parse(html(SPACES_ES))
    root = page.find("html")
    assert (root.attrs["lang"], root.attrs["dir"]) == ("es", "ltr")
    assert page.find("h1").text == "Espacios"
    assert page.find("a", class_="skip-link").attrs["href"] == "#main"
    for landmark in ("header", "nav", "main", "aside", "footer"):
        assert page.has(landmark), landmark
    assert page.find("main").attrs["id"] == "main"

    sidebar = page.find("nav", class_="sidebar")
    current = sidebar.find("a", aria_current="page")
    assert (current.text, current.attrs["href"]) == ("Espacios", SPACES_ES)
    # The current branch is unfolded; other chapters are folded <details>.
    opened = [d.parent.find("a").text for d in sidebar.find_all("details") if "open" in d.attrs]
    assert opened == ["1 Principios", "Principios"]
    assert sidebar.find("a", href="/es/2-political-economy/").parent.find("details").attrs.get("open") is None

    assert page.find("a", rel="prev").attrs["href"] == PRINCIPLES_ES
    assert page.find("a", rel="next").attrs["href"] == "/es/1-principios/principios/privacy-policy/"
    crumbs = [a.text for a in page.find("nav", class_="breadcrumbs").find_all("a")]
    assert crumbs == ["Manual", "1 Principios", "Principios", "Espacios"]
    # UI strings in Spanish.
    assert "Saltar al contenido" in page.find("a", class_="skip-link").text
    assert page.find("time").attrs["datetime"]


def test_body_blocks_and_heading_outline(small_demo, html):
    principles = parse(html(PRINCIPLES_ES))
    article = principles.find("article")
    assert article.find("th", scope="col").text == "Espacio"
    assert article.find("a", class_="glossary-term").text == "BBB"
    spaces = parse(html(SPACES_ES))
    assert spaces.find("div", class_="callout callout-note").find("strong").text == "Nota"
    assert spaces.find("blockquote").text.startswith("Los espacios")

    welcome = parse(html("/en/welcome/"))
    heading = welcome.find("h2", id="how-to-read-it")
    assert heading.text == "How to read it"
    outline = welcome.find("nav", class_="outline")
    assert outline.find("a").attrs["href"] == "#how-to-read-it"
    # Page links in rich text point into this language's site.
    assert welcome.find("article").find("a", href="/en/1-principles/principles/").text == "principles"


def test_arabic_is_right_to_left(small_demo, html):
    page = parse(html("/ar/welcome/"))
    root = page.find("html")
    assert (root.attrs["lang"], root.attrs["dir"]) == ("ar", "rtl")
    assert page.find("h1").text == "مرحبًا"
    assert "lang" not in page.find("article").attrs
    # Chapters only in English are marked as such, with their own direction.
    chapter = page.find("nav", class_="sidebar").find("a", href="/ar/1-principles/")
    assert (chapter.attrs["lang"], chapter.attrs["dir"]) == ("en", "ltr")
    assert page.find("a", class_="skip-link").text == "انتقل إلى المحتوى"


def test_a_fallback_page_says_so_and_marks_its_language(small_demo, html):
    page = parse(html("/de/welcome/"))
    assert page.find("html").attrs["lang"] == "de"
    notice = page.find("div", class_="notice notice-fallback")
    assert notice.text == "Diese Seite liegt noch nicht auf Deutsch vor; Sie lesen das Original auf Englisch."
    article = page.find("article")
    assert (article.attrs["lang"], article.attrs["dir"]) == ("en", "ltr")
    assert page.find("a", aria_current="page").attrs["lang"] == "en"
    # The original is the canonical version.
    assert page.find("link", rel="canonical").attrs["href"] == "http://testserver/en/welcome/"

    spanish = parse(html("/es/welcome/"))
    assert "original en inglés" in spanish.find("div", class_="notice notice-fallback").text


def test_an_outdated_translation_says_so_and_links_the_original(small_demo, html):
    page = parse(html(SPACES_ES))
    notice = page.find("div", class_="notice notice-outdated")
    assert "Puede que esta traducción no esté al día" in notice.text
    original = notice.find("a")
    assert (original.attrs["href"], original.attrs["hreflang"]) == ("/en/1-principles/principles/spaces/", "en")
    assert not page.has("div", class_="notice notice-fallback")
    assert not parse(html(PRINCIPLES_ES)).has("div", class_="notice notice-outdated")


def test_members_only_pages_are_not_found_for_the_public(small_demo, client, member, html):
    page = parse(html(REGISTER, status=404))
    assert page.find("h1").text == "Page not found"
    assert "Register of members" not in page.find("nav", class_="sidebar").text

    client.force_login(member)
    page = parse(html(REGISTER))
    assert page.find("h1").text == "Register of members"
    assert page.find("nav", class_="sidebar").find("a", aria_current="page").text == "Register of members"


def test_the_language_switcher_lists_every_language(small_demo, html):
    switcher = parse(html(SPACES_ES)).find("nav", class_="languages")
    items = {a.attrs["hreflang"]: a for a in switcher.find_all("a")}
    assert list(items) == ["en", "es", "fr", "de", "ar"]
    assert items["en"].find("span", class_="language-title").text == "Spaces"
    assert items["es"].attrs["aria-current"] == "true"
    assert items["es"].find("span", class_="language-status").text == "traducción desactualizada"
    french = items["fr"]
    assert french.attrs["class"] == "missing"
    assert not french.has("span", class_="language-title")
    assert french.find("span", class_="language-status").text == "aún sin traducir: léela en inglés"
    assert (french.find("span", class_="language-name").attrs["lang"], french.text.split()[0]) == ("fr", "Français")
    assert items["ar"].find("span", class_="language-name").attrs["dir"] == "rtl"


def test_hreflang_alternates_for_every_existing_version(small_demo, html):
    page = parse(html(SPACES_ES))
    alternates = {link.attrs["hreflang"]: link.attrs["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {
        "en": "http://testserver/en/1-principles/principles/spaces/",
        "es": "http://testserver/es/1-principios/principios/espacios/",
        "x-default": "http://testserver/en/1-principles/principles/spaces/",
    }
    home = {link.attrs["hreflang"] for link in parse(html("/fr/")).find_all("link", rel="alternate")}
    assert home == {"en", "es", "ar", "x-default"}


def test_links_here_and_the_link_diagram(small_demo, html):
    principles = parse(html("/en/1-principles/principles/"))
    links_here = principles.find("section", class_="links-here")
    assert [a.attrs["href"] for a in links_here.find_all("a")] == ["/en/welcome/"]

    diagram = principles.find("figure", class_="link-diagram").find("svg")
    assert diagram.attrs["aria-labelledby"] == "link-diagram-title"
    assert diagram.find("title").text == "1 page links here; this page links to 0 pages"
    incoming = diagram.find("g", class_="incoming").find("a")
    assert (incoming.attrs["href"], incoming.find("title").text) == ("/en/welcome/", "Welcome")
    current = diagram.find("g", class_="current").find("a")
    assert current.attrs["aria-current"] == "page"
    assert current.find("title").text == "Principles"

    welcome = parse(html("/en/welcome/")).find("svg")
    outgoing = welcome.find("g", class_="outgoing").find("a")
    assert outgoing.attrs["href"] == "/en/1-principles/principles/"
    assert not welcome.has("g", class_="incoming")


def test_the_index_lists_chapters(small_demo, html):
    page = parse(html("/es/"))
    assert page.find("h1").text == "Manual"
    chapters = page.find("nav", class_="children")
    assert chapters.find("h2").text == "Capítulos"
    titles = [a.text for a in chapters.find_all("a")]
    assert titles == ["Welcome", "1 Principios", "2 Political economy", "8 Terminology"]
    assert chapters.find("a", href="/es/welcome/").attrs["lang"] == "en"


def test_unknown_pages_are_not_found_in_the_readers_language(small_demo, html):
    page = parse(html("/fr/no-such-page/", status=404))
    assert page.find("html").attrs["lang"] == "fr"
    assert page.find("h1").text == "Page introuvable"
    assert page.find("nav", class_="sidebar").has("a", href="/fr/welcome/")

    # Outside every language site: the reader's own language, from their browser.
    elsewhere = parse(html("/nothing-here/", status=404, headers={"Accept-Language": "ar"}))
    assert (elsewhere.find("html").attrs["lang"], elsewhere.find("html").attrs["dir"]) == ("ar", "rtl")
    assert elsewhere.find("h1").text == "الصفحة غير موجودة"
