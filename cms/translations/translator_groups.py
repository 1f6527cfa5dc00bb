"""One group per target language ("Translators: Español"), and an Editors group with full rights, kept in step.

Kept by a post_migrate handler rather than a data migration: a migration runs once, but the languages are
configuration (PORTAL_LANGUAGES) and can change between deploys. Every `migrate` (each release runs one) brings
the groups and the language permissions in line with the configured languages, idempotently. A language dropped from
the configuration keeps its group and permission (they may have members, and the content is still there); they are
no longer kept up to date.

A language group's page permissions sit on its language's handbook index, which may be created after the migration
(by the demo loader, or by wagtail-localize when the handbook is first translated); a post_save handler grants them
as soon as such an index exists.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_migrate, post_save
from django.utils.text import capfirst
from wagtail.models import GroupPagePermission, Locale, Page

from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion
from cms.handbook.models import HandbookIndexPage
from cms.locales import native_name
from cms.translations.permissions import language_permission_codename, target_codes

TRANSLATORS_GROUP_PREFIX = "Translators: "
EDITORS_GROUP = "Editors"
# Translators edit (and publish) what wagtail-localize made for them; they never add or delete. They also review
# readers' suggestions in their language (the suggestions' policy limits them to it).
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("feedback", "view_translationsuggestion"),
    ("feedback", "change_translationsuggestion"),
    ("glossary", "change_glossaryterm"),
    ("governance", "change_governanceversion"),
    ("governance", "publish_governanceversion"),
]
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "publish_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_MODELS = [GlossaryTerm, GovernanceVersion]


def translators_group_name(code: str) -> str:
    return f"{TRANSLATORS_GROUP_PREFIX}{capfirst(native_name(code))}"


def language_permission(code: str) -> Permission:
    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Locale, for_concrete_model=False),
        codename=language_permission_codename(code),
        defaults={"name": f"Can translate into {capfirst(native_name(code))}"},
    )
    return permission


def _permissions(pairs) -> list[Permission]:
    wanted = set(pairs)
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def _page_permissions(codenames) -> list[Permission]:
    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))


def grant_page_permissions(group: Group, page: Page, codenames) -> None:
    for permission in _page_permissions(codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def translators_group(code: str) -> Group:
    """The language's group, created if missing, with its permissions (extra ones an admin gave are kept)."""
    group, _ = Group.objects.get_or_create(name=translators_group_name(code))
    group.permissions.add(language_permission(code), *_permissions(TRANSLATOR_PERMISSIONS))
    for index in HandbookIndexPage.objects.filter(locale__language_code=code):
        grant_page_permissions(group, index, TRANSLATOR_PAGE_PERMISSIONS)
    return group


def editors_group() -> Group:
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    content_types = ContentType.objects.get_for_models(*EDITOR_MODELS).values()
    group.permissions.add(
        *Permission.objects.filter(content_type__in=content_types),
        *_permissions([("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")]),
    )
    root = Page.get_first_root_node()
    if root is not None:
        grant_page_permissions(group, root, EDITOR_PAGE_PERMISSIONS)
    return group


def sync_groups() -> None:
    for code in target_codes():
        translators_group(code)
    editors_group()


def _last_app_with_models():
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def on_post_migrate(sender, **kwargs):
    # post_migrate is sent once per app; act after the last one, when every app's permissions exist.
    if sender.label == _last_app_with_models().label:
        sync_groups()


def on_index_saved(sender, instance, created, raw=False, **kwargs):
    # raw: loading fixtures or restoring a serialized test database, which carries its own permissions.
    if created and not raw and instance.locale.language_code in target_codes():
        translators_group(instance.locale.language_code)


def connect() -> None:
    """Called once from TranslationsConfig.ready()."""
    post_migrate.connect(on_post_migrate, dispatch_uid="cms.translations.sync_groups")
    post_save.connect(on_index_saved, sender=HandbookIndexPage, dispatch_uid="cms.translations.index_permissions")
