"""What a member's NextCloud account should look like, and making it so.

`plan_for` is pure: from the member's record it says which user, groups, personal folder and shares there should be.
`apply` makes NextCloud match with the backend's "ensure" calls, each of which changes nothing when things are
already as wanted, so running it twice changes nothing and a run cut short by an outage is simply run again.

An active member gets a NextCloud user (created, or linked when one with that id exists), the groups of their kind
(the same names as the portal's groups: "Members", plus "Operational members" for operational members), their
personal folder shared read-write, and the co-op's shared folders: read-only for user members, read-write for
operational members. A member who is suspended or has left is disabled, taken out of those groups and loses those
shares; their user and everything in their folder stay.
"""

import re
from dataclasses import dataclass

from portal.members.groups import MANAGED, wanted_groups
from portal.members.models import MemberKind, MemberStatus
from portal.nextcloud.access import shared_folders
from portal.nextcloud.backends.base import READ_ONLY, READ_WRITE, Permission
from portal.nextcloud.exceptions import NextcloudNotFound
from portal.nextcloud.paths import USER_ID_PATTERN, member_folder


@dataclass(frozen=True)
class Plan:
    user_id: str
    active: bool
    display_name: str
    email: str
    groups: frozenset[str]
    personal_folder: str
    # Folder -> permission with this member; when inactive, the folders whose shares with them are removed.
    shares: tuple[tuple[str, Permission], ...]


def plan_for(member, user_id: str) -> Plan:
    active = member.status == MemberStatus.ACTIVE
    shared = READ_WRITE if member.kind == MemberKind.OPERATIONAL else READ_ONLY
    personal = member_folder(user_id)
    return Plan(
        user_id=user_id,
        active=active,
        display_name=member.display_name,
        email=member.email,
        groups=frozenset(wanted_groups(member.kind, member.status)),
        personal_folder=personal,
        shares=((personal, READ_WRITE), *((root.path, shared) for root in shared_folders())),
    )


def apply(backend, plan: Plan) -> str:
    """Make NextCloud match the plan; returns what it did, in a word, for the task's result."""
    if plan.active:
        backend.ensure_user(plan.user_id, plan.display_name, plan.email)
        backend.set_user_enabled(plan.user_id, True)
        backend.set_user_groups(plan.user_id, plan.groups, managed=MANAGED)
        for folder, permissions in plan.shares:
            backend.ensure_folder(folder)
            backend.share_folder(folder, plan.user_id, permissions)
        return "provisioned"
    try:
        backend.set_user_enabled(plan.user_id, False)
    except NextcloudNotFound:  # never made, or removed by NextCloud's admins: nothing to take away
        return "absent"
    backend.set_user_groups(plan.user_id, (), managed=MANAGED)
    for folder, _permissions in plan.shares:
        backend.unshare(folder, plan.user_id)
    return "disabled"


def user_id_for(username: str, taken) -> str:
    """A NextCloud user id for a new member: their user name in the characters the portal accepts in ids,
    made unique with a number when `taken(candidate)` says another member has it."""
    base = re.sub(r"[^A-Za-z0-9._@-]+", "-", username).strip("-._@")[:56] or "member"
    candidate, number = base, 1
    while taken(candidate) or not USER_ID_PATTERN.fullmatch(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class NotAMemberAccount(ValueError):
    """The user id is one of NextCloud's own accounts (the service account, admin): never provisioned."""
