"""Caching of anonymous API responses: who may share a response, where it is kept, and its HTTP headers.

Responses are kept in Django's default cache under a key that holds the content version (cms/cache.py): a publish
moves the version on, so every process sharing the cache stops serving older answers at once.
"""

import hashlib
import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from cms.cache import content_version

logger = logging.getLogger(__name__)

KEY_PREFIX = "api:response:"


def is_anonymous(request) -> bool:
    """Whether the answer cannot depend on who asks: no signed-in session user and no credentials."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return not signed_in and "HTTP_AUTHORIZATION" not in request.META


def response_key(request, query: str, variables, operation_name) -> str:
    """Everything that decides an anonymous answer: the operation, the language and the content's version."""
    parts = [query, variables, operation_name, getattr(request, "LANGUAGE_CODE", None), content_version()]
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return KEY_PREFIX + digest


# A cache outage costs speed, not answers: the API then runs every query and keeps nothing.
def lookup(request, query: str, variables, operation_name) -> tuple[str | None, str | None]:
    """The response's key and its cached body; no key when the cache cannot be reached."""
    try:
        key = response_key(request, query, variables, operation_name)
        return key, cache.get(key)
    except Exception:
        logger.exception("API response cache unavailable")
        return None, None


def store(key: str | None, body: str) -> None:
    if key is None:
        return
    try:
        cache.set(key, body, settings.PORTAL_API_CACHE_SECONDS)
    except Exception:
        logger.exception("API response cache unavailable")


def etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def finish(request, response, shareable: bool):
    """Set the caching headers, and answer a matching conditional GET with 304.

    Shared caches (a CDN, a proxy) may keep shareable answers but must ask again each time (max-age=0), so a
    publish shows at once; the ETag makes asking again cheap. Everything else is kept nowhere.
    """
    # The answer may change with the session cookie, the language cookie or header, and credentials.
    patch_vary_headers(response, ("Authorization", "Cookie", "Accept-Language"))
    if not shareable:
        patch_cache_control(response, private=True, no_store=True)
        return response
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    response["ETag"] = etag(response.content)
    if request.method == "GET":
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return response
