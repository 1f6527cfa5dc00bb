"""The frame of a member's own pages: the readers' sites' header, languages and footer, in the page's language."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from frontends.presenters.site import basic_frame
from frontends.sites import SiteUrls
from portal.members.language import account_language, activate
from portal.members.models import MemberStatus, member_of


def account_url(name: str, lang: str, **kwargs) -> str:
    return reverse(f"account:{name}", kwargs={"lang": lang, **kwargs})


def viewer_summary(user) -> dict | None:
    """What the header shows of the signed-in person, in the shape the API's `viewer` has."""
    if not user.is_authenticated:
        return None
    return {"displayName": user.get_full_name() or user.get_username()}


def account_frame(request, lang: str) -> dict:
    frame = basic_frame(lang, SiteUrls(request))
    # The language switcher leads to this same page in each language.
    match = request.resolver_match
    if match is not None:
        for item in frame["switcher"]:
            item["href"] = reverse(match.view_name, kwargs={**match.kwargs, "lang": item["code"]})
    frame["viewer"] = viewer_summary(request.user)
    return frame


class AccountPage:
    """A view of the member's own pages: speaks the page's language and is framed like the readers' sites."""

    page_title = ""

    def dispatch(self, request, *args, lang=None, **kwargs):
        self.lang = account_language(request, lang)
        activate(request, self.lang)
        refusal = self.refuse(request)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, request):
        """A response for people this page is not for; None for those it is."""
        return None

    def url(self, name: str, **kwargs) -> str:
        return account_url(name, self.lang, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(account_frame(self.request, self.lang), page_title=self.page_title)
        return context


class SignedInPage(AccountPage):
    """An account page for signed-in people only; others are sent to sign in first, in the same language."""

    def refuse(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), self.url("sign-in"))
        return None


class MemberPage(SignedInPage):
    """An account page for people in the member register who have not left; others go to their account page."""

    def refuse(self, request):
        refusal = super().refuse(request)
        if refusal is not None:
            return refusal
        self.member = member_of(request.user)
        if self.member is None or self.member.status == MemberStatus.LEFT:
            return redirect(self.url("home"))
        return None
