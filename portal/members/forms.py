"""Forms of the member register in the admin."""

import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.members.models import MemberStatus


class MemberForm(WagtailAdminModelForm):
    """A member with the user account it belongs to: adding a member creates the account."""

    username = forms.CharField(label=_("User name"), max_length=150, help_text=_("What the member signs in with."))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), help_text=_("Password reset links are sent here."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.initial.update(
                username=user.username, first_name=user.first_name, last_name=user.last_name, email=user.email
            )

    def others(self):
        users = get_user_model().objects.all()
        return users.exclude(pk=self.instance.user_id) if self.instance.pk else users

    def clean_username(self):
        username = get_user_model().normalize_username(self.cleaned_data["username"])
        if self.others().filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Another account has this user name."))
        return username

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"])
        if self.others().filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Another account uses this email address."))
        return email

    def save(self, commit=True):
        member = super().save(commit=False)
        with transaction.atomic():
            if member.pk:
                user = member.user
            else:
                user = get_user_model()()
                # Nobody knows this password: the new member sets their own through "Forgot your password?".
                user.set_password(secrets.token_urlsafe(32))
            for field in ("username", "first_name", "last_name", "email"):
                setattr(user, field, self.cleaned_data[field])
            user.save()
            member.user = user
            if commit:
                member.save()
                self.save_m2m()
        return member


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Why the status changes; kept in the member's history."),
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(status, MemberStatus(status).label) for status in member.next_statuses()]
