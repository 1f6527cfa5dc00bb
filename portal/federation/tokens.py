"""Partner tokens as a kind of bearer token for the API (see portal/api/auth.py)."""

from django.contrib.auth.models import AnonymousUser

from portal.api.auth import InvalidToken
from portal.federation.models import PartnerToken, Scope


class PublicReader(AnonymousUser):
    """Who a public-scope token reads as: an anonymous reader, known to the API's gateway by its token."""


def partner_token_of(request) -> PartnerToken | None:
    """The partner token a request was authenticated with, if any."""
    return getattr(getattr(request, "user", None), "partner_token", None)


def user_for_token(token: str):
    """The reader a partner token stands for; None for text that is no partner token."""
    if not PartnerToken.claims(token):
        return None
    record = PartnerToken.find(token)
    if record is None:
        raise InvalidToken()
    if record.scope == Scope.MEMBERS:
        # A fresh instance per request (find() loads it): what is set on it stays with this request.
        user = record.partner.service_user or record.partner.ensure_service_user()
    else:
        user = PublicReader()
    user.partner_token = record
    return user
