"""Forms of a member's own pages."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from portal.members.models import Member, member_of


def reading_language(user) -> str:
    member = member_of(user)
    return member.preferred_language if member is not None else translation.get_language()


class MemberPasswordResetForm(PasswordResetForm):
    """Django's reset form, with each e-mail written in the recipient's preferred language and linking to the
    reset page in that language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        lang = reading_language(context["user"])
        with translation.override(lang):
            super().send_mail(subject_template_name, email_template_name, {**context, "lang": lang}, *args, **kwargs)


class PreferredLanguageForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["preferred_language"]
