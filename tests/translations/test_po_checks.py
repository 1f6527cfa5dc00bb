"""Checks of one translated string against its English source."""

import pytest

from cms.translations.po.checks import format_flags, markup_problems, placeholder_problems, translation_problems
from cms.translations.po.syntax import syntax_errors


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ('We meet in <a id="a1">BBB</a> rooms.', 'Nos reunimos en salas de <a id="a1">BBB</a>.'),
        ('<b>Read</b> the <a id="a1">rules</a>.', 'Lee las <a id="a1">normas</a> <b>primero</b>.'),  # reordered
        ("Line one<br>line two", "Línea uno<br>línea dos"),
        ("Hello %(name)s, {count} new", "Hola %(name)s, {count} nuevas"),
        ("50% of members", "el 50 % de las socias"),  # a bare % in prose is no placeholder
        ("Rooms &amp; forums", "Salas & foros"),
    ],
)
def test_translations_that_keep_markup_and_placeholders_pass(source, translation):
    assert translation_problems(source, translation) == []


@pytest.mark.parametrize(
    ("source", "translation", "problem"),
    [
        ('Read the <a id="a1">rules</a>.', "Lee las normas.", '<a id="a1"> is missing'),
        ('Read the <a id="a1">rules</a>.', 'Lee las <a id="a2">normas</a>.', '<a id="a1"> is missing'),
        ('Read the <a id="a1">rules</a>.', 'Lee las <a id="a2">normas</a>.', '<a id="a2"> is not in the English text'),
        ("Read the <b>rules</b>.", "Lee las <b>normas.", "<b> is never closed"),
        ("Read the <b>rules</b>.", "Lee las <b>normas</i></b>.", "</i> closes a tag that is not open"),
        ("Read the <b>rules</b>.", "Lee las <b>normas</b> <i>ya</i>.", "<i> is not in the English text"),
        ("A<br>B", "A B", "<br> is missing"),
    ],
)
def test_translations_that_break_markup_are_rejected(source, translation, problem):
    assert problem in markup_problems(source, translation)


def test_a_tag_wagtail_localize_does_not_allow_is_rejected_even_when_the_source_has_it():
    # Sources never hold block tags; a hand-made file might claim one.
    assert markup_problems("<p>x</p>", "<p>y</p>") != []


@pytest.mark.parametrize(
    ("source", "translation", "problem"),
    [
        ("Hello %(name)s", "Hola", "placeholder %(name)s is missing"),
        ("Hello %(name)s", "Hola %(nombre)s", "placeholder %(nombre)s is not in the English text"),
        ("{count} new", "nuevas", "placeholder {count} is missing"),
        ("{count} new", "{total} nuevas", "placeholder {total} is not in the English text"),
    ],
)
def test_placeholders_must_be_kept(source, translation, problem):
    assert problem in placeholder_problems(source, translation)


def test_newlines_at_either_end_follow_the_source():
    assert translation_problems("text", "texto\n") != []
    assert translation_problems("\ntext", "texto") != []


@pytest.mark.parametrize(
    ("source", "flags"),
    [
        ("Hello %(name)s", ["python-format"]),
        ("Hello %(name)s, 50% done", []),  # not a valid format string: msgfmt would reject the msgid itself
        ("{count} new", ["python-brace-format"]),
        ("{count} new {", []),
        ("plain text, 50% of it", []),
    ],
)
def test_format_flags_mark_only_valid_format_strings(source, flags):
    assert format_flags(source) == flags


def test_po_syntax_is_checked_line_by_line():
    good = (
        '# comment\n#, fuzzy\nmsgctxt "k:title"\nmsgid ""\n"Two \\"quoted\\" "\n"lines\\n"\nmsgstr[0] "x"\n\n'
        '#~ msgid "old"\n'
    )
    assert syntax_errors(good) == []
    bad = 'msgid "a"\nmsgstr b"\n"continues nothing"\nmsgid "x" "y"\nmsgid "\\q"\n'
    assert syntax_errors(bad) == [2, 3, 4, 5]
