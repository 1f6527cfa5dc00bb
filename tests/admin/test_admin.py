"""The Wagtail admin works for the handbook in every language, the translation editor, glossary and governance."""

import pytest
from django.urls import reverse

from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", password="editor-password"))
    return client


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_the_tree_in_every_locale(small_demo, admin_client, language):
    index = small_demo.page("index", language)
    response = admin_client.get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert response.status_code == 200
    for child in index.get_children():
        assert child.title in response.content.decode()


def test_editing_a_source_page_shows_glossary_links_in_the_editor(small_demo, admin_client):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[small_demo.page("principles").pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "GLOSSARY_TERM" in content
    assert "glossary/glossary-term-entity.js" in content


def test_a_translation_opens_in_the_wagtail_localize_editor(small_demo, admin_client):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[small_demo.page("principles", "es").pk]))
    assert response.status_code == 200
    assert (
        "translation-editor"
        not in admin_client.get(
            reverse("wagtailadmin_pages:edit", args=[small_demo.page("principles").pk])
        ).content.decode()
    )
    assert "translation-editor" in response.content.decode()  # wagtail-localize's editor, not the page form


def test_starting_a_translation_of_an_untranslated_page(small_demo, admin_client):
    url = reverse("wagtail_localize:submit_page_translation", args=[small_demo.page("commoning").pk])
    assert admin_client.get(url).status_code == 200


def test_the_glossary_term_chooser_answers(small_demo, admin_client):
    response = admin_client.get(reverse("wagtailsnippetchoosers_glossary_glossaryterm:choose"))
    assert response.status_code == 200
    assert "BBB - Big Blue Button" in response.json()["html"]


def test_glossary_and_governance_snippets(small_demo, admin_client):
    for model in (GlossaryTerm, GovernanceVersion):
        listing = admin_client.get(reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list"))
        assert listing.status_code == 200
        for instance in model.objects.all():
            edit_url = reverse(
                f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=[instance.pk]
            )
            assert admin_client.get(edit_url).status_code == 200, instance


def test_related_glossary_terms_read_in_the_terms_language(small_demo):
    en = GlossaryTerm.objects.get(slug="bbb-big-blue-button", locale__language_code="en")
    other = GlossaryTerm.objects.create(term="Greenlight", slug="greenlight", definition="Front end.", locale=en.locale)
    en.related_terms.add(other)
    assert list(en.related_in_locale()) == [other]
    spanish = GlossaryTerm.objects.get(slug="bbb-big-blue-button", locale__language_code="es")
    assert list(spanish.related_in_locale()) == []  # Greenlight has no Spanish translation yet
