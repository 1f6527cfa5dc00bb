"""Importing a language's PO file: validated, all or nothing, idempotent, through wagtail-localize."""

import polib
import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion
from cms.handbook.models import HandbookPage
from cms.translation_status import Status
from cms.translations.dashboard import build_grid
from cms.translations.po import import_language
from tests.factories import add_page, paragraph
from tests.translations.po_helpers import as_bytes, entries_of, entry, export, state, translate

PRIVACY = "handbook/1-principles/principles/privacy-policy"
PRIVACY_ES = {
    "Privacy policy": "Política de privacidad",
    "privacy-policy": "politica-de-privacidad",
    "Privacy in short.": "La privacidad en breve.",
    "privacy": "privacidad",
    "We keep as little data as we can.": "Guardamos tan pocos datos como podemos.",
    "We delete recordings after thirty days.": "Borramos las grabaciones a los treinta días.",
}


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    """Import as the admin page and the command do; wagtail-localize publishes when the transaction commits."""

    def run(po, **options):
        with django_capture_on_commit_callbacks(execute=True):
            return import_language(as_bytes(po), **options)

    return run


# A good file


def test_a_page_not_yet_translated_is_created_and_published_under_its_translated_parent(small_demo, run_import):
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    report = run_import(po)
    assert report.ok, report.lines()
    page = small_demo.page("privacy-policy", "es")
    assert page.live
    assert page.title == "Política de privacidad"
    assert page.slug == "politica-de-privacidad"
    assert page.get_parent().specific == small_demo.page("principles", "es")
    assert [block.value.source for block in page.body] == [
        "<p>Guardamos tan pocos datos como podemos.</p>",
        "<p>Borramos las grabaciones a los treinta días.</p>",
    ]
    assert Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code="es").enabled
    assert [str(change) for change in report.changes] == [
        f"{PRIVACY} (Handbook page: Privacy policy): 6 strings; translation published"
    ]


def test_links_and_glossary_terms_survive_a_translated_rich_text_string(small_demo, run_import):
    po = export(small_demo)
    report = run_import(
        translate(
            po,
            {'We meet in <a id="a1">BBB</a> rooms that members steward together.': 'Usamos salas <a id="a1">BBB</a>.'},
        )
    )
    assert report.ok, report.lines()
    body = small_demo.page("principles", "es").body
    assert body[0].value.source == f'<p>Usamos salas <a id="{_term_pk()}" linktype="glossary">BBB</a>.</p>'


def _term_pk():
    return GlossaryTerm.objects.get(slug="bbb-big-blue-button", locale__language_code="en").pk


def test_an_edited_translation_of_a_glossary_term_is_saved(small_demo, run_import):
    po = export(small_demo)
    definition = "The free video-meeting software behind our rooms."
    report = run_import(translate(po, {definition: "El programa libre de videollamadas de nuestras salas."}))
    assert report.ok, report.lines()
    term = GlossaryTerm.objects.get(slug="bbb-big-blue-button", locale__language_code="es")
    assert term.definition == "El programa libre de videollamadas de nuestras salas."
    assert [change.outcome for change in report.changes] == ["translation saved"]


def test_a_governance_version_is_published_as_its_english_source_is_and_a_draft_stays_a_draft(small_demo, run_import):
    draft = GovernanceVersion.objects.get(kind="privacy_policy", version_label="1.0", locale__language_code="en")
    draft.live = False
    draft.save()
    po = export(small_demo)
    where = "governance/code_of_conduct/1.0"
    translate(
        po,
        {
            "First version.": "Primera versión.",
            "Be kind in every space.": "Sé amable en cada espacio.",
            "Reporting": "Denuncias",
            "Write to the care team.": "Escribe al equipo de cuidados.",
        },
        where=where,
    )
    translate(po, {"First version.": "Primera versión.", "We keep little data.": "Guardamos pocos datos."}, PRIVACY_DOC)
    report = run_import(po)
    assert report.ok, report.lines()
    spanish = GovernanceVersion.objects.filter(locale__language_code="es")
    published = spanish.get(kind="code_of_conduct", version_label="1.0")
    assert published.live and published.change_summary == "Primera versión."
    unpublished = spanish.get(kind="privacy_policy", version_label="1.0")
    assert not unpublished.live
    outcomes = {change.where: change.outcome for change in report.changes}
    assert outcomes == {where: "translation published", PRIVACY_DOC: "translation saved as a draft, as its source is"}


PRIVACY_DOC = "governance/privacy_policy/1.0"


