"""What the API does around each request for partners: CORS for their sites, rate limits per token, the request log.

Called by the API's view (portal/api/view.py). Browsers may call the API from a partner's allowed origins only:
a request with a partner token from that partner's origins, any other request (and a preflight, which carries no
token) from any active partner's origins. No response allows credentials, so a member's session cookie is never
sent along from another site.
"""

import logging
import time

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django_ratelimit.core import get_usage

from portal.federation.models import Partner, PartnerRequest, origins_of
from portal.federation.tokens import partner_token_of

logger = logging.getLogger(__name__)

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type"
EXPOSED_HEADERS = "Retry-After"
RATE_PERIOD = 60  # rate limits are requests per minute


def allowed_origins(request) -> set[str]:
    token = partner_token_of(request)
    if token is not None:
        return set(token.partner.origins)
    rows = Partner.objects.filter(is_active=True).exclude(allowed_origins="").values_list("allowed_origins", flat=True)
    return {origin for text in rows for origin in origins_of(text)}


def origin_allowed(request) -> str | None:
    """The request's Origin when a partner's site may read the answer; None otherwise."""
    origin = request.headers.get("Origin", "").strip().lower()
    if not origin or origin not in allowed_origins(request):
        return None
    return origin


def allow_origin(request, response):
    """Let the browser give the answer to a partner's page, when the request comes from one of its origins."""
    patch_vary_headers(response, ("Origin",))  # the header depends on it, so shared caches must keep one per origin
    origin = origin_allowed(request)
    if origin is not None:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def is_preflight(request) -> bool:
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


def preflight(request) -> HttpResponse:
    """The answer to a browser's CORS preflight: what a partner's page may send, or nothing for other sites."""
    response = HttpResponse(status=204)
    patch_vary_headers(response, ("Origin",))
    origin = origin_allowed(request)
    if origin is not None:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response["Access-Control-Max-Age"] = str(settings.PORTAL_PARTNER_CORS_MAX_AGE)
    return response


def throttle(request) -> HttpResponse | None:
    """Count the request against its partner token's rate; a 429 with Retry-After when it is over, else None.

    Counted in the shared cache by django-ratelimit, so the limit holds across every web process. A cache that
    cannot count lifts the limit rather than refusing partners.
    """
    token = partner_token_of(request)
    if token is None:
        return None
    limit = token.requests_per_minute
    try:
        usage = get_usage(
            request,
            group="federation:token",
            key=lambda _group, _request: token.key_id,
            rate=(limit, RATE_PERIOD),
            increment=True,
        )
    except Exception:
        logger.exception("The partner rate limit could not be counted")
        return None
    if not usage or usage["limit"] == 0 or not usage["should_limit"]:
        return None  # limit 0: django-ratelimit's answer when the cache failed
    retry_after = max(1, usage["time_left"])
    message = f"Rate limit of {limit} requests per minute reached; retry in {retry_after} seconds."
    response = JsonResponse({"errors": [{"message": message}]}, status=429)
    response["Retry-After"] = str(retry_after)
    # A token hammering on gets one log entry for its first refused request in a window, not one per request.
    request.partner_first_refusal = usage["count"] == limit + 1
    return response


def log_request(request, response, operation_name: str | None, started: float) -> None:
    """Add the request to its partner's log (`started`: time.monotonic() when it came in)."""
    token = partner_token_of(request)
    if token is None:
        return
    if response.status_code == 429 and not getattr(request, "partner_first_refusal", False):
        return
    try:
        PartnerRequest.objects.create(
            partner_id=token.partner_id,
            token=token,
            token_last_four=token.last_four,
            operation_name=(operation_name or "")[:200],
            status=response.status_code,
            duration_ms=max(0, round((time.monotonic() - started) * 1000)),
        )
    except DatabaseError:
        logger.exception("A partner request could not be logged")
