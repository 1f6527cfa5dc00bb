"""The pure parts of the front ends: the sidebar tree, page links in rich text, the link diagram, site paths."""

from frontends.diagram import MAX_PER_SIDE, NODE_WIDTH, WIDTH, link_diagram, shorten
from frontends.navigation import build_tree
from frontends.richtext import link_pages
from frontends.sites import host_language, locate


def entry(id, title, parent=None, locale="es"):
    return {
        "id": id,
        "title": title,
        "path": f"/{title}/",
        "locale": locale,
        "isFallback": locale != "es",
        "parentId": parent,
    }


ENTRIES = [entry("1", "a"), entry("2", "a1", "1"), entry("3", "a1x", "2", "en"), entry("4", "b"), entry("5", "b1", "4")]


def test_the_tree_is_nested_with_the_current_branch_open():
    roots = build_tree(ENTRIES, "/a1x/", lambda path: "/es" + path)
    assert [node.title for node in roots] == ["a", "b"]
    a1x = roots[0].children[0].children[0]
    assert (a1x.current, a1x.href, a1x.locale, a1x.is_fallback) == (True, "/es/a1x/", "en", True)
    assert roots[0].open and roots[0].children[0].open and not roots[1].open
    assert not any(node.current for node in (roots[0], roots[1], roots[1].children[0]))


def test_the_tree_without_a_current_page_is_folded_and_keeps_orphans():
    roots = build_tree([entry("9", "orphan", "404"), *ENTRIES], None, str)
    assert [node.title for node in roots] == ["orphan", "a", "b"]
    assert not any(node.open for node in roots)


def test_page_links_are_prefixed_and_other_links_left_alone():
    markup = (
        '<p><a href="/x/&amp;y/" data-page-id="3" data-locale="en" hreflang="en">x</a> '
        '<a href="https://example.org/">out</a> <a href="#glossary-bbb" class="glossary-term">BBB</a> '
        '<a data-page-id="4">no target</a></p>'
    )
    result = link_pages(markup, lambda path: "/es" + path)
    assert '<a href="/es/x/&amp;y/" data-page-id="3" data-locale="en" hreflang="en">x</a>' in result
    assert '<a href="https://example.org/">out</a>' in result
    assert 'href="#glossary-bbb"' in result and '<a data-page-id="4">no target</a>' in result


def link(number):
    return {"title": f"Page number {number} with a rather long title", "href": f"/en/{number}/", "locale": "en"}


def test_the_diagram_puts_the_page_between_links_in_and_out():
    page = {"title": "Here", "href": "/en/here/", "locale": "en"}
    assert link_diagram(page, [], []) is None
    diagram = link_diagram(page, [link(1), link(2)], [link(3)])
    assert diagram.center.x == (WIDTH - NODE_WIDTH) // 2 and diagram.center.current
    assert all(node.x < diagram.center.x for node in diagram.incoming)
    assert all(node.x > diagram.center.x for node in diagram.outgoing)
    assert len(diagram.edges) == 3 and not diagram.more
    assert diagram.incoming[0].label.endswith("…") and len(diagram.incoming[0].label) == 24
    # Right to left, links in come from the right.
    mirrored = link_diagram(page, [link(1)], [link(3)], rtl=True)
    assert mirrored.incoming[0].x > mirrored.center.x > mirrored.outgoing[0].x


def test_the_diagram_is_cut_short_with_a_count_of_the_rest():
    diagram = link_diagram({"title": "Here", "href": "/", "locale": "en"}, [link(n) for n in range(12)], [])
    assert len(diagram.incoming) == MAX_PER_SIDE
    assert [more.count for more in diagram.more] == [12 - MAX_PER_SIDE]
    assert diagram.height > max(node.y + node.height for node in diagram.incoming)
    assert shorten("short") == "short"


def test_paths_belong_to_a_language_site():
    languages = ["en", "es"]
    assert locate("/es/a/b/", None, languages) == ("es", "/a/b/")
    assert locate("/es/", None, languages) == ("es", "/")
    assert locate("/xx/a/", None, languages) is None
    assert locate("/es/a/", "en", languages) == ("en", "/es/a/")  # on a language host, paths are its own
    hosts = {"es.example.coop": "es"}
    assert host_language("ES.example.coop:8000", hosts) == "es"
    assert host_language("example.coop", hosts) is None