def test_an_outdated_page_is_updated_once_its_new_strings_are_translated(small_demo, run_import, admin_user):
    def dashboard_status():
        row = next(row for row in build_grid(admin_user).rows if row.key == small_demo.page("spaces").translation_key)
        return row.cell("es").status

    assert dashboard_status() == Status.OUTDATED
    revisions = Revision.objects.count()
    po = translate(export(small_demo), {"Each space now has a named steward.": "Cada espacio tiene ya su responsable."})
    report = run_import(po)
    assert report.ok, report.lines()
    body = small_demo.page("spaces", "es").body
    assert body[3].value["text"].source == "<p>Cada espacio tiene ya su responsable.</p>"
    assert body[0].value.source == "<p>Nuestros espacios son salas, un foro y archivos compartidos.</p>"
    assert Revision.objects.count() == revisions + 1
    assert dashboard_status() == Status.CURRENT


def test_a_partly_translated_object_keeps_its_strings_for_later_and_is_not_created(small_demo, run_import):
    po = translate(export(small_demo), {"Commoning": "Procomún", "It needs care work.": "Necesita cuidados."})
    report = run_import(po)
    assert report.ok, report.lines()
    assert not Page.objects.filter(
        translation_key=small_demo.page("commoning").translation_key, locale__language_code="es"
    )
    assert set(StringTranslation.objects.filter(locale__language_code="es").values_list("data", flat=True)) >= {
        "Procomún",
        "Necesita cuidados.",
    }
    assert not Translation.objects.filter(source__object_id=small_demo.page("commoning").translation_key).exists()
    assert [change.outcome for change in report.changes] == ["strings saved; the translation waits for 4 more strings"]
    # Finishing the rest later creates the page from what was saved then and now.
    rest = {
        item.msgid: f"ES {item.msgid}" for item in entries_of(export(small_demo), "handbook/1-principles/commoning")
    }
    rest.pop("Commoning")
    rest.pop("It needs care work.")
    rest["commoning"] = "procomun"
    assert run_import(translate(export(small_demo), rest, where="handbook/1-principles/commoning")).ok
    page = small_demo.page("commoning", "es")
    assert page.title == "Procomún" and page.live


def test_a_page_whose_parent_is_not_translated_waits_for_it(small_demo, run_import):
    where = "handbook/2-political-economy/political-economy"
    po = export(small_demo)
    translate(po, {item.msgid: f"ES {item.msgid}" for item in entries_of(po, where)}, where=where)
    report = run_import(po)
    assert report.ok, report.lines()
    assert [change.outcome for change in report.changes] == [
        "strings saved; the page waits for its parent page to be translated"
    ]
    assert not Page.objects.filter(translation_key=small_demo.page("political-economy").translation_key).exclude(
        locale__language_code="en"
    )
    # Translating the chapter in the same file creates both, parent first.
    chapter = "handbook/2-political-economy"
    translate(po, {item.msgid: f"ES {item.msgid}" for item in entries_of(po, chapter)}, where=chapter)
    for item in entries_of(po, where):  # already saved: translate them again so that the page is touched
        item.msgstr += "."
    report = run_import(po)
    assert report.ok, report.lines()
    assert [change.outcome for change in report.changes] == ["translation published", "translation published"]
    assert small_demo.page("political-economy", "es").get_parent().specific == small_demo.page(
        "2-political-economy", "es"
    )


# Idempotent, and a round trip that changes nothing


def test_importing_the_same_file_twice_changes_nothing_the_second_time(small_demo, run_import):
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    assert run_import(po).ok
    before = state("es")
    report = run_import(po)
    assert report.ok and report.changes == []
    assert report.summary() == "Nothing to import: every translation in the file is already in the portal."
    assert state("es") == before


@pytest.mark.parametrize("language", ["es", "ar", "fr"])
def test_exporting_and_importing_unchanged_changes_nothing(small_demo, run_import, language):
    before = state(language)
    report = run_import(export(small_demo, language))
    assert report.ok and report.changes == []
    assert state(language) == before


def test_fuzzy_entries_are_ignored_and_reported(small_demo, run_import):
    po = export(small_demo)
    item = entry(po, "Every space has a steward.")
    item.msgstr = "Cada espacio tiene una responsable, o dos."
    item.flags.append("fuzzy")
    before = state("es")
    report = run_import(po)
    assert report.ok and report.changes == []
    assert [str(note) for note in report.notes] == [
        "handbook/1-principles/principles/spaces body.1.callout.text: “Every space has a steward.”: fuzzy: not "
        "imported until the translation is confirmed"
    ]
    assert state("es") == before


