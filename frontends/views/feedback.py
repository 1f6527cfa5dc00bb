"""Readers' feedback from a handbook page: "Suggest a better translation" and "Ask for this page in …".

The page's forms post here; the views send the mutation through the transport and redirect back to the page with
the outcome in its address (Post/Redirect/Get), which the page then announces: no JavaScript is needed.

The forms carry no CSRF token. A token belongs to one reader, and handbook pages must stay the same for every
anonymous reader so that they can be cached (frontends/cache.py) and exported. What the token stands for is checked
instead, as Django's CSRF check does before it compares tokens: the browser's Origin header (its Referer when
there is no Origin) must be this site. Besides, the session cookie is SameSite=Lax, so a form posted from another
site never carries the reader's session.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from frontends import conf
from frontends.sites import SiteUrls
from frontends.transport import TransportError, fetch
from frontends.views.base import use_language
from frontends.views.handbook import handbook_page

# The outcome named in the page's address after the redirect (?feedback=…); includes/feedback_status.html says it.
SENT, SUGGESTION_REFUSED = "sent", "suggestion-refused"
ASKED, ASKED_BEFORE, REQUEST_REFUSED = "asked", "asked-before", "request-refused"
TOO_MANY, FAILED = "too-many", "failed"
STATUS_ANCHOR = "feedback-status"


def from_this_site(request) -> bool:
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def refused_outcome(answer: dict, refused: str) -> str:
    codes = {error["code"] for error in answer["errors"]}
    return TOO_MANY if "RATE_LIMITED" in codes else refused


def feedback_view(send):
    """A view that takes a page's feedback form: `send(request, lang, key)` sends it and names the outcome.

    Only POSTs from this site's pages are taken; a GET is the handbook's (on a language's own host this path could
    be a page)."""

    @csrf_exempt
    def view(request):
        if request.method != "POST":
            return handbook_page(request, request.path_info.strip("/"))
        if not from_this_site(request):
            raise PermissionDenied("Feedback is taken from this site's own pages only.")
        lang, path = request.POST.get("lang", ""), request.POST.get("path", "")
        if lang not in conf.languages() or not path.startswith("/") or len(path) > 1000:
            return HttpResponseBadRequest("Feedback needs the page's language and path.")
        use_language(request, lang)  # the API's messages, as the reader's site would show them
        try:
            outcome = send(request, lang, request.POST.get("key", ""))
        except TransportError:  # fetch() logged why
            outcome = FAILED
        urls = SiteUrls(request)
        target = f"{urls.page(lang, path)}?feedback={outcome}#{STATUS_ANCHOR}"
        allowed = {request.get_host(), *conf.hosts()}
        if not url_has_allowed_host_and_scheme(target, allowed, require_https=request.is_secure()):
            target = f"{urls.page(lang, '/')}?feedback={outcome}#{STATUS_ANCHOR}"
        response = redirect(target)
        add_never_cache_headers(response)
        return response

    return view


def send_suggestion(request, lang: str, key: str) -> str:
    variables = {
        "locale": lang,
        "translationKey": key,
        "passage": request.POST.get("passage", ""),
        "suggestion": request.POST.get("suggestion", ""),
        "website": request.POST.get("website", ""),
    }
    answer = fetch("feedback_suggest", variables, request)["suggestTranslation"]
    return SENT if answer["ok"] else refused_outcome(answer, SUGGESTION_REFUSED)


def send_request(request, lang: str, key: str) -> str:
    answer = fetch("feedback_request", {"locale": lang, "translationKey": key}, request)["requestTranslation"]
    if answer["ok"]:
        return ASKED_BEFORE if answer["alreadyAsked"] else ASKED
    return refused_outcome(answer, REQUEST_REFUSED)


suggest_translation = feedback_view(send_suggestion)
request_translation = feedback_view(send_request)
