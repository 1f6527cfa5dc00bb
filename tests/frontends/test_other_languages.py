"""Text in another language than the page's carries its own lang and dir (WCAG 3.1.2), wherever it appears."""

import itertools

from frontends.presenters.governance import compare
from frontends.richtext import link_glossary
from tests.frontends.helpers import parse

ARABIC = ' lang="ar" dir="rtl"'
ENGLISH = ' lang="en" dir="ltr"'


def test_a_change_summary_in_the_original_language_keeps_its_direction(small_demo, html):
    page = parse(html("/ar/code-of-conduct/"))
    assert page.find("html").attrs["dir"] == "rtl"
    summary = page.find("dl", class_="version-meta").find_all("dd")[-1]
    assert summary.text == "Adds recorded sessions."
    assert (summary.attrs["lang"], summary.attrs["dir"]) == ("en", "ltr")
    # In its own language it is not marked.
    spanish = parse(html("/es/code-of-conduct/")).find("dl", class_="version-meta").find_all("dd")[-1]
    assert "lang" not in spanish.attrs and "dir" not in spanish.attrs


def test_a_comparison_in_another_language_marks_the_readers_words(small_demo, html):
    page = parse(html("/ar/code-of-conduct/compare/1.0/2.0/"))
    summary = page.find("dl", class_="diff-versions").find("span", lang="en")
    assert (summary.text, summary.attrs["dir"]) == ("Adds recorded sessions.", "ltr")
    diff = page.find("ol", class_="diff")
    assert (diff.attrs["lang"], diff.attrs["dir"]) == ("en", "ltr")
    # What is said only to screen readers ("[inserted: …]") is in Arabic, and said as Arabic.
    hidden = diff.find_all("span", class_="visually-hidden")
    assert hidden and all((span.attrs["lang"], span.attrs["dir"]) == ("ar", "rtl") for span in hidden)
    assert hidden[0].text == "[محذوف:"
    labels = diff.find_all("span", class_="diff-label")
    assert labels and all((label.attrs["lang"], label.attrs["dir"]) == ("ar", "rtl") for label in labels)
    # Both versions are in English, so the deleted words are in the comparison's language.
    assert all("lang" not in deleted.attrs for deleted in diff.find_all("del"))


def test_a_comparison_across_languages_marks_the_older_text(small_demo, html):
    """Spanish 2.0 against 1.0, which is read in English: deleted words are English within a Spanish comparison."""
    diff = parse(html("/es/code-of-conduct/compare/1.0/2.0/")).find("ol", class_="diff")
    assert "lang" not in diff.attrs
    deleted = diff.find_all("del")
    assert deleted and all((d.attrs["lang"], d.attrs["dir"]) == ("en", "ltr") for d in deleted)
    assert all("lang" not in inserted.attrs for inserted in diff.find_all("ins"))
    # The reader's language is the comparison's: the hidden words need no mark of their own.
    assert all("lang" not in span.attrs for span in diff.find_all("span", class_="visually-hidden"))


def test_compare_marks_nothing_when_everything_is_in_one_language():
    body = [{"__typename": "ParagraphBlock", "html": f"<p>{text}</p>"} for text in ("a b", "gone")]
    rows = compare(body, body[:1] + [{"__typename": "ParagraphBlock", "html": "<p>new</p>"}])
    assert "lang=" not in "".join(row["html"] for row in rows)
    rows = compare(body, [{"__typename": "ParagraphBlock", "html": "<p>a c</p>"}], ARABIC, ENGLISH)
    markup = "".join(row["html"] for row in rows)
    assert f'<del{ENGLISH}><span class="visually-hidden"{ARABIC}>' in markup
    assert f'<ins><span class="visually-hidden"{ARABIC}>' in markup


def test_a_glossary_definition_from_another_language_keeps_its_direction():
    def link(locale: str) -> str:
        return (
            f'<a href="#glossary-bbb" class="glossary-term" data-glossary-term="bbb" data-locale="{locale}"'
            ' title="The video-meeting software.">BBB</a>'
        )

    english_tip = parse(link_glossary(link("en"), lambda slug: f"/ar/glossary/#term-{slug}", itertools.count(1)))
    tip = english_tip.find("span", role="tooltip")
    assert (tip.attrs["lang"], tip.attrs["dir"]) == ("en", "ltr")
    arabic_tip = parse(link_glossary(link("ar"), lambda slug: f"/en/glossary/#term-{slug}", itertools.count(1)))
    assert arabic_tip.find("span", role="tooltip").attrs["dir"] == "rtl"
