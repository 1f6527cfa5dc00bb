"""Per-language translator groups: who may edit and publish what, through Wagtail's and wagtail-localize's views."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Revision
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from cms.demo.loader import translation_key
from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion
from cms.translations.permissions import (
    languages_user_may_translate,
    user_can_edit_translation,
    user_can_publish_translation,
)
from cms.translations.translator_groups import sync_groups

SPANISH_TRANSLATORS = "Translators: Español"
TARGETS = {"es", "fr", "de", "ar"}


@pytest.fixture
def content(small_demo, django_capture_on_commit_callbacks):
    """The objects of the matrix: the small demo has en, es and ar; a French page is translated here."""
    french = Locale.objects.get(language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(small_demo.page("spaces"), [french])
    es, en = small_demo.locale("es"), small_demo.locale("en")
    term_key = translation_key("term", "bbb-big-blue-button")
    conduct_key = translation_key("governance", "code_of_conduct:2.0")
    return {
        "es page": small_demo.page("principles", "es"),
        "fr page": small_demo.page("spaces", "fr"),
        "en page": small_demo.page("principles", "en"),
        "es term": GlossaryTerm.objects.get(translation_key=term_key, locale=es),
        "en term": GlossaryTerm.objects.get(translation_key=term_key, locale=en),
        "es governance": GovernanceVersion.objects.get(translation_key=conduct_key, locale=es),
        "en governance": GovernanceVersion.objects.get(translation_key=conduct_key, locale=en),
    }


@pytest.fixture
def spanish_translator(django_user_model):
    user = django_user_model.objects.create_user("traductora", password="x")
    user.groups.add(Group.objects.get(name=SPANISH_TRANSLATORS))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editora", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="x")


def edit_url(instance) -> str:
    if isinstance(instance, GlossaryTerm | GovernanceVersion):
        meta = instance._meta
        return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[instance.pk])
    return reverse("wagtailadmin_pages:edit", args=[instance.pk])


def translation_of(instance) -> Translation:
    return Translation.objects.get(source__object_id=instance.translation_key, target_locale=instance.locale)


def denied(response) -> bool:
    """Wagtail's admin answers a refusal with 403, or for a page view with a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def put_string(client, instance, value: str):
    translation = translation_of(instance)
    segment = StringSegment.objects.filter(source=translation.source).order_by("order").first()
    url = reverse(
        "wagtail_localize:edit_string_translation",
        kwargs={"translation_id": translation.pk, "string_segment_id": segment.pk},
    )
    return client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")


def publish(client, instance):
    """Publish a translation from wagtail-localize's editor, as its Publish button does."""
    return client.post(edit_url(instance), {"action": "publish"})


def published_by(instance, user) -> bool:
    instance.refresh_from_db()
    latest = Revision.objects.for_instance(instance).order_by("-created_at", "-pk").first()
    return latest is not None and latest.user == user and instance.live_revision_id == latest.pk


# The groups


@pytest.mark.django_db
def test_every_target_language_has_a_translators_group_after_migrating():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Translators: Español", "Translators: Français", "Translators: Deutsch", "Translators: العربيّة"} <= names
    assert "Editors" in names
    assert not Group.objects.filter(name="Translators: English").exists()


@pytest.mark.django_db
def test_syncing_again_changes_nothing_and_follows_the_configured_languages():
    counts = (Group.objects.count(), GroupPagePermission.objects.count())
    sync_groups()
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts

    languages = [("en", "English"), ("es", "Español"), ("ca", "Català")]
    with override_settings(WAGTAIL_CONTENT_LANGUAGES=languages, LANGUAGES=languages):
        sync_groups()
    catalan = Group.objects.get(name="Translators: Català")
    assert catalan.permissions.filter(codename="translate_ca").exists()


def test_translators_hold_page_permissions_on_their_handbook_only(content):
    group = Group.objects.get(name=SPANISH_TRANSLATORS)
    granted = GroupPagePermission.objects.filter(group=group)
    assert {grant.page_id for grant in granted} == {content["es page"].handbook_index().pk}
    assert {grant.permission.codename for grant in granted} == {"change_page", "publish_page"}
    french_index = content["fr page"].handbook_index()  # created by wagtail-localize in the fixture
    assert GroupPagePermission.objects.filter(group__name="Translators: Français", page=french_index).exists()


