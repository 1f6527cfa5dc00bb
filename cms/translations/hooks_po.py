"""The PO files page's admin URLs and its entry in the Translations menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.translations.hooks_glossary import TranslatorMenuItem
from cms.translations.views_po import PoExportView, PoFilesView


@hooks.register("register_admin_urls")
def register_po_urls():
    return [
        path("translations/po/", PoFilesView.as_view(), name="translations_po"),
        path("translations/po/<str:language>.po", PoExportView.as_view(), name="translations_po_export"),
    ]


@hooks.register("register_translations_menu_item")
def register_po_menu_item():
    return TranslatorMenuItem(
        _("PO files"), reverse("translations_po"), name="translations-po", icon_name="download", order=400
    )
