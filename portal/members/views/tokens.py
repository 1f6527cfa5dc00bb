"""A member's personal API tokens: make one (its text is shown once, in the answer to the form), list, revoke."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View

from portal.members.models import PersonalToken
from portal.members.models.tokens import MAX_ACTIVE_TOKENS
from portal.members.views.frame import MemberPage


class TokenForm(forms.ModelForm):
    class Meta:
        model = PersonalToken
        fields = ["name"]


class TokensView(MemberPage, FormView):
    template_name = "members/account/tokens.html"
    page_title = _("API tokens")
    form_class = TokenForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tokens=self.member.tokens.all(),
            api_url=self.request.build_absolute_uri(reverse("graphql")),
            limit=MAX_ACTIVE_TOKENS,
            **kwargs,
        )

    def form_valid(self, form):
        if self.member.tokens.active().count() >= MAX_ACTIVE_TOKENS:
            form.add_error(
                None, gettext("You have %(limit)s tokens already: revoke one first.") % {"limit": MAX_ACTIVE_TOKENS}
            )
            return self.form_invalid(form)
        record, token = PersonalToken.issue(self.member, form.cleaned_data["name"])
        # Answered here rather than after a redirect, so the token's text is never stored, not even in the session.
        return self.render_to_response(self.get_context_data(form=TokenForm(), new_token=token, new_record=record))


class RevokeTokenView(MemberPage, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        token = get_object_or_404(PersonalToken, pk=pk, member=self.member)
        token.revoke()
        messages.success(request, gettext("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect(self.url("tokens"))