# The rule that other tools call


def test_languages_user_may_translate(
    content, spanish_translator, editor, superuser, outsider, django_assert_num_queries
):
    with django_assert_num_queries(2):
        assert languages_user_may_translate(spanish_translator) == {"es"}
    with django_assert_num_queries(0):  # cached on the user object
        assert languages_user_may_translate(spanish_translator) == {"es"}
    assert languages_user_may_translate(editor) == TARGETS
    assert languages_user_may_translate(superuser) == TARGETS
    assert languages_user_may_translate(outsider) == set()
    spanish_translator.is_active = False
    assert languages_user_may_translate(spanish_translator) == set()


def test_a_translator_who_is_also_an_editor_is_not_limited(content, spanish_translator, django_user_model):
    spanish_translator.groups.add(Group.objects.get(name="Editors"))
    user = django_user_model.objects.get(pk=spanish_translator.pk)
    assert languages_user_may_translate(user) == TARGETS
    assert user_can_edit_translation(user, content["en term"])
    assert user_can_publish_translation(user, content["en governance"])


def test_two_language_groups_add_up(content, spanish_translator, django_user_model):
    spanish_translator.groups.add(Group.objects.get(name="Translators: Français"))
    user = django_user_model.objects.get(pk=spanish_translator.pk)
    assert languages_user_may_translate(user) == {"es", "fr"}
    assert user_can_edit_translation(user, content["fr page"])
    assert not user_can_edit_translation(user, content["en page"])


# The matrix, through the admin views. One test per role and action, over every object: a table to compare.

OBJECTS = ["es page", "fr page", "en page", "es term", "en term", "es governance", "en governance"]
TRANSLATIONS = ["es page", "fr page", "es term", "es governance"]  # the objects wagtail-localize translated
PUBLISHABLE = ["es page", "fr page", "es governance"]  # translations with drafts (terms have none)
SPANISH = {"es page", "es term", "es governance"}


def expected(allowed: set[str], names) -> dict[str, bool]:
    return {name: name in allowed for name in names}


def test_spanish_translator_edit_views(content, spanish_translator, client):
    client.force_login(spanish_translator)
    opened = {}
    for name in OBJECTS:
        response = client.get(edit_url(content[name]))
        assert response.status_code == 200 or denied(response), (name, response.status_code)
        opened[name] = response.status_code == 200
        if opened[name]:  # translations open in wagtail-localize's editor
            assert b"js-translation-editor" in response.content, name
    assert opened == expected(SPANISH, OBJECTS)
    assert {name: user_can_edit_translation(spanish_translator, content[name]) for name in OBJECTS} == opened


def test_spanish_translator_localize_string_editing(content, spanish_translator, client):
    client.force_login(spanish_translator)
    saved = {}
    for name in TRANSLATIONS:
        response = put_string(client, content[name], "Traducido")
        assert response.status_code in (200, 201, 403), (name, response.status_code)
        saved[name] = response.status_code != 403
    assert saved == expected(SPANISH, TRANSLATIONS)


def test_spanish_translator_publishes_spanish_only(
    content, spanish_translator, client, django_capture_on_commit_callbacks
):
    client.force_login(spanish_translator)
    published = {}
    for name in PUBLISHABLE:
        with django_capture_on_commit_callbacks(execute=True):
            response = publish(client, content[name])
        assert (response.status_code == 302 and response.url == edit_url(content[name])) or denied(response), name
        published[name] = published_by(content[name], spanish_translator)
    assert published == expected(SPANISH, PUBLISHABLE)
    rights = {name: user_can_publish_translation(spanish_translator, content[name]) for name in OBJECTS}
    assert rights == expected(SPANISH, OBJECTS)


def test_spanish_translator_cannot_change_english_sources(content, spanish_translator, client):
    client.force_login(spanish_translator)
    for name in ["en page", "en term", "en governance"]:
        model = type(content[name])
        before = model.objects.get(pk=content[name].pk)
        assert denied(client.post(edit_url(content[name]), {"action-publish": "publish"})), name
        after = model.objects.get(pk=content[name].pk)
        assert getattr(after, "latest_revision_id", None) == getattr(before, "latest_revision_id", None), name


