"""A member leaving the co-op: their record is anonymised, the audit trail stays.

Whoever records the departure (the member on their account page, or the register's status screen), the status
change to "left" is the moment: a receiver of member_status_changed (connected in MembersConfig.ready()) replaces
the account's name, e-mail address and user name, makes the account unusable and revokes every API token, in the
same transaction as the change. What stays: the member row with kind, dates and status history (the audit trail),
the governance acceptances, and the NextCloud user id, so that NextCloud provisioning (which hears the same signal)
can disable that account, never delete it, and the files kept there stay traceable for the co-op.
"""

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.members.models import Member, MemberStatus, MemberStatusChange


def anonymous_username(member: Member) -> str:
    return f"left-{member.pk}-{secrets.token_hex(4)}"


def anonymise(member: Member) -> None:
    """Replace what names the person; keep what the register must remember."""
    user = member.user
    user.username = anonymous_username(member)
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()  # also ends every session signed in with the old password
    user.save()
    member.tokens.active().update(revoked_at=timezone.now())


def member_left(sender, member, change, **kwargs):
    if change.to_status == MemberStatus.LEFT:
        anonymise(member)


def leave(member: Member) -> MemberStatusChange:
    """The member asks to leave: recorded as done by themselves."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):  # the register's language
        return member.change_status(
            MemberStatus.LEFT, by=member.user, note=gettext("Left at their own request, from their account page.")
        )
