"""Who is sending feedback, told apart without keeping who they are.

A reader is a keyed hash (HMAC with SECRET_KEY) of the signed-in user's id or of the session key, so the database
holds no address, no session key and no user id that could be traced back without the key. The same hash is the
key of the per-reader rate limit.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac

SALT = "cms.feedback.reader"


def reader_id(request) -> str:
    """64 hex characters naming this reader; an anonymous reader without a session is given one."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        subject = f"user:{user.pk}"
    else:
        session = request.session
        if session.session_key is None:
            session.save()
            session.modified = True  # so the middleware sends the new session's cookie
        subject = f"session:{session.session_key}"
    return salted_hmac(SALT, subject, algorithm="sha256").hexdigest()


def client_address(request) -> str:
    """The reader's network address: the connection's own, or the one the proxy in front of the portal passes in
    PORTAL_CLIENT_IP_HEADER. Of a list (X-Forwarded-For), the last entry is the one that proxy added; the others
    come from the client and could be anything."""
    header = settings.PORTAL_CLIENT_IP_HEADER
    if header:
        passed = request.headers.get(header, "").split(",")[-1].strip()
        if passed:
            return passed
    return request.META.get("REMOTE_ADDR", "")