def test_spanish_translator_cannot_unpublish_or_delete_other_languages(content, spanish_translator, client):
    client.force_login(spanish_translator)
    english = content["en governance"]
    response = client.post(reverse("wagtailsnippets_governance_governanceversion:unpublish", args=[english.pk]))
    assert denied(response)
    english.refresh_from_db()
    assert english.live
    response = client.post(reverse("wagtailsnippets_glossary_glossaryterm:delete", args=[content["es term"].pk]))
    assert denied(response)
    assert GlossaryTerm.objects.filter(pk=content["es term"].pk).exists()


def test_translators_do_not_delete_pages_of_their_language(content, spanish_translator, editor, client):
    # Wagtail would let them: they may change and publish these pages.
    leaf = content["es page"].get_children().first() or content["es page"]
    client.force_login(spanish_translator)
    assert denied(client.get(reverse("wagtailadmin_pages:delete", args=[leaf.pk])))
    assert denied(client.post(reverse("wagtailadmin_pages:delete", args=[leaf.pk])))
    assert type(leaf).objects.filter(pk=leaf.pk).exists()
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:delete", args=[leaf.pk])).status_code == 200


def test_spanish_translator_cannot_create_terms(content, spanish_translator, client):
    client.force_login(spanish_translator)
    assert denied(client.get(reverse("wagtailsnippets_glossary_glossaryterm:add")))


def test_spanish_translator_may_not_start_or_sync_translations(content, spanish_translator, client):
    # Even holding wagtail-localize's permission through the language group: both act on the English source.
    group = Group.objects.get(name=SPANISH_TRANSLATORS)
    group.permissions.add(
        *group.permissions.model.objects.filter(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
    )
    client.force_login(spanish_translator)
    english_page, english_term = content["en page"], content["en term"]
    source = TranslationSource.objects.get_for_instance(english_page)
    assert denied(client.get(reverse("wagtail_localize:submit_page_translation", args=[english_page.pk])))
    term_url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["glossary", "glossaryterm", english_term.pk]
    )
    assert denied(client.get(term_url))
    assert denied(client.get(reverse("wagtail_localize:update_translations", args=[source.pk])))


def test_convert_to_alias_follows_the_language(content, spanish_translator, client):
    client.force_login(spanish_translator)
    assert client.get(reverse("wagtail_localize:convert_to_alias", args=[content["es page"].pk])).status_code == 200
    assert denied(client.get(reverse("wagtail_localize:convert_to_alias", args=[content["fr page"].pk])))


def test_stop_translation_follows_the_language(content, spanish_translator, client):
    client.force_login(spanish_translator)
    french = translation_of(content["fr page"])
    assert denied(client.post(reverse("wagtail_localize:stop_translation", args=[french.pk])))
    french.refresh_from_db()
    assert french.enabled


def test_translators_see_the_admin(content, spanish_translator, client):
    client.force_login(spanish_translator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


# Editors and superusers: everywhere


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_editors_and_superusers_edit_and_publish_everything(
    content, request, client, who, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    everything = set(OBJECTS)
    assert {name: client.get(edit_url(content[name])).status_code == 200 for name in OBJECTS} == expected(
        everything, OBJECTS
    )
    assert {name: user_can_edit_translation(user, content[name]) for name in OBJECTS} == expected(everything, OBJECTS)
    assert {name: user_can_publish_translation(user, content[name]) for name in OBJECTS} == expected(
        everything, OBJECTS
    )
    assert {name: put_string(client, content[name], "Otra").status_code in (200, 201) for name in TRANSLATIONS} == (
        expected(everything, TRANSLATIONS)
    )
    for name in PUBLISHABLE:
        with django_capture_on_commit_callbacks(execute=True):
            publish(client, content[name])
    assert {name: published_by(content[name], user) for name in PUBLISHABLE} == expected(everything, PUBLISHABLE)


def test_editors_start_and_sync_translations(content, editor, client):
    client.force_login(editor)
    english_page = content["en page"]
    source = TranslationSource.objects.get_for_instance(english_page)
    assert client.get(reverse("wagtail_localize:submit_page_translation", args=[english_page.pk])).status_code == 200
    assert client.get(reverse("wagtail_localize:update_translations", args=[source.pk])).status_code == 200
