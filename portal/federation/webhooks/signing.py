"""Signing webhook events, and checking a signature: used by the sender (tasks.py) and by every receiver,
our own mirror included (portal/federation/mirror/receiver.py).

The signature is HMAC-SHA256 over "<timestamp>.<body>" with the subscription's secret, hex-encoded, sent as
`X-Portal-Signature: v1=<hex>` next to `X-Portal-Timestamp: <unix seconds>`. Signing the timestamp with the body
means a captured event cannot be replayed later with a fresh timestamp; receivers refuse events whose timestamp is
more than five minutes away from their clock. Pure functions, no Django: partners may copy this file as it is.
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Portal-Signature"
TIMESTAMP_HEADER = "X-Portal-Timestamp"
EVENT_HEADER = "X-Portal-Event"
VERSION = "v1"
TOLERANCE_SECONDS = 300


class InvalidSignature(ValueError):
    """The event is not signed with the secret, or is too old (or too far in the future) to trust."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(int(timestamp)).encode() + b"." + body
    return f"{VERSION}={hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()}"


def signed_headers(secret: str, body: bytes, now: float | None = None) -> dict[str, str]:
    timestamp = int(time.time() if now is None else now)
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: signature(secret, timestamp, body)}


def verify(
    secret: str,
    body: bytes,
    timestamp: str | None,
    signature_header: str | None,
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> None:
    """Raise InvalidSignature unless `body` was signed with `secret` at `timestamp`, within `tolerance` seconds."""
    if not secret:
        raise InvalidSignature("no secret to check the signature with")
    if not timestamp or not timestamp.isdigit():
        raise InvalidSignature(f"missing or malformed {TIMESTAMP_HEADER}")
    if not signature_header:
        raise InvalidSignature(f"missing {SIGNATURE_HEADER}")
    age = (time.time() if now is None else now) - int(timestamp)
    if abs(age) > tolerance:
        raise InvalidSignature(f"the event's timestamp is {int(age)} seconds away from now")
    # The header may carry several signatures (e.g. while a secret is rotated): one good one is enough.
    expected = signature(secret, int(timestamp), body)
    if not any(hmac.compare_digest(expected, part.strip()) for part in signature_header.split(",")):
        raise InvalidSignature("the signature does not match")
