"""The glossary consistency report's admin URL and menu item; approved terms in wagtail-localize's editor come from
the template override templates/wagtail_localize/admin/edit_translation.html."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.translations.permissions import languages_user_may_translate
from cms.translations.views_glossary import GlossaryConsistencyView


class TranslatorMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(languages_user_may_translate(request.user))


@hooks.register("register_admin_urls")
def register_glossary_report_url():
    return [path("translations/glossary/", GlossaryConsistencyView.as_view(), name="translations_glossary_report")]


@hooks.register("register_translations_menu_item")
def register_glossary_report_menu_item():
    return TranslatorMenuItem(
        _("Glossary consistency"),
        reverse("translations_glossary_report"),
        name="translations-glossary",
        icon_name="doc-full",
        order=300,
    )
