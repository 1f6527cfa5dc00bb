"""Readers' suggestions in the admin, under the "Translations" menu (cms/translations/wagtail_hooks.py)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.feedback.models import TranslationSuggestion
from cms.feedback.viewsets import SuggestionPermissionPolicy, SuggestionViewSet

# Registered before any admin view asks for the model's policy (Wagtail would otherwise make a default one).
register_permission_policy(TranslationSuggestion, SuggestionPermissionPolicy(TranslationSuggestion))


@hooks.register("register_admin_viewset")
def register_suggestion_viewset():
    return SuggestionViewSet("suggestions")
