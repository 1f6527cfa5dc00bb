"""Search, the glossary and the governance documents of each language site."""

import itertools

import pytest

from cms.glossary.models import GlossaryTerm
from cms.governance.models import DocumentKind, GovernanceVersion
from frontends.presenters.governance import compare
from frontends.richtext import link_glossary
from tests.frontends.helpers import parse

PRINCIPLES_ES = "/es/1-principios/principios/"


# Search


def test_every_page_has_a_search_form_and_links_to_glossary_and_governance(small_demo, html):
    for url in (PRINCIPLES_ES, "/es/glossary/", "/es/code-of-conduct/", "/es/search/?q=x"):
        page = parse(html(url))
        form = page.find("header").find("form", role="search")
        assert (form.attrs["action"], form.attrs["method"]) == ("/es/search/", "get")
        assert form.find("input", name="q").attrs["id"] == form.find("label").attrs["for"]
        footer = page.find("footer").find("nav", class_="site-links")
        assert [a.attrs["href"] for a in footer.find_all("a")] == [
            "/es/glossary/",
            "/es/code-of-conduct/",
            "/es/privacy-policy/",
        ]
        assert footer.find("a", href="/es/glossary/").text == "Glosario"
    # Also on pages that are not found.
    assert parse(html("/de/nowhere/", status=404)).find("a", href="/de/privacy-policy/").text == "Datenschutzerklärung"


def test_search_shows_results_with_excerpts_in_the_language(small_demo, html):
    page = parse(html("/es/search/?q=espacios"))
    assert page.find("html").attrs["lang"] == "es"
    results = page.find("section", class_="search-results")
    links = {a.text: a for a in results.find_all("a")}
    assert "Espacios" in links
    assert links["Espacios"].attrs["href"] == "/es/1-principios/principios/espacios/"
    assert "lang" not in links["Espacios"].attrs
    assert results.has("p", class_="excerpt")
    assert page.find("input", id="search-page-q").attrs["value"] == "espacios"


def test_results_from_a_fallback_language_are_marked(small_demo, html):
    page = parse(html("/de/search/?q=welcome"))
    result = page.find("li", class_="search-result")
    link = result.find("a")
    assert (link.attrs["href"], link.attrs["lang"], link.attrs["dir"]) == ("/de/welcome/", "en", "ltr")
    assert result.find("p", class_="fallback-mark").text == "Noch nicht übersetzt: auf Englisch"
    excerpts = result.find_all("p", class_="excerpt")
    assert all(excerpt.attrs["lang"] == "en" for excerpt in excerpts)


def test_search_pages_through_the_api_cursor(small_demo, html, monkeypatch):
    monkeypatch.setattr("frontends.views.site_pages.PAGE_SIZE", 1)
    first = parse(html("/en/search/?q=space"))
    assert len(first.find_all("li", class_="search-result")) == 1
    more = first.find("a", rel="next")
    assert more.attrs["href"].startswith("/en/search/?q=space&after=")
    second = parse(html(more.attrs["href"]))
    assert len(second.find_all("li", class_="search-result")) == 1
    assert (
        second.find("li", class_="search-result").find("a").text
        != first.find("li", class_="search-result").find("a").text
    )
    assert second.find("a", href="/en/search/?q=space").text == "First results"


def test_no_results_and_an_empty_query(small_demo, html):
    page = parse(html("/fr/search/?q=zzzzqqq"))
    assert page.find("p", class_="no-results").text.startswith("Rien dans le manuel")
    assert not page.has("li", class_="search-result")
    empty = parse(html("/fr/search/"))
    assert not empty.has("section", class_="search-results") and not empty.has("div", class_="notice-error")


def test_a_too_long_query_is_explained_not_an_error(small_demo, html):
    page = parse(html("/es/search/?q=" + "a" * 201))
    alert = page.find("div", role="alert")
    assert "201" in alert.text and "200" in alert.text
    assert alert.text.startswith("Tu búsqueda es demasiado larga")
    assert not page.has("li", class_="search-result")
    # Exactly the limit is fine.
    assert not parse(html("/es/search/?q=" + "a" * 200)).has("div", role="alert")


def test_a_cursor_the_api_did_not_give_out_is_explained(small_demo, html):
    page = parse(html("/en/search/?q=space&after=nonsense"))
    assert page.find("div", role="alert").text == "This link to more results no longer works. Please search again."


def test_site_pages_outside_a_language_site_are_not_found(small_demo, html):
    html("/xx/search/?q=a", status=404)
    html("/glossary/", status=404)


# Glossary


