"""The translation dashboard's admin view: the grid, its filters as GET parameters, and the same grid as CSV."""

import csv

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from cms.locales import native_name
from cms.translation_status import Status
from cms.translations.dashboard import GLOSSARY, GOVERNANCE, STATUS_LABELS, Grid, build_grid

FILTERS = ("chapter", "language", "status")


class DashboardFilterForm(forms.Form):
    chapter = forms.ChoiceField(label=_("Chapter"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, grid: Grid, *args, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["chapter"].choices = [
            *every,
            *grid.chapters,
            (GLOSSARY, _("Glossary")),
            (GOVERNANCE, _("Governance documents")),
        ]
        self.fields["language"].choices = [
            *every,
            *((locale.language_code, native_name(locale.language_code)) for locale in grid.locales),
        ]
        self.fields["status"].choices = [*every, *STATUS_LABELS.items()]

    def values(self) -> dict:
        """The filters asked for; one that is not among the choices counts as not given."""
        if not self.is_bound:
            return dict.fromkeys(FILTERS, "")
        return {name: self.data.get(name, "") if name not in self.errors else "" for name in FILTERS}


class TranslationDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/dashboard.html"
    page_title = _("Translation dashboard")
    header_icon = "globe"

    def get(self, request, *args, **kwargs):
        grid = build_grid(request.user)
        self.form = DashboardFilterForm(grid, request.GET or None)
        self.form.is_valid()
        self.filters = self.form.values()
        self.grid = grid.filtered(**self.filters)
        if request.GET.get("export") == "csv":
            return csv_response(self.grid)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_header_buttons(self):
        query = urlencode({**{name: value for name, value in self.filters.items() if value}, "export": "csv"})
        url = f"{reverse('translations_dashboard')}?{query}"
        return [HeaderButton(_("Download CSV"), url=url, icon_name="download")]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            grid=self.grid, form=self.form, filtered=any(self.filters.values()), Status=Status, **kwargs
        )


CSV_KINDS = {"page": _("Page"), "term": _("Glossary term"), "governance": _("Governance document")}


def csv_response(grid: Grid) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="translations.csv"'
    writer = csv.writer(response)
    header = [str(_("Kind")), str(_("Title")), str(_("Words"))]
    # Outside the f-strings below: xgettext does not find gettext calls inside f-strings.
    per_language = [_("status"), _("% translated"), _("open suggestions"), _("requests")]
    for locale in grid.locales:
        header += [f"{locale.language_code} {column}" for column in per_language]
    writer.writerow(header)
    for row in grid.rows:
        line = [str(CSV_KINDS[row.kind]), row.title, row.words]
        for cell in row.cells:
            percent = cell.percent_done
            line += [cell.status, "" if percent is None else percent, cell.suggestions, cell.requests]
        writer.writerow(line)
    return response
