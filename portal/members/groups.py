"""Django groups that follow a member's kind and status, so page view restrictions by group just work.

Only these groups are managed: a user may be put in others by hand (editors, translators) and keeps them.
"""

from django.contrib.auth.models import Group

MEMBERS = "Members"
OPERATIONAL_MEMBERS = "Operational members"
MANAGED = (MEMBERS, OPERATIONAL_MEMBERS)


def wanted_groups(kind: str, status: str) -> set[str]:
    """Active members of every kind are Members; active operational members are Operational members too.
    Applicants, suspended members and those who left are in neither."""
    from portal.members.models import MemberKind, MemberStatus

    if status != MemberStatus.ACTIVE:
        return set()
    if kind == MemberKind.OPERATIONAL:
        return {MEMBERS, OPERATIONAL_MEMBERS}
    return {MEMBERS}


def sync_groups(member) -> None:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MANAGED}
    wanted = wanted_groups(member.kind, member.status)
    user = member.user
    user.groups.remove(*(group for name, group in groups.items() if name not in wanted))
    user.groups.add(*(group for name, group in groups.items() if name in wanted))
