"""wagtail-localize's own views, held to the same rule as the admin (cms/translations/permissions.py).

wagtail-localize decides on snippets by model permission alone: whoever may change one glossary term may edit the
translation of any term into any language, through its string, override, PO file, preview and stop views. And
"Translate this page/snippet" and "Sync translations" need only its "submit translation" permission. It offers no
hook or setting for either, so `install()` (called once from TranslationsConfig.ready()) swaps in two small checks:

- the translation views ask `user_can_edit_translation()`: page permissions for pages, as before; the
  language-scoped policy for snippets;
- translating and syncing, which snapshot the source and (syncing) touch every language, also need the right to
  edit the source object, which translators never have.

The editor itself, publishing, "Start synced translation" and "Convert to alias" are reached through Wagtail's page
and snippet edit views (or check page permissions themselves), which enforce the rule already.
"""

from django.core.exceptions import PermissionDenied
from wagtail_localize.views import edit_translation, submit_translations, update_translations

from cms.translations.permissions import user_can_edit_translation

_INSTALLED_MARK = "_language_scoped"


def _require_source_rights(view_class, source_of):
    """Wrap the view's get_object so that the object's source must be editable by the requesting user."""
    original = view_class.get_object
    if getattr(original, _INSTALLED_MARK, False):
        return

    def get_object(self, *args, **kwargs):
        obj = original(self, *args, **kwargs)
        if not user_can_edit_translation(self.request.user, source_of(obj)):
            raise PermissionDenied
        return obj

    setattr(get_object, _INSTALLED_MARK, True)
    view_class.get_object = get_object


def install():
    edit_translation.user_can_edit_instance = user_can_edit_translation
    _require_source_rights(submit_translations.SubmitPageTranslationView, lambda page: page)
    _require_source_rights(submit_translations.SubmitSnippetTranslationView, lambda snippet: snippet)
    _require_source_rights(update_translations.UpdateTranslationsView, lambda source: source.get_source_instance())
