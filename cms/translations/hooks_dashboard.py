"""The translation dashboard's admin URL and its entry in the Translations menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.translations.views_dashboard import TranslationDashboardView


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [path("translations/dashboard/", TranslationDashboardView.as_view(), name="translations_dashboard")]


@hooks.register("register_translations_menu_item")
def register_dashboard_menu_item():
    return MenuItem(
        _("Dashboard"), reverse("translations_dashboard"), name="translations-dashboard", icon_name="table", order=100
    )
