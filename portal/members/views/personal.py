"""A member's own data: download everything the portal holds about them, and leave the co-op."""

import json

from django import forms
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from portal.members.leaving import leave
from portal.members.personal_data import export
from portal.members.views.frame import AccountPage, MemberPage


class DataDownloadView(MemberPage, View):
    def get(self, request, *args, **kwargs):
        body = json.dumps(export(self.member), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate().isoformat()}.json"'
        response["Cache-Control"] = "private, no-store"
        return response


class LeaveForm(forms.Form):
    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)
    confirm = forms.BooleanField(label=_("I want to leave the co-op. I understand this cannot be undone."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext("This is not your password."))
        return password


class LeaveView(MemberPage, FormView):
    template_name = "members/account/leave.html"
    page_title = _("Leave the co-op")
    form_class = LeaveForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(data_url=self.url("data"), **kwargs)

    def form_valid(self, form):
        leave(self.member)
        logout(self.request)
        return redirect(self.url("left"))


class LeftView(AccountPage, TemplateView):
    template_name = "members/account/left.html"
    page_title = _("You have left the co-op")