def test_dry_run_reports_what_would_change_and_writes_nothing(small_demo, run_import):
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    before = state("es")
    report = run_import(po, dry_run=True)
    assert report.ok
    assert [change.where for change in report.changes] == [PRIVACY]
    assert report.summary() == "The file is valid. Importing it would change 6 strings of 1 page, term or document."
    assert state("es") == before


# Bad files: every problem reported by page and string, and nothing written


def _rejected(run_import, po, **options):
    before = state("es")
    report = run_import(po, **options)
    assert not report.ok
    assert report.changes == []
    assert state("es") == before
    return report.problems


def _line(po, msgid):
    """The line of an entry in the file as written, where the report counts lines."""
    return entry(polib.pofile(as_bytes(po).decode()), msgid).linenum


def test_a_syntax_error_is_reported_and_nothing_changes(small_demo, run_import):
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    text = as_bytes(po).replace(b'msgstr "Pol', b"msgstr Pol", 1).replace(b'msgid "We keep', b'msgid "We "keep', 1)
    before = state("es")
    report = import_language(text)
    expected = "PO syntax error: a keyword with a quoted string, or a quoted string that continues one, was expected"
    broken = [
        number
        for number, line in enumerate(text.decode().splitlines(), start=1)
        if line.startswith(("msgstr Pol", 'msgid "We "keep'))
    ]
    assert len(broken) == 2
    assert [str(problem) for problem in report.problems] == [f"line {number}: {expected}" for number in broken]
    assert state("es") == before


def test_a_file_that_is_not_utf8_is_rejected(small_demo):
    report = import_language(as_bytes(export(small_demo)).replace(b"Manual", "Manüal".encode("latin-1")))
    assert len(report.problems) == 1
    assert report.problems[0].message.startswith("the file is not UTF-8")


def test_a_single_line_is_not_read_as_a_path(small_demo):
    report = import_language(b"/etc/hostname")
    assert [problem.message for problem in report.problems] == ["this is not a PO file"]


@pytest.mark.parametrize(
    ("header", "value", "problem"),
    [
        ("Language", "fr", "the file is in fr, not es"),
        ("Language", "", "the header names no Language"),
        ("Language", "en", "en is not a language the portal translates into"),
        ("Language", "pt", "pt is not a language the portal translates into"),
        ("X-Source-Language", "fr", "the file translates from fr; the portal's source language is en"),
        (
            "Content-Type",
            "text/plain; charset=ISO-8859-1",
            "the header declares charset ISO-8859-1; only UTF-8 is read",
        ),
        ("Plural-Forms", "nplurals=2; plural=(n != 1);", "Plural-Forms says nplurals=2; es has 3 plural forms"),
    ],
)
def test_a_wrong_header_is_rejected(small_demo, run_import, header, value, problem):
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    po.metadata[header] = value
    assert [str(finding) for finding in _rejected(run_import, po, language="es")] == [f"file: {problem}"]


def test_each_bad_entry_is_reported_with_its_page_string_and_line_and_nothing_is_written(small_demo, run_import):
    link = 'We meet in <a id="a1">BBB</a> rooms that members steward together.'
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)  # good entries beside the bad ones
    translate(
        po,
        {
            link: "Nos reunimos en salas de BBB.",
            "Every space has a steward.": "Cada espacio tiene una <b>responsable.",
            "Spaces are what members make of them.": "Los espacios son lo que hacemos.\n",
        },
    )
    spaces = "handbook/1-principles/principles/spaces"
    assert [str(problem) for problem in _rejected(run_import, po)] == [
        f'handbook/1-principles/principles body.0.paragraph: “{link}”: <a id="a1"> is missing (line {_line(po, link)})',
        f"{spaces} body.1.callout.text: “Every space has a steward.”: <b> is never closed "
        f"(line {_line(po, 'Every space has a steward.')})",
        f"{spaces} body.1.callout.text: “Every space has a steward.”: <b> is not in the English text "
        f"(line {_line(po, 'Every space has a steward.')})",
        f"{spaces} body.2.quote.text: “Spaces are what members make of them.”: the translation and the English "
        f"text must both end with a newline, or neither (line {_line(po, 'Spaces are what members make of them.')})",
    ]


def test_placeholders_must_survive(small_demo, run_import):
    add_page(small_demo.page("principles"), "Greetings", body=[paragraph("<p>Hello %(name)s and {friend}</p>")])
    po = translate(export(small_demo), {"Hello %(name)s and {friend}": "Hola %(nombre)s y amigos"})
    assert [(problem.where, problem.message) for problem in _rejected(run_import, po)] == [
        ("handbook/1-principles/principles/greetings body.0.paragraph", "placeholder %(name)s is missing"),
        (
            "handbook/1-principles/principles/greetings body.0.paragraph",
            "placeholder %(nombre)s is not in the English text",
        ),
        ("handbook/1-principles/principles/greetings body.0.paragraph", "placeholder {friend} is missing"),
    ]


