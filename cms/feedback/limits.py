"""How much feedback one reader, and one network address, may send.

Counted in Django's cache by django-ratelimit (a window per key, moved on atomically with add/incr), so the limits
hold across every web process that shares the cache (Redis in production). A cache outage lifts the limits
rather than losing readers' feedback: the honeypot and the one-vote rule still hold.
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django_ratelimit.core import get_usage

from cms.feedback.readers import client_address

logger = logging.getLogger(__name__)

# Readers behind one router (an office, a meeting room) share an address, so an address may send this many times
# what one reader may.
ADDRESS_SHARE = 4

RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "5/10m" (django-ratelimit's notation: five per ten minutes) as (5, 600)."""
    match = RATE.match(rate.strip())
    if not match:
        raise ImproperlyConfigured(f"{rate!r} is not a rate such as 5/10m (count/period, period in s, m, h or d).")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * SECONDS[unit]


def configured_rate(kind: str) -> tuple[int, int]:
    return parse_rate(
        {"suggestion": settings.PORTAL_FEEDBACK_SUGGESTION_RATE, "request": settings.PORTAL_FEEDBACK_REQUEST_RATE}[kind]
    )


def over_limit(request, kind: str, reader: str) -> bool:
    """Count one more `kind` ("suggestion" or "request") for this reader and their address; True when either has
    sent more than it may in the current window."""
    count, seconds = configured_rate(kind)
    counters = [("reader", reader, (count, seconds))]
    address = client_address(request)
    if address:  # no address (a Unix socket without a proxy header) must not pool every reader together
        counters.append(("address", address, (count * ADDRESS_SHARE, seconds)))
    limited = False
    for scope, value, rate in counters:
        try:
            usage = get_usage(
                request,
                group=f"feedback:{kind}:{scope}",
                key=lambda _group, _request, value=value: value,
                rate=rate,
                increment=True,
            )
        except Exception:
            logger.exception("The feedback rate limit could not be counted")
            continue
        limited = limited or bool(usage and usage["should_limit"])
    return limited
