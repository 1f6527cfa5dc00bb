"""The "Translations" admin menu. Each tool registers its own URLs and menu items in its hooks module."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from cms.translations import hooks_dashboard, hooks_glossary, hooks_permissions, hooks_po  # noqa: F401 (registers)

translations_menu = Menu(register_hook_name="register_translations_menu_item")


@hooks.register("register_admin_menu_item")
def register_translations_menu():
    return SubmenuMenuItem(_("Translations"), translations_menu, icon_name="globe", name="translations", order=220)