def test_glossary_lists_every_term_with_an_anchor(small_demo, html):
    page = parse(html("/es/glossary/"))
    assert page.find("h1").text == "Glosario"
    entry = page.find("div", id="term-bbb-big-blue-button")
    assert entry.find("dfn").text == "BBB - Big Blue Button"
    assert entry.find("dd").text == "El software libre de videoconferencia de nuestras salas."
    assert "lang" not in entry.find("dd").attrs
    assert not entry.has("span", class_="fallback-mark")


def test_glossary_terms_from_a_fallback_language_are_marked(small_demo, html):
    entry = parse(html("/de/glossary/")).find("div", id="term-bbb-big-blue-button")
    assert entry.find("dfn").attrs["lang"] == "en"
    assert entry.find("dd").attrs["lang"] == "en"
    assert entry.find("span", class_="fallback-mark").text == "(noch nicht übersetzt: auf Englisch)"


def test_related_terms_link_to_their_entries():
    from frontends.presenters.glossary import glossary_terms

    terms = glossary_terms(
        [
            {
                "slug": "a",
                "term": "A",
                "definition": "d",
                "locale": "en",
                "isFallback": False,
                "related": [{"slug": "b", "term": "B", "locale": "en"}],
            }
        ],
        "en",
        {},
    )
    assert terms[0]["anchor"] == "term-a" and terms[0]["related"][0]["href"] == "#term-b"


def test_glossary_links_in_text_point_at_the_glossary_with_a_tooltip(small_demo, html):
    article = parse(html(PRINCIPLES_ES)).find("article")
    wrapper = article.find("span", class_="glossary")
    link = wrapper.find("a", class_="glossary-term")
    assert link.text == "BBB"
    assert link.attrs["href"] == "/es/glossary/#term-bbb-big-blue-button"
    assert "title" not in link.attrs
    tip = wrapper.find("span", class_="glossary-tip")
    assert tip.attrs["id"] == link.attrs["aria-describedby"]
    assert tip.attrs["role"] == "tooltip"
    assert tip.text == "El software libre de videoconferencia de nuestras salas."


def test_pages_with_glossary_definitions_load_the_script_that_closes_them(small_demo, html):
    """Escape closes an open definition (WCAG 2.2 SC 1.4.13): a deferred script of our own, on those pages only."""
    scripts = parse(html(PRINCIPLES_ES)).find_all("script")
    assert [(script.attrs["src"], "defer" in script.attrs) for script in scripts] == [
        ("/static/frontends/glossary.js", True)
    ]
    assert scripts[0].parent.tag == "head"
    for path in ("/es/welcome/", "/es/glossary/", "/es/code-of-conduct/", "/es/search/?q=BBB"):
        assert not parse(html(path)).has("script"), path


def test_link_glossary_escapes_and_numbers_tooltips():
    markup = (
        '<p><a href="#glossary-x" class="glossary-term" data-glossary-term="x" title="a &lt;b&gt; &quot;c&quot;">X</a>'
        ' and <a href="#glossary-x" class="glossary-term" data-glossary-term="x" title="d">X</a>'
        ' and <a href="/p/">page</a></p>'
    )
    result = link_glossary(markup, lambda slug: f"/en/glossary/#term-{slug}", itertools.count(1))
    assert result.count('href="/en/glossary/#term-x"') == 2
    assert 'id="glossary-tip-1"' in result and 'id="glossary-tip-2"' in result
    assert "a &lt;b&gt; &quot;c&quot;</span>" in result
    assert '<a href="/p/">page</a>' in result


# Governance documents


def test_code_of_conduct_shows_the_version_in_force(small_demo, html):
    page = parse(html("/en/code-of-conduct/"))
    assert page.find("h1").text == "Code of conduct"
    meta = page.find("dl", class_="version-meta")
    assert "2.0" in meta.text and "Adds recorded sessions." in meta.text
    assert meta.find("time").attrs["datetime"] == "2025-06-01"
    assert "recorded or not" in page.find("article").text
    versions = page.find("section", class_="versions")
    labels = [a.text for a in versions.find_all("a") if a.text.startswith("Version")]
    assert labels == ["Version 2.0", "Version 1.0"]  # 3.0 is not in force yet
    assert versions.find("a", aria_current="page").attrs["href"] == "/en/code-of-conduct/"
    assert versions.find("a", href="/en/code-of-conduct/1.0/")
    assert versions.find("a", href="/en/code-of-conduct/compare/1.0/2.0/").text == "Compare 1.0 with 2.0"
    assert not page.has("div", class_="notice notice-fallback")


