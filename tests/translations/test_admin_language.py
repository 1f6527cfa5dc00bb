"""Our admin screens speak the language a translator chose in their Wagtail account, as Wagtail's own screens do."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.users.models import UserProfile

from cms.feedback.models import TranslationSuggestion
from cms.translations.translator_groups import translators_group_name
from tests.translations.dashboard_support import handbook, locale, page_with_text

DASHBOARD = reverse("translations_dashboard")


@pytest.fixture
def translator(db, django_user_model):
    """A Spanish translator, and an English page of the handbook not translated into Spanish yet."""
    locale("es")
    _index, chapter = handbook("Basics")
    page_with_text(chapter, "Meeting spaces")
    user = django_user_model.objects.create_user("traductora", password="x")
    user.groups.add(Group.objects.get(name=translators_group_name("es")))
    return user


def with_admin_language(user, code: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    return user


def test_the_dashboard_is_in_spanish_for_a_translator_who_chose_spanish(translator, client):
    client.force_login(with_admin_language(translator, "es"))
    content = client.get(DASHBOARD).content.decode()
    assert '<html lang="es"' in content
    for spanish in (
        "Panel de traducción",  # the page's title
        "Descargar CSV",
        "Totales por idioma",
        "Páginas, términos del glosario y documentos de gobernanza",
        "Sin traducir",  # the status of the page's Spanish cell
        "Empezar a traducir",
        "Páginas sin traducir más pedidas",
        "Aplicar",  # the filters' button
    ):
        assert spanish in content
    for english in ("Translation dashboard", "Totals per language", "Start translating", "Missing"):
        assert english not in content


def test_the_csv_export_names_its_columns_in_the_translators_language(translator, client):
    client.force_login(with_admin_language(translator, "es"))
    header = client.get(DASHBOARD, {"export": "csv"}).content.decode().splitlines()[0]
    assert header == "Tipo,Título,Palabras,es estado,es % traducido,es sugerencias pendientes,es peticiones"


@pytest.mark.parametrize(
    ("url", "spanish", "english"),
    [
        (reverse("translations_po"), ["Archivos PO", "Solo comprobar el archivo"], ["PO files", "Only check the file"]),
        (reverse("translations_glossary_report"), ["Coherencia del glosario"], ["Glossary consistency"]),
    ],
)
def test_the_translators_other_screens_are_in_spanish(translator, client, url, spanish, english):
    client.force_login(with_admin_language(translator, "es"))
    content = client.get(url).content.decode()
    assert all(text in content for text in spanish)
    assert not any(text in content for text in english)


def test_arabic_is_laid_out_right_to_left_and_english_stays_the_default(translator, client):
    client.force_login(with_admin_language(translator, "ar"))
    content = client.get(DASHBOARD).content.decode()
    assert '<html lang="ar" dir="rtl"' in content
    assert "لوحة متابعة الترجمة" in content

    client.force_login(with_admin_language(translator, ""))
    content = client.get(DASHBOARD).content.decode()
    assert "Translation dashboard" in content
    assert "Panel de traducción" not in content


def test_a_suggestion_is_listed_and_reviewed_in_spanish(translator, client):
    """The status has a context of its own: "Accepted" alone is a member accepting a document ("Ha aceptado")."""
    page = Page.objects.get(title="Meeting spaces")
    suggestion = TranslationSuggestion.objects.create(
        translation_key=page.translation_key,
        locale=locale("es"),
        page_title="Salas",
        passage="Las salas",
        suggestion="Los espacios",
        status=TranslationSuggestion.Status.ACCEPTED,
    )
    translator.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_translationsuggestion", "change_translationsuggestion"])
    )
    client.force_login(with_admin_language(translator, "es"))
    content = client.get("/admin/suggestions/").content.decode()
    assert "Sugerencias" in content
    assert "Aceptada" in content
    assert "Ha aceptado" not in content

    review = client.get(reverse("suggestions:edit", args=[suggestion.pk])).content.decode()
    for label in ("Título de la página", "Idioma", "Pasaje", "Sugerencia", "Enviada", "Estado"):
        assert f"{label}</label>" in review or f">{label}<" in review, label
    assert "Page title" not in review


def test_the_glossary_button_of_the_rich_text_toolbar_is_named_in_each_editors_language(db):
    """Wagtail registers the toolbar's features once per process: a name translated then would stay in the first
    user's language for everyone."""
    button = features.get_editor_plugin("draftail", "glossary-term")
    with translation.override("es"):
        assert str(button.data["description"]) == "Término del glosario"
    with translation.override("ar"):
        assert str(button.data["description"]) == "مصطلح المسرد"
