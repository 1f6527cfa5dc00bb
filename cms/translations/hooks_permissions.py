"""Admin hooks for per-language permissions: the "Can translate into …" permissions in Wagtail's group editor."""

from wagtail import hooks

from cms.translations.permissions import language_permissions


@hooks.register("register_permissions")
def register_language_permissions():
    return language_permissions()
