"""Who may translate what: one rule for the admin, wagtail-localize's editor and the translators' tools.

Each content language other than the source has a permission "Can translate into <language>" (codename
`translate_<code>`, on Wagtail's Locale model). A group that holds one or more of them is a *language group*: its
permissions on translatable snippets (glossary terms, governance versions) count only for instances in those
languages. A group that holds none (Editors, Moderators, any group made before) is not limited, so nothing changes
for existing groups. Permissions given to a user directly follow the same rule, as if the user were a group.

Pages need no such scoping: every language has its own handbook tree, and a language group's page permissions are
granted on its language's handbook index only (translator_groups.py), so Wagtail's page permission checks already
confine it to that tree. Only page deletion, which Wagtail grants with change and publish, is refused to
translators (hooks_permissions.py).

Wagtail's generic snippet views check model-level permissions only (wagtail#13314), and wagtail-localize checks
snippets by model too; the locale-checked views below and `localize_permissions.install()` put the instance-level
rule in front of both.
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import DraftStateMixin, GroupPagePermission, Locale, Page, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.locales import configured_codes, default_code

LANGUAGE_PERMISSION_PREFIX = "translate_"
ANY_LANGUAGE = None  # the scope of a permission held through a group that is not a language group
_CACHE_ATTRIBUTE = "_translation_permission_scopes"


def language_permission_codename(code: str) -> str:
    return f"{LANGUAGE_PERMISSION_PREFIX}{code}"


def language_permissions():
    """The "Can translate into …" permissions that exist (one per language ever configured)."""
    return Permission.objects.filter(
        content_type__app_label=Locale._meta.app_label,
        content_type__model=Locale._meta.model_name,
        codename__startswith=LANGUAGE_PERMISSION_PREFIX,
    )


def target_codes() -> list[str]:
    """The configured languages that are translated into (every one but the source language)."""
    return [code for code in configured_codes() if code != default_code()]


class _Grants:
    """The permissions a user holds ("app_label.codename"), each with the languages it applies to (None: any)."""

    def __init__(self, scopes: dict[str, frozenset[str] | None], languages: frozenset[str]):
        self.scopes = scopes
        self.languages = languages  # the languages of the user's language groups (and own language permissions)


def _grants(user) -> _Grants:
    """Two queries per user object, cached on it like Django's own permission cache."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    holders: dict[object, tuple[set[str], set[str]]] = {}  # group id, or "user" -> (languages, permissions)
    own = user.user_permissions.values_list("content_type__app_label", "codename")
    rows = [
        *Permission.objects.filter(group__user=user).values_list("group__id", "content_type__app_label", "codename"),
        *(("user", app_label, codename) for app_label, codename in own),
    ]
    for holder, app_label, codename in rows:
        languages, permissions = holders.setdefault(holder, (set(), set()))
        if app_label == Locale._meta.app_label and codename.startswith(LANGUAGE_PERMISSION_PREFIX):
            languages.add(codename.removeprefix(LANGUAGE_PERMISSION_PREFIX))
        else:
            permissions.add(f"{app_label}.{codename}")
    scopes: dict[str, frozenset[str] | None] = {}
    all_languages: set[str] = set()
    for languages, permissions in holders.values():
        all_languages |= languages
        for permission in permissions:
            held = scopes.get(permission, frozenset())
            scopes[permission] = ANY_LANGUAGE if held is ANY_LANGUAGE or not languages else held | languages
    grants = _Grants(scopes, frozenset(all_languages))
    setattr(user, _CACHE_ATTRIBUTE, grants)
    return grants


