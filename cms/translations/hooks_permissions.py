"""Admin hooks for per-language permissions: the "Can translate into …" permissions in Wagtail's group editor, and
no page deletion for translators (Wagtail would allow it to anyone who may change and publish a page)."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import Page

from cms.translations.permissions import language_permissions, page_rights_only_through_language_groups


@hooks.register("register_permissions")
def register_language_permissions():
    return language_permissions()


@hooks.register("before_delete_page")
def translators_do_not_delete_pages(request, page):
    if page_rights_only_through_language_groups(request.user, page):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def translators_do_not_bulk_delete_pages(request, action_type, objects, action_class_instance):
    if action_type == "delete" and any(
        isinstance(obj, Page) and page_rights_only_through_language_groups(request.user, obj) for obj in objects
    ):
        raise PermissionDenied
