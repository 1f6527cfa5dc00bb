"""Error pages in the reader's language: not found, content API unavailable, server error."""

import functools
import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from frontends.presenters.site import basic_frame, site_frame
from frontends.sites import SiteUrls
from frontends.transport import TransportError, fetch
from frontends.views.base import reader_language, use_language

logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    """handler404: within a language site, with that site's navigation so the reader can find their way."""
    urls = SiteUrls(request)
    lang = reader_language(request, urls)
    use_language(request, lang)
    context = basic_frame(lang, urls)
    if urls.locate() is not None:
        try:
            context = site_frame(fetch("navigation", {"locale": lang}, request), lang, urls)
        except TransportError:
            pass  # the page says "not found" all the same, without the sidebar
    return render(request, "frontends/not_found.html", context, status=404)


def unavailable(request):
    """The content API could not answer: say so, and that it is worth trying again soon."""
    urls = SiteUrls(request)
    lang = reader_language(request, urls)
    use_language(request, lang)
    response = render(request, "frontends/unavailable.html", basic_frame(lang, urls), status=503)
    response["Retry-After"] = "60"
    return response


def friendly_errors(view):
    """The content API being unreachable or refusing a query shows a page that says so, not a server error."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except TransportError:
            return unavailable(request)

    return wrapper


def server_error(request):
    """handler500: as plain as possible, so that it still renders when much else is broken."""
    try:
        urls = SiteUrls(request)
        lang = reader_language(request, urls)
        use_language(request, lang)
        context = {**basic_frame(lang, urls), "switcher": []}
        return HttpResponseServerError(loader.get_template("frontends/server_error.html").render(context))
    except Exception:
        logger.exception("The server error page could not be rendered")
        return HttpResponseServerError("<h1>Server Error (500)</h1>", content_type="text/html")
