"""The handbook of each language site: / picks a site, /<language>/<path>/ shows a page."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from frontends import conf
from frontends.cache import cached_page
from frontends.presenters.page import page_context
from frontends.sites import SiteUrls, negotiate
from frontends.transport import fetch, get_transport
from frontends.views.base import use_language
from frontends.views.errors import friendly_errors


def home(request):
    """On a language's own host, its handbook; elsewhere, a redirect to the reader's language site."""
    urls = SiteUrls(request)
    if urls.host_lang:
        return show_page(request, urls, urls.host_lang, "/")
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    accept = request.headers.get("Accept-Language", "")
    lang = negotiate(accept, cookie, conf.languages(), conf.default_language())
    response = redirect(urls.page(lang, "/"))
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    add_never_cache_headers(response)
    return response


def handbook_page(request, path):
    urls = SiteUrls(request)
    located = urls.locate(f"/{path}/")
    if located is None:
        raise Http404("No language site serves this path.")
    return show_page(request, urls, *located)


@friendly_errors
@cached_page
def show_page(request, urls: SiteUrls, lang: str, path: str):
    use_language(request, lang)
    data = fetch("page", {"locale": lang, "path": path}, request)
    context = page_context(data, lang, urls, asset_base=get_transport().asset_base)
    if "page" not in context:
        return render(request, "frontends/not_found.html", context, status=404)
    return render(request, "frontends/page.html", context)
