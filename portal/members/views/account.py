"""Signing in and out, resetting a password, and the member's account page: Django's auth views in the readers'
sites' frame and the reader's language."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from frontends.sites import remember_language
from portal.members.acceptances import pending_for
from portal.members.account_forms import MemberPasswordResetForm, PreferredLanguageForm
from portal.members.language import language_home
from portal.members.models import member_of
from portal.members.views.frame import AccountPage, SignedInPage, account_url


class SignInView(AccountPage, auth_views.LoginView):
    template_name = "members/account/sign_in.html"
    page_title = _("Sign in")
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a page to return to: the handbook in the member's language."""
        member = member_of(self.request.user)
        return language_home(self.request, member.preferred_language if member else self.lang)

    def get_context_data(self, **kwargs):
        return super().get_context_data(password_reset_url=self.url("password-reset"), **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        member = member_of(form.get_user())
        if member is None:
            return response
        language = member.preferred_language
        if pending_for(member, language):
            # A new version of a governance document is in force: asked first, then on to where they were going.
            query = urlencode({"next": self.get_success_url()})
            response = redirect(f"{account_url('governance', language)}?{query}")
        # From now on the readers' sites and these pages speak the member's language.
        return remember_language(response, language)


class SignOutView(AccountPage, auth_views.LogoutView):
    template_name = "members/account/signed_out.html"
    page_title = _("Signed out")

    def get_default_redirect_url(self):
        return language_home(self.request, self.lang)


class PasswordResetView(AccountPage, auth_views.PasswordResetView):
    template_name = "members/account/password_reset.html"
    page_title = _("Forgot your password?")
    form_class = MemberPasswordResetForm
    email_template_name = "members/account/password_reset_email.txt"
    subject_template_name = "members/account/password_reset_subject.txt"

    def get_success_url(self):
        return self.url("password-reset-sent")


class PasswordResetSentView(AccountPage, auth_views.PasswordResetDoneView):
    template_name = "members/account/password_reset_sent.html"
    page_title = _("Check your email")


class PasswordResetConfirmView(AccountPage, auth_views.PasswordResetConfirmView):
    template_name = "members/account/password_reset_confirm.html"
    page_title = _("Choose a new password")

    def get_success_url(self):
        return self.url("password-reset-complete")


class PasswordResetCompleteView(AccountPage, auth_views.PasswordResetCompleteView):
    template_name = "members/account/password_reset_complete.html"
    page_title = _("Your password is set")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"login_url": self.url("sign-in")}


class AccountHomeView(SignedInPage, FormView):
    """Who the member is in the register, and their preferred language."""

    template_name = "members/account/home.html"
    page_title = _("Your account")
    form_class = PreferredLanguageForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": member_of(self.request.user)}

    def get_context_data(self, **kwargs):
        member = member_of(self.request.user)
        return super().get_context_data(
            member=member,
            history=member.status_changes.all() if member else [],
            pending=pending_for(member, self.lang),
            acceptances=member.acceptances.all() if member else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if member_of(request.user) is None:
            return redirect(self.url("home"))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        member = form.save()
        language = member.preferred_language
        return remember_language(redirect(account_url("home", language)), language)
