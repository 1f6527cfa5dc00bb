"""The translators' side of readers' suggestions: a list by language and status, and a form to decide on one."""

import django_filters
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale, Page

from cms.feedback.models import TranslationSuggestion
from cms.locales import default_code
from cms.translations.permissions import InstancePermissionCheckMixin, LanguageScopedPermissionPolicy


class SuggestionPermissionPolicy(LanguageScopedPermissionPolicy):
    """Translators review the suggestions in the languages of their language groups, as they translate
    (cms/translations/permissions.py). Readers write suggestions, so nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


def suggested_pages() -> list[tuple[str, str]]:
    """The pages that have suggestions, each by one of the titles readers saw, in one query."""
    pairs = TranslationSuggestion.objects.order_by().values_list("translation_key", "page_title").distinct()
    titles = dict(pairs)
    return sorted(((str(key), title) for key, title in titles.items()), key=lambda choice: choice[1].casefold())


class SuggestionFilterSet(WagtailFilterSet):
    locale = django_filters.ModelChoiceFilter(queryset=Locale.objects.all(), label=_("Language"))
    status = django_filters.ChoiceFilter(choices=TranslationSuggestion.Status.choices, label=_("Status"))
    # Also for links from elsewhere in the admin to one page's suggestions (?translation_key=…).
    translation_key = django_filters.ChoiceFilter(choices=suggested_pages, label=_("Page"))

    class Meta:
        model = TranslationSuggestion
        fields = ["locale", "status", "translation_key"]


class SuggestionIndexView(IndexView):
    def get_base_queryset(self):
        """The suggestions in the user's languages, each with its page to open in the editor: the page's version in
        the suggestion's language, or the source page when that language has none yet (one subquery, whatever the
        length of the list)."""
        versions = Page.objects.filter(translation_key=OuterRef("translation_key")).values("pk")
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["view", "change", "delete"]
            )
            .select_related("locale")
            .annotate(
                page_id=Coalesce(
                    Subquery(versions.filter(locale=OuterRef("locale"))[:1]),
                    Subquery(versions.filter(locale__language_code=default_code())[:1]),
                )
            )
        )


class SuggestionEditView(InstancePermissionCheckMixin, EditView):
    pass


class SuggestionDeleteView(InstancePermissionCheckMixin, DeleteView):
    pass


class SuggestionReviewForm(WagtailAdminModelForm):
    def save(self, commit=True):
        if "status" in self.changed_data:
            self.instance.set_status(self.cleaned_data["status"], self.for_user)
        return super().save(commit)


def page_edit_url(suggestion) -> str | None:
    return reverse("wagtailadmin_pages:edit", args=[suggestion.page_id]) if suggestion.page_id else None


class SuggestionViewSet(ModelViewSet):
    model = TranslationSuggestion
    icon = "comment"
    menu_label = _("Suggestions")
    menu_name = "suggestions"
    menu_hook = "register_translations_menu_item"
    index_view_class = SuggestionIndexView
    edit_view_class = SuggestionEditView
    delete_view_class = SuggestionDeleteView
    add_to_reference_index = False  # suggestions link to nothing; indexing would cost every reader's suggestion
    copy_view_enabled = False
    list_display = [
        "passage_excerpt",
        Column("suggestion", label=_("Suggestion"), accessor=lambda item: Truncator(item.suggestion).chars(120)),
        TitleColumn("page_title", label=_("Page"), get_url=page_edit_url),
        Column("locale", label=_("Language")),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label=_("Sent"), sort_key="created_at"),
    ]
    filterset_class = SuggestionFilterSet
    search_fields = ["passage", "suggestion", "page_title"]
    search_backend_name = None  # plain database filtering: suggestions are not in the search index
    edit_handler = ObjectList(
        [
            FieldPanel("page_title", read_only=True),
            FieldPanel("locale", read_only=True),
            FieldPanel("passage", read_only=True),
            FieldPanel("suggestion", read_only=True),
            FieldPanel("created_at", read_only=True),
            FieldPanel("status"),
        ],
        base_form_class=SuggestionReviewForm,
    )
