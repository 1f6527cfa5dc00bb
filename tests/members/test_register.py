"""The register's model: status changes with their history, joined date, groups and the signal."""

import pytest
from django.contrib.auth.models import Group

from cms.visibility import is_visible
from portal.members.groups import MEMBERS, OPERATIONAL_MEMBERS
from portal.members.models import Member, MemberKind, MemberStatus, MemberStatusChange, StatusChangeNotAllowed
from portal.members.signals import member_status_changed


def group_names(member):
    return set(member.user.groups.values_list("name", flat=True))


@pytest.fixture
def heard():
    changes = []

    def receiver(sender, member, change, **kwargs):
        changes.append((member.pk, change.from_status, change.to_status))

    member_status_changed.connect(receiver)
    yield changes
    member_status_changed.disconnect(receiver)


def test_a_new_member_is_an_applicant_in_no_group(make_member):
    member = make_member(status=MemberStatus.APPLICANT)
    assert member.status == MemberStatus.APPLICANT
    assert member.joined_on is None
    assert group_names(member) == set()
    assert not member.status_changes.exists()


def test_change_status_records_who_when_and_why(make_member, admin_user, heard):
    member = make_member(status=MemberStatus.APPLICANT)
    change = member.change_status(MemberStatus.ACTIVE, by=admin_user, note="Welcome aboard")

    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert member.joined_on == change.at.date()
    recorded = MemberStatusChange.objects.get(member=member)
    assert (recorded.from_status, recorded.to_status, recorded.by, recorded.note) == (
        "applicant",
        "active",
        admin_user,
        "Welcome aboard",
    )
    assert heard == [(member.pk, "applicant", "active")]


def test_joined_date_is_the_first_activation(make_member):
    member = make_member()
    joined = member.joined_on
    Member.objects.filter(pk=member.pk).update(joined_on="2020-01-01")
    member.refresh_from_db()
    member.change_status(MemberStatus.SUSPENDED, note="Unpaid dues")
    member.change_status(MemberStatus.ACTIVE, note="Paid")
    member.refresh_from_db()
    assert joined is not None
    assert str(member.joined_on) == "2020-01-01"
    assert [change.to_status for change in member.status_changes.all()] == ["active", "suspended", "active"]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (MemberStatus.APPLICANT, MemberStatus.SUSPENDED),
        (MemberStatus.ACTIVE, MemberStatus.ACTIVE),
        (MemberStatus.ACTIVE, MemberStatus.APPLICANT),
        (MemberStatus.LEFT, MemberStatus.ACTIVE),
    ],
)
def test_changes_the_register_does_not_allow(make_member, heard, start, target):
    member = make_member(status=start)
    recorded, announced = member.status_changes.count(), len(heard)
    with pytest.raises(StatusChangeNotAllowed):
        member.change_status(target)
    member.refresh_from_db()
    assert member.status == start
    assert member.status_changes.count() == recorded
    assert len(heard) == announced


@pytest.mark.parametrize(
    ("kind", "status", "groups"),
    [
        (MemberKind.INDIVIDUAL, MemberStatus.ACTIVE, {MEMBERS}),
        (MemberKind.ORGANISATION, MemberStatus.ACTIVE, {MEMBERS}),
        (MemberKind.OPERATIONAL, MemberStatus.ACTIVE, {MEMBERS, OPERATIONAL_MEMBERS}),
        (MemberKind.OPERATIONAL, MemberStatus.APPLICANT, set()),
        (MemberKind.OPERATIONAL, MemberStatus.SUSPENDED, set()),
        (MemberKind.INDIVIDUAL, MemberStatus.SUSPENDED, set()),
    ],
)
def test_groups_follow_kind_and_status(make_member, kind, status, groups):
    assert group_names(make_member(kind=kind, status=status)) == groups


def test_groups_follow_a_change_of_kind_and_leave_other_groups_alone(make_member):
    member = make_member(kind=MemberKind.OPERATIONAL)
    editors = Group.objects.create(name="Newsletter editors")
    member.user.groups.add(editors)

    member.kind = MemberKind.INDIVIDUAL
    member.save()
    assert group_names(member) == {MEMBERS, "Newsletter editors"}

    member.change_status(MemberStatus.SUSPENDED)
    assert group_names(member) == {"Newsletter editors"}


def test_saving_other_fields_does_not_touch_groups(make_member, django_assert_num_queries):
    member = make_member()
    member.preferred_language = "es"
    with django_assert_num_queries(1):
        member.save(update_fields=["preferred_language"])


def test_group_sync_shows_and_hides_members_only_pages(small_demo, make_member):
    register = small_demo.page("register-of-members")
    member = make_member(status=MemberStatus.APPLICANT)
    assert not is_visible(register, member.user)

    member.change_status(MemberStatus.ACTIVE)
    assert is_visible(register, Member.objects.get(pk=member.pk).user)

    member.change_status(MemberStatus.SUSPENDED)
    assert not is_visible(register, Member.objects.get(pk=member.pk).user)
