"""A whole language as PO in the admin: download a language's file, upload it back and read the import's report.

Translators see and import only their languages (`languages_user_may_translate`); the file's Language header must
name the language chosen in the form.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from cms.locales import native_name
from cms.translations.permissions import languages_user_may_translate
from cms.translations.po import export_language, import_language

MAX_FILE_SIZE = 20 * 1024 * 1024


def allowed_languages(user) -> list[str]:
    languages = sorted(languages_user_may_translate(user))
    if not languages:
        raise PermissionDenied
    return languages


class PoImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(label=_("PO file"), help_text=_("A file downloaded here and translated."))
    dry_run = forms.BooleanField(
        label=_("Only check the file"), required=False, help_text=_("List problems and changes; import nothing.")
    )

    def __init__(self, languages: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, capfirst(native_name(code))) for code in languages]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("The file is larger than %(size)s.") % {"size": filesizeformat(MAX_FILE_SIZE)}
            )
        return upload


class PoFilesView(WagtailAdminTemplateMixin, FormView):
    template_name = "translations/po_files.html"
    page_title = _("PO files")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        self.languages = allowed_languages(request.user)
        self.report = None
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return PoImportForm(self.languages, **self.get_form_kwargs())

    def get_initial(self):
        return {"language": self.request.GET.get("language") or self.languages[0]}

    def form_valid(self, form):
        self.report = import_language(
            form.cleaned_data["file"].read(),
            language=form.cleaned_data["language"],
            user=self.request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
        return self.render_to_response(self.get_context_data(form=form))

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        downloads = [
            (code, native_name(code), reverse("translations_po_export", args=[code])) for code in self.languages
        ]
        return super().get_context_data(downloads=downloads, report=self.report, **kwargs)


class PoExportView(View):
    def get(self, request, language):
        if language not in allowed_languages(request.user):
            raise PermissionDenied
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            raise PermissionDenied
        response = HttpResponse(str(export_language(locale)), content_type="text/x-gettext-translation; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{language}.po"'
        return response
