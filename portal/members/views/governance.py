"""The governance documents a member has to accept: what changed since the version they accepted (the change
summary and the text compared, as the readers' sites compare versions), and a plain form to accept each one."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cms.governance.models import DocumentKind
from frontends.documents import load
from frontends.presenters.governance import KINDS, compare, document_url, paragraphs
from frontends.sites import SiteUrls
from portal.members import acceptances
from portal.members.views.frame import MemberPage

SLUGS = {kind.lower(): slug for slug, kind in KINDS.items()}  # document kind -> its address on the readers' sites


class AcceptanceForm(forms.Form):
    version_label = forms.CharField(max_length=32, widget=forms.HiddenInput)
    agree = forms.BooleanField(required=True)

    def __init__(self, *args, pending: acceptances.Pending, **kwargs):
        super().__init__(*args, prefix=pending.kind, **kwargs)
        self.fields["version_label"].initial = pending.source.version_label
        label = pending.source.version_label
        if pending.kind == DocumentKind.CODE_OF_CONDUCT:
            self.fields["agree"].label = gettext(
                "I have read the code of conduct (version %(label)s) and accept it."
            ) % {"label": label}
        else:
            self.fields["agree"].label = gettext("I have read the privacy policy (version %(label)s).") % {
                "label": label
            }
        self.fields["agree"].error_messages["required"] = gettext("Tick the box to confirm.")


# The two versions' texts, asked of the API as the readers' sites ask for them, so that they are compared alike.
CHANGES = """
query MemberGovernanceChanges(
  $locale: String!, $kind: GovernanceDocumentKind!, $old: String!, $new: String!, $withOld: Boolean!
) {
  governanceDocument(kind: $kind, locale: $locale) {
    old: version(label: $old) @include(if: $withOld) { locale body { ...BodyFields } }
    new: version(label: $new) { locale body { ...BodyFields } }
  }
}
""" + load("fragments/body")


def changes(pending: acceptances.Pending, lang: str, request) -> dict:
    """How the page shows one pending document: its text compared with the version the member accepted last, or,
    for a first acceptance, its text."""
    from portal.schema import schema  # the root schema imports this app's GraphQL types

    urls = SiteUrls(request)
    slug = SLUGS[pending.kind]
    label = pending.source.version_label
    last = pending.last_accepted.version_label if pending.last_accepted else ""
    variables = {"locale": lang, "kind": pending.kind.upper(), "old": last, "new": label, "withOld": bool(last)}
    result = schema.execute(CHANGES, variable_values=variables, context_value=request)
    if result.errors:
        raise result.errors[0]
    found = result.data["governanceDocument"] or {}
    old, new = found.get("old"), found.get("new")
    shown = {
        "pending": pending,
        "title": DocumentKind(pending.kind).label,
        "document_href": document_url(lang, urls, slug),
        "text_locale": new["locale"] if new else pending.locale,
        "compare_href": None,
        "rows": None,
        "text": [],
    }
    if new is None:
        return shown
    if old is not None:
        shown["rows"] = compare(old["body"], new["body"])
        shown["compare_href"] = document_url(lang, urls, slug, "compare", last, label)
    else:
        shown["text"] = paragraphs(new["body"])
    return shown


class GovernanceView(MemberPage, TemplateView):
    template_name = "members/account/governance.html"
    page_title = _("Governance documents to accept")

    def next_url(self) -> str | None:
        url = self.request.POST.get("next") or self.request.GET.get("next")
        if url and url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return url
        return None

    def get_context_data(self, bound=None, **kwargs):
        documents = []
        for pending in acceptances.pending_for(self.member, self.lang):
            shown = changes(pending, self.lang, self.request)
            shown["form"] = (
                bound if bound is not None and bound.prefix == pending.kind else AcceptanceForm(pending=pending)
            )
            documents.append(shown)
        return super().get_context_data(
            documents=documents, next=self.next_url(), account_home=self.url("home"), **kwargs
        )

    def post(self, request, *args, **kwargs):
        kind = request.POST.get("document")
        pending = next((each for each in acceptances.pending_for(self.member, self.lang) if each.kind == kind), None)
        if pending is None:  # accepted meanwhile, or nothing of the kind to accept
            return redirect(self.done_url())
        form = AcceptanceForm(request.POST, pending=pending)
        if form.is_valid():
            try:
                acceptances.accept(self.member, pending.kind, form.cleaned_data["version_label"], self.lang)
            except acceptances.VersionNotCurrent:
                form.add_error(None, gettext("Another version came into force meanwhile: please read it below."))
            else:
                messages.success(request, gettext("Thank you: your answer is recorded."))
                return redirect(self.done_url())
        return self.render_to_response(self.get_context_data(bound=form))

    def done_url(self) -> str:
        """This page while anything is left to accept, then where the member was going (or their account)."""
        if acceptances.pending_for(self.member, self.lang):
            url = self.url("governance")
            return f"{url}?{urlencode({'next': self.next_url()})}" if self.next_url() else url
        return self.next_url() or self.url("home")