def _usable(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def languages_user_may_translate(user) -> set[str]:
    """The configured target languages in which the user may edit and publish translations.

    Superusers, and users who may manage translations in every language (wagtail-localize's "submit translation"
    permission from a group that is not a language group, as Editors have), may translate into all of them; a
    translator, into the languages of their language groups. Tools that act on one object still check it with
    `user_can_edit_translation()`.
    """
    if not _usable(user):
        return set()
    targets = set(target_codes())
    if user.is_superuser:
        return targets
    grants = _grants(user)
    if grants.scopes.get("wagtail_localize.submit_translation", frozenset()) is ANY_LANGUAGE:
        return targets
    return set(grants.languages) & targets


def user_has_permission_in_language(user, permission: str, language_code: str) -> bool:
    """Whether the user holds `permission` ("app_label.codename") for content in that language."""
    if not _usable(user):
        return False
    if user.is_superuser:
        return True
    scope = _grants(user).scopes.get(permission, frozenset())
    return scope is ANY_LANGUAGE or language_code in scope


class LanguageScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited for language groups to the instances in their languages."""

    def _language_of(self, instance) -> str:
        return instance.locale.language_code

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user_has_permission_in_language(user, self._get_permission_name(action), self._language_of(instance))

    def instances_user_has_any_permission_for(self, user, actions):
        if not _usable(user) or not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        if user.is_superuser:
            return self.model._default_manager.all()
        scopes = _grants(user).scopes
        languages: set[str] = set()
        for action in actions:
            scope = scopes.get(self._get_permission_name(action), frozenset())
            if scope is ANY_LANGUAGE:
                return self.model._default_manager.all()
            languages |= scope
        return self.model._default_manager.filter(locale__language_code__in=languages)


def user_can_edit_translation(user, instance) -> bool:
    """Whether the user may edit this page or snippet (a translation, or a source)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return policy_registry.get_by_type(type(instance)).user_has_permission_for_instance(user, "change", instance)


def user_can_publish_translation(user, instance) -> bool:
    """Whether the user may publish this page or snippet; for snippets without drafts, saving publishes."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    action = "publish" if isinstance(instance, DraftStateMixin) else "change"
    return policy_registry.get_by_type(type(instance)).user_has_permission_for_instance(user, action, instance)


def page_rights_only_through_language_groups(user, page) -> bool:
    """Whether every page permission the user holds over this page comes from a language group.

    Wagtail lets whoever may change and publish a page delete it; translators may edit and publish their language,
    not delete it (hooks_permissions.py refuses that).
    """
    if not _usable(user) or user.is_superuser:
        return False
    groups = set(
        GroupPagePermission.objects.filter(group__user=user, page__in=page.get_ancestors(inclusive=True)).values_list(
            "group_id", flat=True
        )
    )
    return bool(groups) and groups <= set(
        language_permissions().filter(group__in=groups).values_list("group", flat=True)
    )


# Snippet views that act on one instance, with the instance-level check in front.


class InstancePermissionCheckMixin:
    """Deny the view when the policy refuses its action on this instance, not only on the model."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        action = self.permission_required
        policy = policy_registry.get_by_type(type(instance))
        if action and not policy.user_has_permission_for_instance(self.request.user, action, instance):
            raise PermissionDenied
        return instance


class EditView(InstancePermissionCheckMixin, snippet_views.EditView):
    pass


class DeleteView(InstancePermissionCheckMixin, snippet_views.DeleteView):
    pass


class UnpublishView(InstancePermissionCheckMixin, snippet_views.UnpublishView):
    pass


class RevisionsUnscheduleView(InstancePermissionCheckMixin, snippet_views.RevisionsUnscheduleView):
    pass


class TranslatableSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose single-instance views obey the language-scoped permission policy.

    Reverting to a revision uses the edit view, so it is checked too; preview checks the instance already.
    """

    edit_view_class = EditView
    delete_view_class = DeleteView
    unpublish_view_class = UnpublishView
    revisions_unschedule_view_class = RevisionsUnscheduleView


def register_policies(*models):
    """Register the language-scoped policy for translatable snippet models (before their viewsets register)."""
    from wagtail.permissions import register_permission_policy

    for model in models:
        if not issubclass(model, TranslatableMixin):
            raise TypeError(f"{model.__name__} is not translatable")
        register_permission_policy(model, LanguageScopedPermissionPolicy(model), exact_class=True)
