"""Exporting a whole language as one PO file."""

import shutil
import subprocess

import polib
import pytest
from wagtail.models import Page

from cms.translations.po import export_language
from tests.factories import add_page, paragraph
from tests.translations.po_helpers import entries_of, entry, export

# CI installs GNU gettext (.ci/run); without it here, only the msgfmt test is skipped.
MSGFMT = shutil.which("msgfmt")


def test_the_header_names_the_language_its_plural_forms_and_the_source_language(small_demo):
    header = export(small_demo, "ar").metadata
    assert header["Language"] == "ar"
    assert header["X-Source-Language"] == "en"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Plural-Forms"].startswith("nplurals=6;")
    assert header["Project-Id-Version"]


def test_every_string_of_the_handbook_glossary_and_governance_is_in_the_file_once(small_demo):
    po = export(small_demo)
    places = {item.occurrences[0][0] for item in po}
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1)
    assert {page.url_path.strip("/") for page in english_pages} <= places
    assert {"glossary/bbb-big-blue-button", "governance/code_of_conduct/3.0", "governance/privacy_policy/1.0"} <= places
    keys = [(item.msgctxt, item.msgid) for item in po]
    assert len(keys) == len(set(keys))


def test_msgctxt_names_the_object_and_the_content_path_and_the_reference_names_page_and_field(small_demo):
    po = export(small_demo)
    spaces = small_demo.page("spaces")
    callout = entry(po, "Every space has a steward.")
    block_id = spaces.body[1].id
    assert callout.msgctxt == f"{spaces.translation_key}:body.{block_id}.text"
    assert callout.occurrences == [("handbook/1-principles/principles/spaces", ""), ("body.1.callout.text", "")]
    assert callout.comment == "Handbook page: Spaces"
    cell = entry(po, "Steward")
    assert cell.occurrences[1] == ("body.2.table.cell-0-1", "")


def test_translations_so_far_are_filled_in_and_objects_not_started_are_there_to_translate(small_demo):
    po = export(small_demo)
    assert entry(po, 'We meet in <a id="a1">BBB</a> rooms that members steward together.').msgstr == (
        'Nos reunimos en salas de <a id="a1">BBB</a> que cuidamos entre todas.'
    )
    not_started = entries_of(po, "handbook/1-principles/commoning")
    assert [item.msgid for item in not_started][:2] == ["Commoning", "commoning"]
    assert all(item.msgstr == "" for item in not_started)
    # Spaces was edited in English after it was translated: the new callout waits for a translation.
    assert entry(po, "Each space now has a named steward.").msgstr == ""


def test_a_string_whose_english_changed_carries_its_earlier_translation_as_fuzzy(small_demo):
    spaces = small_demo.page("spaces")
    blocks = spaces.body.raw_data
    blocks[0]["value"] = "<p>Our spaces are rooms, a forum, a wiki and shared files.</p>"
    spaces.body = blocks
    spaces.save_revision().publish()
    changed = entry(export(small_demo), "Our spaces are rooms, a forum, a wiki and shared files.")
    assert changed.fuzzy
    assert changed.previous_msgid == "Our spaces are rooms, a forum and shared files."
    assert changed.msgstr == "Nuestros espacios son salas, un foro y archivos compartidos."


def test_placeholders_in_english_text_are_flagged_for_format_checks(small_demo):
    add_page(small_demo.page("principles"), "Greetings", body=[paragraph("<p>Hello %(name)s and {friend}</p>")])
    greeting = entry(export(small_demo), "Hello %(name)s and {friend}")
    assert greeting.flags == ["python-format", "python-brace-format"]


# The source locale, pages (one query, then one per page type), terms, versions and the language's translations.
EXPORT_QUERIES = 8


def test_exporting_only_reads(small_demo, django_assert_num_queries):
    french = small_demo.locale("fr")
    with django_assert_num_queries(EXPORT_QUERIES) as captured:
        export_language(french)
    assert all(query["sql"].startswith("SELECT") for query in captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_handbook(small_demo, django_assert_num_queries):
    for number in range(5):
        add_page(small_demo.page("principles"), f"Extra {number}", body=[paragraph(f"<p>Text {number}</p>")])
    spanish = small_demo.locale("es")
    with django_assert_num_queries(EXPORT_QUERIES):
        export_language(spanish)


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed (CI installs it)")
@pytest.mark.parametrize("language", ["es", "ar", "fr"])
def test_the_exported_file_passes_msgfmt_check_format(small_demo, tmp_path, language):
    add_page(small_demo.page("principles"), "Greetings", body=[paragraph("<p>Hello %(name)s and {friend}</p>")])
    po = export(small_demo, language)
    entry(po, "Hello %(name)s and {friend}").msgstr = "Hola %(name)s y {friend}"
    path = tmp_path / f"{language}.po"
    po.save(str(path))
    checked = subprocess.run(  # noqa: S603 (a fixed program on a file this test wrote)
        [MSGFMT, "--check-format", "--check-header", "-o", str(tmp_path / "out.mo"), str(path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert polib.mofile(str(tmp_path / "out.mo")).find("Hola %(name)s y {friend}", by="msgstr") is not None
