"""Personal API tokens as a kind of bearer token for the API (see portal/api/auth.py)."""

from portal.api.auth import InvalidToken
from portal.members.models import PersonalToken


def user_for_token(token: str):
    """The member's user a personal token stands for; None for text that is no personal token."""
    if not PersonalToken.claims(token):
        return None
    record = PersonalToken.find(token)
    if record is None or not record.member.user.is_active:
        raise InvalidToken()
    record.mark_used()
    return record.member.user
