"""Who an API request speaks for when it carries `Authorization: Bearer <token>`.

Each kind of token has a resolver (PORTAL_API_TOKEN_RESOLVERS, dotted paths): a function that takes the token's
text and returns the user it stands for, None when the text is not a token of its kind, or raises InvalidToken
when it is one but is refused (unknown, revoked). A token no resolver claims is refused too, so a mistyped or
revoked token never quietly reads as anonymous. Refusals are answered with 401 and one JSON error, whatever the
reason, so that answers tell an attacker nothing about which tokens exist.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils.module_loading import import_string

MALFORMED = "The Authorization header must read `Bearer <token>`."
REFUSED = "The API token is unknown or has been revoked."


class InvalidToken(Exception):
    def __init__(self, message: str = REFUSED):
        super().__init__(message)


def bearer_token(request) -> str | None:
    """The token of a request's Authorization header; None without the header."""
    header = request.META.get("HTTP_AUTHORIZATION")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or any(space in token for space in " \t"):
        raise InvalidToken(MALFORMED)
    return token


def authenticate(request) -> None:
    """Make the token's user the request's user; raise InvalidToken when the token is refused."""
    token = bearer_token(request)
    if token is None:
        return
    for path in settings.PORTAL_API_TOKEN_RESOLVERS:
        user = import_string(path)(token)
        if user is not None:
            request.user = user
            return
    raise InvalidToken()


def unauthorized(error: InvalidToken) -> JsonResponse:
    response = JsonResponse({"errors": [{"message": str(error)}]}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api", error="invalid_token"'
    return response
