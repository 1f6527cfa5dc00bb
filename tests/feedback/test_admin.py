"""Translators review readers' suggestions in the admin: by language and status, each decided once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms.feedback.models import TranslationSuggestion
from cms.translations.translator_groups import language_permission, translators_group

LIST = "/admin/suggestions/"


@pytest.fixture
def suggestions(handbook):
    def suggest(page, code, passage):
        return TranslationSuggestion.objects.create(
            translation_key=page.translation_key,
            locale=handbook.locales[code],
            page_title=page.title,
            passage=passage,
            suggestion=f"Better: {passage}",
        )

    return {
        "es spaces": suggest(handbook.spaces_es, "es", "Los espacios"),
        "es commoning": suggest(handbook.commoning, "es", "Commoning is"),
        "fr spaces": suggest(handbook.spaces, "fr", "Les espaces"),
    }


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="x")


@pytest.fixture
def spanish_reviewer(django_user_model):
    """A translator into Spanish whose group may review suggestions."""
    group = Group.objects.create(name="Spanish reviewers")
    group.permissions.add(
        language_permission("es"),
        *Permission.objects.filter(
            codename__in=["access_admin", "view_translationsuggestion", "change_translationsuggestion"]
        ),
    )
    user = django_user_model.objects.create_user("revisora", password="x")
    user.groups.add(group)
    return user


def test_the_list_shows_each_suggestion_with_a_link_to_its_page(suggestions, client, superuser, handbook):
    client.force_login(superuser)
    content = client.get(LIST).content.decode()
    for passage in ("Los espacios", "Commoning is", "Les espaces"):
        assert passage in content
    # The page opens in its version in the suggestion's language, or its source when there is none yet.
    assert reverse("wagtailadmin_pages:edit", args=[handbook.spaces_es.pk]) in content
    assert reverse("wagtailadmin_pages:edit", args=[handbook.commoning.pk]) in content


def test_the_list_filters_by_language_and_status(suggestions, client, superuser, handbook):
    suggestions["es commoning"].resolve(TranslationSuggestion.Status.DISMISSED, superuser)
    client.force_login(superuser)
    spanish = client.get(LIST, {"locale": handbook.locales["es"].pk}).content.decode()
    assert "Los espacios" in spanish and "Commoning is" in spanish and "Les espaces" not in spanish
    open_ones = client.get(LIST, {"status": "open"}).content.decode()
    assert "Los espacios" in open_ones and "Commoning is" not in open_ones
    one_page = client.get(LIST, {"translation_key": handbook.key(handbook.commoning)}).content.decode()
    assert "Commoning is" in one_page and "Los espacios" not in one_page


def test_the_list_costs_the_same_queries_for_few_or_many(
    suggestions, client, superuser, handbook, django_assert_max_num_queries
):
    client.force_login(superuser)
    client.get(LIST)  # the session and the admin's first-use caches
    with django_assert_max_num_queries(30) as few:
        client.get(LIST)
    for number in range(15):
        TranslationSuggestion.objects.create(
            translation_key=handbook.spaces.translation_key,
            locale=handbook.locales["de"],
            page_title="Spaces",
            passage=f"Passage {number}",
            suggestion="x",
        )
    with django_assert_max_num_queries(len(few)):
        client.get(LIST)


def test_marking_a_suggestion_accepted_records_who_and_when(suggestions, client, superuser):
    suggestion = suggestions["es spaces"]
    client.force_login(superuser)
    url = reverse("suggestions:edit", args=[suggestion.pk])
    page = client.get(url).content.decode()
    assert "Los espacios" in page and "Better: Los espacios" in page
    response = client.post(url, {"status": "accepted"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.resolved_by == superuser and suggestion.resolved_at
    # Reopening clears the decision; the reader's text cannot be changed here.
    client.post(url, {"status": "open", "passage": "Changed"})
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.resolved_by, suggestion.passage) == ("open", None, "Los espacios")


def test_nobody_adds_suggestions_in_the_admin(suggestions, client, superuser):
    client.force_login(superuser)
    assert reverse("suggestions:add") not in client.get(LIST).content.decode()
    assert client.get(reverse("suggestions:add")).status_code == 302  # refused: back to the dashboard
    assert TranslationSuggestion.objects.count() == 3


def test_a_translator_reviews_only_the_suggestions_in_their_languages(suggestions, client, spanish_reviewer):
    client.force_login(spanish_reviewer)
    content = client.get(LIST).content.decode()
    assert "Los espacios" in content and "Les espaces" not in content
    french, spanish = suggestions["fr spaces"], suggestions["es spaces"]
    refused = client.post(reverse("suggestions:edit", args=[french.pk]), {"status": "dismissed"})
    assert refused.url == reverse("wagtailadmin_home")  # Wagtail's answer to a permission denied
    french.refresh_from_db()
    assert french.status == "open"
    accepted = client.post(reverse("suggestions:edit", args=[spanish.pk]), {"status": "dismissed"})
    assert accepted.url == LIST
    spanish.refresh_from_db()
    assert spanish.status == "dismissed"


def test_the_spanish_translators_group_reviews_spanish_suggestions_only(suggestions, client, django_user_model):
    translator = django_user_model.objects.create_user("traductora", password="x")
    translator.groups.add(translators_group("es"))
    client.force_login(translator)
    content = client.get(LIST).content.decode()
    assert "Los espacios" in content and "Les espaces" not in content
    french, spanish = suggestions["fr spaces"], suggestions["es spaces"]
    assert client.post(reverse("suggestions:edit", args=[french.pk]), {"status": "dismissed"}).url != LIST
    assert client.post(reverse("suggestions:edit", args=[spanish.pk]), {"status": "accepted"}).url == LIST
    french.refresh_from_db()
    spanish.refresh_from_db()
    assert (french.status, spanish.status) == ("open", "accepted")


def test_the_suggestions_are_in_the_translations_menu(client, superuser):
    client.force_login(superuser)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert LIST in content
