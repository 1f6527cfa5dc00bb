"""The PO files page in the admin: download and upload, each user only in the languages they may translate."""

import polib
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from cms.translations import views_po
from tests.translations.po_helpers import as_bytes, entry, export, state, translate
from tests.translations.test_permissions import denied
from tests.translations.test_po_import import PRIVACY, PRIVACY_ES

PAGE = reverse("translations_po")
LINK = 'We meet in <a id="a1">BBB</a> rooms that members steward together.'


def download(language: str) -> str:
    return reverse("translations_po_export", args=[language])


@pytest.fixture
def spanish_translator(django_user_model, small_demo):
    user = django_user_model.objects.create_user("traductora", password="x")
    user.groups.add(Group.objects.get(name="Translators: Español"))
    return user


@pytest.fixture
def editor(django_user_model, small_demo):
    user = django_user_model.objects.create_user("editora", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    def post(po, language="es", **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                PAGE, {"language": language, "file": SimpleUploadedFile(f"{language}.po", as_bytes(po)), **data}
            )

    return post


def test_the_page_offers_a_translator_their_language_only(spanish_translator, client):
    client.force_login(spanish_translator)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert [code for code, _name, _url in response.context["downloads"]] == ["es"]
    assert [code for code, _name in response.context["form"].fields["language"].choices] == ["es"]
    assert download("es").encode() in response.content
    assert download("fr").encode() not in response.content


def test_the_menu_shows_the_page_to_translators(spanish_translator, client):
    client.force_login(spanish_translator)
    assert PAGE.encode() in client.get(reverse("wagtailadmin_home")).content


def test_a_translator_downloads_their_language_and_no_other(small_demo, spanish_translator, client):
    client.force_login(spanish_translator)
    response = client.get(download("es"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="es.po"'
    assert response["Content-Type"] == "text/x-gettext-translation; charset=utf-8"
    po = polib.pofile(response.content.decode())
    assert po.metadata["Language"] == "es"
    assert len(po) == len(export(small_demo))
    assert denied(client.get(download("fr")))
    assert denied(client.get(download("en")))


@pytest.mark.parametrize("url", [PAGE, download("es")])
def test_users_who_translate_no_language_are_refused(small_demo, client, django_user_model, url):
    assert client.get(url).url.startswith(reverse("wagtailadmin_login"))
    user = django_user_model.objects.create_user("someone", password="x")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(user)
    assert denied(client.get(url))
    assert PAGE.encode() not in client.get(reverse("wagtailadmin_home")).content


def test_a_translator_updates_a_translation_of_their_language(small_demo, spanish_translator, client, upload):
    client.force_login(spanish_translator)
    response = upload(translate(export(small_demo), {LINK: 'Usamos salas <a id="a1">BBB</a>.'}))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok, report.lines()
    assert [(change.where, change.outcome) for change in report.changes] == [
        ("handbook/1-principles/principles", "translation published")
    ]
    assert "Usamos salas" in small_demo.page("principles", "es").body[0].value.source
    assert b"Imported 1 string of 1 page, term or document." in response.content


def test_a_translator_saves_strings_of_a_page_not_yet_translated_for_an_editor(
    small_demo, spanish_translator, editor, client, upload
):
    client.force_login(spanish_translator)
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    report = upload(po).context["report"]
    assert report.ok, report.lines()
    assert [change.outcome for change in report.changes] == [
        "strings saved; an editor starts or syncs this translation to use them"
    ]
    privacy = small_demo.page("privacy-policy")
    assert not Page.objects.filter(translation_key=privacy.translation_key, locale__language_code="es").exists()
    # The same file, uploaded by an editor, creates the page from the strings the translator saved.
    client.force_login(editor)
    report = upload(po).context["report"]
    assert report.ok and report.changes == []
    entry(po, "Privacy in short.").msgstr = "La privacidad, en breve."
    report = upload(po).context["report"]
    assert [change.outcome for change in report.changes] == ["translation published"]
    assert small_demo.page("privacy-policy", "es").summary == "La privacidad, en breve."


def test_a_translator_cannot_import_another_language(small_demo, spanish_translator, client, upload):
    client.force_login(spanish_translator)
    before = state("fr")
    response = upload(translate(export(small_demo, "fr"), {"Steward": "Intendante"}), language="fr")
    assert response.status_code == 200
    assert response.context["report"] is None
    assert "language" in response.context["form"].errors
    # A French file sent as Spanish is refused by its header.
    response = upload(translate(export(small_demo, "fr"), {"Steward": "Intendante"}), language="es")
    assert [str(problem) for problem in response.context["report"].problems] == ["file: the file is in fr, not es"]
    assert state("fr") == before


def test_a_bad_file_shows_every_problem_and_changes_nothing(small_demo, editor, client, upload):
    client.force_login(editor)
    po = translate(export(small_demo), PRIVACY_ES, where=PRIVACY)
    entry(po, LINK).msgstr = "Nos reunimos en salas de BBB."
    before = state("es")
    response = upload(po)
    assert state("es") == before
    report = response.context["report"]
    assert [(problem.where, problem.message) for problem in report.problems] == [
        ("handbook/1-principles/principles body.0.paragraph", '<a id="a1"> is missing')
    ]
    content = response.content.decode()
    assert "1 problem: nothing was imported." in content
    assert "handbook/1-principles/principles body.0.paragraph" in content
    assert "&lt;a id=&quot;a1&quot;&gt; is missing" in content


def test_only_checking_the_file_imports_nothing(small_demo, editor, client, upload):
    client.force_login(editor)
    before = state("es")
    response = upload(translate(export(small_demo), PRIVACY_ES, where=PRIVACY), dry_run="on")
    assert b"The file is valid. Importing it would change 6 strings of 1 page, term or document." in response.content
    assert state("es") == before


def test_an_editor_may_export_and_import_every_language(small_demo, editor, client, upload):
    client.force_login(editor)
    response = client.get(PAGE)
    assert {code for code, _name, _url in response.context["downloads"]} == {"es", "fr", "de", "ar"}
    assert client.get(download("ar")).status_code == 200
    report = upload(export(small_demo, "ar"), language="ar").context["report"]
    assert report.ok and report.changes == []


def test_a_file_over_the_size_limit_is_refused_before_reading(small_demo, editor, client, upload, monkeypatch):
    monkeypatch.setattr(views_po, "MAX_FILE_SIZE", 1024)
    client.force_login(editor)
    response = upload(export(small_demo))
    assert response.context["report"] is None
    assert response.context["form"].errors["file"] == ["The file is larger than 1.0\xa0KB."]
