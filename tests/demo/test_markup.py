"""The demo content's markup: table of contents and body blocks (pure functions, no database)."""

import pytest

from cms.demo.markup import MarkupError, body_blocks, inline_html, parse_toc


def resolve(scheme, key):
    return ("page" if scheme == "page" else "glossary", {"spaces": "7", "bbb": "3"}[key])


def test_toc_nests_by_indentation():
    roots = parse_toc("- a | A\n  - b | B\n    - c | C\n  - d | D\n- 1-e | 1 E\n")
    assert [root.key for root in roots] == ["a", "1-e"]
    assert [entry.key for entry in roots[0].walk()] == ["a", "b", "c", "d"]
    assert roots[0].children[0].children[0].parent.key == "b"
    assert roots[1].is_chapter and not roots[0].is_chapter


@pytest.mark.parametrize(
    "text, message",
    [
        ("- a | A\n    - b | B\n", "more than one level"),
        ("- a | A\n - b | B\n", "indented by two spaces"),
        ("- a A\n", "expected"),
        ("- a | A\n- a | Again\n", "unique"),
    ],
)
def test_toc_errors_are_clear(text, message):
    with pytest.raises(MarkupError, match=message):
        parse_toc(text)


def test_inline_links_emphasis_and_escaping():
    html = inline_html("See [the **spaces**](page:spaces), [BBB](term:bbb) & [x](https://example.coop/a?b=1)", resolve)
    assert html == (
        'See <a linktype="page" id="7">the <b>spaces</b></a>, <a linktype="glossary" id="3">BBB</a> &amp; '
        '<a href="https://example.coop/a?b=1">x</a>'
    )
    assert inline_html("an *italic* word and 2 * 3", resolve) == "an <i>italic</i> word and 2 * 3"


def test_unknown_link_scheme_is_rejected():
    with pytest.raises(MarkupError, match="unknown link target"):
        inline_html("[x](ftp://example.coop)", resolve)


def test_every_block_kind():
    blocks = body_blocks(
        "A paragraph\nover two lines.\n\n## Heading\n\n!note Careful [here](page:spaces).\n\n!warning Stop.\n\n"
        "> Quoted [words](page:spaces).\n\n- one\n- two\n\n| H1 | H2 |\n| a | b |\n",
        resolve,
    )
    assert [(block["type"], block["value"]) for block in blocks] == [
        ("paragraph", "<p>A paragraph over two lines.</p>"),
        ("heading", {"text": "Heading", "level": "h2"}),
        ("callout", {"kind": "note", "text": '<p>Careful <a linktype="page" id="7">here</a>.</p>'}),
        ("callout", {"kind": "warning", "text": "<p>Stop.</p>"}),
        ("quote", {"text": "Quoted words.", "attribution": ""}),
        ("paragraph", "<ul><li>one</li><li>two</li></ul>"),
        (
            "table",
            {
                "data": [["H1", "H2"], ["a", "b"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "",
            },
        ),
    ]
    assert len({block["id"] for block in blocks}) == len(blocks)


def test_translations_reuse_source_block_ids_and_must_match_their_count():
    blocks = body_blocks("Uno.\n\nDos.", resolve, block_ids=["a", "b"])
    assert [block["id"] for block in blocks] == ["a", "b"]
    with pytest.raises(MarkupError, match="has 1 blocks where the source has 2"):
        body_blocks("Uno.", resolve, block_ids=["a", "b"])


def test_ragged_tables_and_mixed_lists_are_rejected():
    with pytest.raises(MarkupError, match="different numbers of cells"):
        body_blocks("| a | b |\n| c |", resolve)
    with pytest.raises(MarkupError, match="not an item"):
        body_blocks("- a\nb", resolve)