def test_an_earlier_version_is_readable_and_says_it_is_not_in_force(small_demo, html):
    page = parse(html("/en/code-of-conduct/1.0/"))
    assert "version 1.0" in page.find("div", class_="notice notice-outdated").text
    assert "Write to the care team." in page.find("article").text
    assert page.find("section", class_="versions").find("a", aria_current="page").attrs["href"] == (
        "/en/code-of-conduct/1.0/"
    )


def test_translated_and_fallback_versions(small_demo, html):
    spanish = parse(html("/es/code-of-conduct/"))
    assert "grabado o no" in spanish.find("article").text
    assert "lang" not in spanish.find("article").attrs
    older = spanish.find("section", class_="versions").find("a", href="/es/code-of-conduct/1.0/").parent
    assert older.find("span", class_="fallback-mark").text == "(aún sin traducir: en inglés)"

    fallback = parse(html("/es/code-of-conduct/1.0/"))
    assert fallback.find("article").attrs["lang"] == "en"
    notice = fallback.find("div", class_="notice notice-fallback")
    assert "no se ha traducido al español" in notice.text

    privacy = parse(html("/de/privacy-policy/"))
    assert privacy.find("article").attrs["lang"] == "en"
    assert "We keep little data." in privacy.find("article").text
    assert privacy.has("div", class_="notice notice-fallback")


def test_a_governance_version_with_glossary_definitions_loads_their_script(small_demo, html):
    policy = GovernanceVersion.objects.get(kind=DocumentKind.PRIVACY_POLICY, locale=small_demo.locale("en"))
    term = GlossaryTerm.objects.get(locale=small_demo.locale("en"))
    policy.body = [{"type": "paragraph", "value": f'<p>Calls in <a linktype="glossary" id="{term.pk}">BBB</a>.</p>'}]
    policy.save()
    page = parse(html("/de/privacy-policy/"))
    assert page.find("article").find("span", class_="glossary-tip").attrs["role"] == "tooltip"
    assert [script.attrs["src"] for script in page.find_all("script")] == ["/static/frontends/glossary.js"]


def test_unknown_or_future_versions_are_not_found(small_demo, html):
    assert parse(html("/en/code-of-conduct/9.9/", status=404)).find("h1").text == "Page not found"
    html("/en/code-of-conduct/3.0/", status=404)
    html("/en/code-of-conduct/compare/1.0/9.9/", status=404)
    html("/en/privacy-policy/2.0/", status=404)


def test_comparison_marks_inserted_and_deleted_text(small_demo, html):
    page = parse(html("/en/code-of-conduct/compare/1.0/2.0/"))
    assert page.find("h1").text == "Code of conduct: version 1.0 compared with version 2.0"
    diff = page.find("ol", class_="diff")
    inserted = " ".join(ins.text for ins in diff.find_all("ins"))
    deleted = " ".join(d.text for d in diff.find_all("del"))
    assert "recorded or not" in inserted
    assert "they answer within two days" in inserted
    assert "team." in deleted
    # Unchanged paragraphs stay as they are; changed ones say so in words, not colour alone.
    assert diff.find("li", class_="diff-same").text == "Reporting"
    assert diff.find("li", class_="diff-changed").find("span", class_="diff-label").text == "Changed"
    assert "[inserted:" in diff.find("ins").text
    legend = page.find("div", class_="diff-legend")
    assert legend.has("ins") and legend.has("del")


def test_comparison_across_languages_is_marked(small_demo, html):
    page = parse(html("/es/code-of-conduct/compare/1.0/2.0/"))
    assert page.has("div", class_="notice notice-fallback")
    assert page.find("dl", class_="diff-versions").find("span", class_="fallback-mark")


@pytest.mark.parametrize(
    ("old", "new", "kinds"),
    [
        (["a b", "same"], ["a c", "same"], ["changed", "same"]),
        (["gone", "same"], ["same"], ["deleted", "same"]),
        (["same"], ["same", "new"], ["same", "inserted"]),
    ],
)
def test_compare_paragraph_by_paragraph(old, new, kinds):
    def body(texts):
        return [{"__typename": "ParagraphBlock", "html": "".join(f"<p>{t}</p>" for t in texts)}]

    rows = compare(body(old), body(new))
    assert [row["kind"] for row in rows] == kinds


def test_compare_escapes_text():
    rows = compare(
        [{"__typename": "HeadingBlock", "text": "<b>x</b>"}], [{"__typename": "HeadingBlock", "text": "<b>y</b>"}]
    )
    assert "<b>" not in rows[0]["html"] and "&lt;b&gt;" in rows[0]["html"]
