"""Anonymous readers' pages, kept as rendered HTML in the shared cache under the API's content version.

The version comes from the API itself (the `contentVersion` query, one cheap question per request), so this works
alike in-process and for a front end apart from the CMS over HTTP. Every publish moves the version on, so every
process sharing the cache (Redis in production) stops serving older pages at once; nothing is deleted one by one.

Signed-in readers may see members-only pages, and their pages may show what only they see: they are neither served
from nor stored in this cache. A cache outage, like an API that cannot tell the version, costs speed only.
"""

import functools
import hashlib
import json
import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from frontends import conf
from frontends.sites import SiteUrls
from frontends.transport import TransportError, fetch
from frontends.views.base import use_language

logger = logging.getLogger(__name__)

KEY_PREFIX = "frontends:page:"


def is_anonymous(request) -> bool:
    """Whether the page cannot depend on who asks: no signed-in user and no credentials (as the API decides)."""
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated) and "HTTP_AUTHORIZATION" not in request.META


@functools.cache
def release() -> str:
    """A fingerprint of what pages are made with besides content: the front end's files and the catalogs.

    Pages rendered by another release (the old processes of a rolling deploy) are then never served by this one.
    """
    digest = hashlib.sha256()
    for root in (Path(__file__).parent, *map(Path, settings.LOCALE_PATHS)):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def content_version(request) -> str | None:
    try:
        return fetch("content_version", request=request)["contentVersion"]
    except TransportError:
        return None  # fetch() logged why; the page itself will tell the reader if the API is down


def page_key(request, lang: str, version: str) -> str:
    """Everything the page depends on: the address it is asked at (absolute links are made from the scheme and
    host; links such as "sign in" carry the path and query string back), its language, the content version and
    the release. The query's parameters are sorted: their order changes nothing."""
    query = sorted(request.GET.lists())
    parts = [request.scheme, request.get_host().lower(), request.path, lang, query, version, release()]
    return KEY_PREFIX + hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def lookup(key: str) -> tuple[str | None, dict | None]:
    """The key and the page kept under it; no key when the cache cannot be reached, so nothing is stored either."""
    try:
        return key, cache.get(key)
    except Exception:
        logger.exception("Page cache unavailable")
        return None, None


def store(key: str | None, page: dict) -> None:
    if key is None:
        return
    try:
        cache.set(key, page, conf.page_cache_seconds())
    except Exception:
        logger.exception("Page cache unavailable")


def storable(request, response) -> bool:
    """Only whole pages that are the same for every anonymous reader: a page that sets a cookie or carries a CSRF
    token (a form) belongs to one reader."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def shared(request, response, tag: str):
    """Caches outside (the browser, a proxy) may keep the page but must ask again each time, so a publish shows at
    once; the ETag makes asking again cheap. The page differs for signed-in readers, whom the cookie tells apart."""
    patch_vary_headers(response, ("Cookie", "Authorization"))
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    response["ETag"] = tag
    return get_conditional_response(request, etag=tag, response=response)


def private(response):
    """A signed-in reader's page may show members-only content: kept nowhere, by no one."""
    patch_vary_headers(response, ("Cookie", "Authorization"))
    patch_cache_control(response, private=True, no_store=True)
    return response


def cached_page(view):
    """Serve the view's pages for anonymous readers from the cache, and keep them there.

    Only GETs of paths a language site serves are cached: elsewhere the language comes from the reader's cookie or
    Accept-Language.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_anonymous(request):
            return private(view(request, *args, **kwargs))
        located = SiteUrls(request).locate()
        if request.method != "GET" or located is None or not conf.page_cache_seconds():
            return view(request, *args, **kwargs)
        version = content_version(request)
        if version is None:
            return view(request, *args, **kwargs)
        lang = located[0]
        key, page = lookup(page_key(request, lang, version))
        if page is not None:
            use_language(request, lang)  # Content-Language, as the view would have set it
            response = HttpResponse(page["body"], content_type=page["content_type"])
            return shared(request, response, page["etag"])
        response = view(request, *args, **kwargs)
        if not storable(request, response):
            return response
        tag = etag(response.content)
        store(key, {"body": response.content, "content_type": response["Content-Type"], "etag": tag})
        return shared(request, response, tag)

    return wrapper
