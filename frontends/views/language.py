"""The language switch: remembers the reader's choice in the language cookie, then shows the page in it."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers

from frontends import conf
from frontends.sites import SiteUrls, remember_language
from frontends.transport import TransportError, fetch

# Pages of a whole language site that every language has, so a switch may lead to the same one in another language.
SAME_IN_EVERY_LANGUAGE = {
    "frontends:glossary",
    "frontends:governance",
    "frontends:governance-version",
    "frontends:governance-compare",
}


def site_page_path(to: str) -> str | None:
    """`to` when it is the path of a page every language site has (`/glossary/`), else None."""
    if not to.startswith("/") or to.startswith("//") or to.count("/") > 6:
        return None
    try:
        match = resolve(to)
    except Resolver404:
        return None
    return to if match.view_name in SAME_IN_EVERY_LANGUAGE else None


def switch_language(request, code):
    """GET /language/<code>/?page=<id>: the page (id of any language version) as that language's site serves it,
    in its own version or the fallback the API gives; the language's home when there is none.
    GET /language/<code>/?to=/glossary/: that page of the language's site (glossary, governance documents)."""
    if code not in conf.languages():
        raise Http404("Not a language of these sites.")
    urls = SiteUrls(request)
    path = "/"
    page_id = request.GET.get("page", "")
    if page_id.isdigit():
        try:
            page = fetch("page_version", {"locale": code, "id": page_id}, request)["page"]
        except TransportError:
            page = None  # the language's home is the next best place
        path = page["path"] if page else "/"
    elif request.GET.get("to"):
        path = site_page_path(request.GET["to"]) or "/"
    response = remember_language(redirect(urls.page(code, path)), code)
    add_never_cache_headers(response)
    return response
