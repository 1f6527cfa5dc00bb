"""The glossary consistency report: per language, translated segments that do not use the approved term."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from cms.translations.glossary import find_inconsistencies
from cms.translations.permissions import languages_user_may_translate


class GlossaryConsistencyView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/glossary_report.html"
    page_title = _("Glossary consistency")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        # Translators see their own languages; editors every one.
        self.languages = languages_user_may_translate(request.user)
        if not self.languages:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locales = list(Locale.objects.filter(language_code__in=self.languages).order_by("language_code"))
        chosen = self.request.GET.get("language", "")
        codes = [chosen] if chosen in self.languages else sorted(self.languages)
        context.update(
            locales=locales,
            chosen=chosen if chosen in self.languages else "",
            reports=find_inconsistencies(codes),
        )
        return context
