"""The management commands export_translations and import_translations."""

import polib
import pytest
from django.core.management import CommandError, call_command
from wagtail_localize.models import StringTranslation

from tests.translations.po_helpers import entry, export, state, translate
from tests.translations.test_po_import import PRIVACY, PRIVACY_ES


@pytest.fixture
def call(django_capture_on_commit_callbacks, capsys):
    def run(*args):
        with django_capture_on_commit_callbacks(execute=True):
            call_command(*args)
        return capsys.readouterr()

    return run


def test_export_writes_the_language_file(small_demo, call, tmp_path):
    path = tmp_path / "es.po"
    output = call("export_translations", "--locale", "es", "--output", str(path))
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == "es"
    assert [(item.msgctxt, item.msgid, item.msgstr) for item in po] == [
        (item.msgctxt, item.msgid, item.msgstr) for item in export(small_demo)
    ]
    assert output.err.startswith(f"Wrote {path}: {len(po)} strings, {len(po.translated_entries())} translated.")


def test_export_without_output_prints_the_file(small_demo, call):
    po = polib.pofile(call("export_translations", "--locale", "ar").out)
    assert po.metadata["Language"] == "ar"
    assert len(po) == len(export(small_demo, "ar"))


@pytest.mark.parametrize("language", ["en", "pt"])
def test_export_refuses_a_language_that_is_not_translated_into(small_demo, call, language):
    with pytest.raises(CommandError, match=f"{language} is not a language the portal translates into"):
        call("export_translations", "--locale", language)


def test_import_applies_a_translated_file_and_a_second_run_changes_nothing(small_demo, call, tmp_path):
    path = tmp_path / "es.po"
    translate(export(small_demo), PRIVACY_ES, where=PRIVACY).save(str(path))
    output = call("import_translations", str(path))
    assert output.out.splitlines() == [
        f"{PRIVACY} (Handbook page: Privacy policy): 6 strings; translation published",
        "Imported 6 strings of 1 page, term or document.",
    ]
    assert small_demo.page("privacy-policy", "es").title == "Política de privacidad"
    before = state("es")
    assert call("import_translations", str(path)).out.splitlines() == [
        "Nothing to import: every translation in the file is already in the portal."
    ]
    assert state("es") == before


def test_import_lists_the_problems_fails_and_changes_nothing(small_demo, call, tmp_path):
    path = tmp_path / "es.po"
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    entry(po, "Every space has a steward.").msgstr = "Cada espacio tiene una <b>responsable."
    po.save(str(path))
    before = state("es")
    with pytest.raises(CommandError, match="2 problems: nothing was imported."):
        call("import_translations", str(path))
    assert state("es") == before


def test_import_reports_problems_on_the_standard_output(small_demo, tmp_path, capsys):
    path = tmp_path / "es.po"
    po = export(small_demo)
    entry(po, "Every space has a steward.").msgstr = "Cada espacio tiene una <b>responsable."
    po.save(str(path))
    with pytest.raises(CommandError):
        call_command("import_translations", str(path))
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 2)[-1].rsplit(" (line", 1)[0] for line in lines] == [
        "<b> is never closed",
        "<b> is not in the English text",
    ]
    assert all(line.startswith("handbook/1-principles/principles/spaces body.1.callout.text: ") for line in lines)


def test_import_dry_run_and_expected_language(small_demo, call, tmp_path):
    path = tmp_path / "es.po"
    translate(export(small_demo), PRIVACY_ES, where=PRIVACY).save(str(path))
    before = state("es")
    output = call("import_translations", str(path), "--dry-run", "--locale", "es")
    assert (
        output.out.splitlines()[-1]
        == "The file is valid. Importing it would change 6 strings of 1 page, term or document."
    )
    with pytest.raises(CommandError, match="1 problem"):
        call("import_translations", str(path), "--locale", "ar")
    assert state("es") == before


def test_import_records_the_translator(small_demo, call, tmp_path, django_user_model):
    user = django_user_model.objects.create_user("traductora")
    path = tmp_path / "es.po"
    translate(export(small_demo), PRIVACY_ES, where=PRIVACY).save(str(path))
    call("import_translations", str(path), "--user", "traductora")
    saved = StringTranslation.objects.filter(locale__language_code="es", data="Política de privacidad")
    assert [item.last_translated_by for item in saved] == [user]
    with pytest.raises(CommandError, match="There is no user nobody"):
        call("import_translations", str(path), "--user", "nobody")


def test_import_refuses_a_missing_file(db, call, tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call("import_translations", str(tmp_path / "missing.po"))