def test_unknown_contexts_plurals_duplicates_and_stale_english_are_rejected(small_demo, run_import):
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    title = entry(po, "Spaces")
    po.append(polib.POEntry(msgctxt="not-a-key", msgid="Hello", msgstr="Hola"))
    po.append(polib.POEntry(msgctxt="00000000-0000-0000-0000-000000000000:title", msgid="Hi", msgstr="Hola"))
    po.append(polib.POEntry(msgctxt=title.msgctxt, msgid="Spaces", msgstr="Espacios otra vez"))
    po.append(polib.POEntry(msgctxt=title.msgctxt, msgid="Old spaces", msgstr="Espacios antiguos"))
    po.append(
        polib.POEntry(msgctxt=title.msgctxt, msgid="space", msgid_plural="spaces", msgstr_plural={0: "a", 1: "b"})
    )
    spaces = "handbook/1-principles/principles/spaces"
    assert [(problem.where, problem.string, problem.message) for problem in _rejected(run_import, po)] == [
        ("", "Hello", "msgctxt not-a-key names no page, glossary term or governance version of this portal"),
        (
            "",
            "Hi",
            "msgctxt 00000000-0000-0000-0000-000000000000:title names no page, glossary term or governance version "
            "of this portal",
        ),
        (spaces, "Spaces", "appears twice in the file"),
        (
            f"{spaces} title",
            "Old spaces",
            "the English text has changed since the file was exported: export again and merge (msgmerge)",
        ),
        ("", "space", "has plural forms; content strings have none"),
    ]
    # Entries that name nothing known are placed by their line.
    assert str(_rejected(run_import, po)[0]).startswith(f"line {_line(po, 'Hello')}: “Hello”: msgctxt not-a-key")


def test_a_translation_longer_than_its_field_is_rejected(small_demo, run_import):
    po = translate(export(small_demo), {"Commoning": "P" * 300}, where="handbook/1-principles/commoning")
    assert [str(problem) for problem in _rejected(run_import, po)] == [
        "handbook/1-principles/commoning title: “Commoning”: the field holds at most 255 characters; the translation "
        f"has 300 (line {_line(po, 'Commoning')})"
    ]


def test_a_translation_the_model_refuses_rolls_back_the_whole_import(small_demo, run_import, monkeypatch):
    def clean(page):  # a rule of the page model that only saving finds broken
        if page.summary == "ES Stewarding in common.":
            raise ValidationError({"summary": "A summary may not begin with ES."})

    monkeypatch.setattr(HandbookPage, "clean", clean)
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)  # saved first, then rolled back
    for item in entries_of(po, "handbook/1-principles/commoning"):
        item.msgstr = f"ES {item.msgid}"
    entry(po, "commoning").msgstr = "procomun"
    assert [(problem.where, problem.string, problem.message) for problem in _rejected(run_import, po)] == [
        ("handbook/1-principles/commoning", "Handbook page: Commoning", "A summary may not begin with ES.")
    ]
    assert not Page.objects.filter(
        translation_key=small_demo.page("privacy-policy").translation_key, locale__language_code="es"
    )


def test_a_translation_edited_outside_wagtail_localize_is_not_overwritten(small_demo, run_import):
    principles = small_demo.page("principles")
    Translation.objects.filter(source__object_id=principles.translation_key, target_locale__language_code="es").update(
        enabled=False
    )
    po = translate(export(small_demo), {"Steward": "Encargada"})
    assert [(problem.where, problem.message) for problem in _rejected(run_import, po)] == [
        (
            "handbook/1-principles/principles",
            "this translation is edited outside wagtail-localize's editor; turn that editor back on for it first",
        )
    ]


def test_an_unchanged_file_takes_as_many_queries_whatever_the_size_of_the_handbook(
    small_demo, django_assert_num_queries
):
    content = as_bytes(export(small_demo))
    with django_assert_num_queries(UNCHANGED_IMPORT_QUERIES) as captured:
        assert import_language(content).changes == []
    for number in range(5):
        add_page(small_demo.page("principles"), f"Extra {number}", body=[paragraph(f"<p>Text {number}</p>")])
    content = as_bytes(export(small_demo))
    with django_assert_num_queries(len(captured.captured_queries)):
        assert import_language(content).changes == []


# Reads only, each kind once: the English objects (as the export reads them), the target locale, the language's
# string translations, the translated objects per model, wagtail-localize's translations and English snapshots.
UNCHANGED_IMPORT_QUERIES = 16
