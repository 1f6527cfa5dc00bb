"""Provisioning follows membership: NextCloud users, groups, folders and shares as the register says."""

import copy

import pytest

from portal.members.models import Member, MemberKind, MemberStatus, ProvisioningStatus
from portal.nextcloud.backends.base import READ_ONLY, READ_WRITE
from portal.nextcloud.tasks import provision_member, retry_delay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_folders")]


def activate(make_member, capture, username="alice", **kwargs):
    with capture(execute=True):
        return make_member(username, **kwargs)


def shares_of(nextcloud, user_id):
    return {share.path: share.permissions for share in nextcloud.list_shares(with_user=user_id)}


def snapshot(nextcloud):
    return copy.deepcopy((nextcloud.users, nextcloud.groups, nextcloud.shares, nextcloud.nodes))


def test_an_active_user_member_gets_a_user_groups_a_folder_and_read_only_shares(
    make_member, nextcloud, django_capture_on_commit_callbacks
):
    member = activate(make_member, django_capture_on_commit_callbacks, first_name="Alice", last_name="Liddell")

    member.refresh_from_db()
    assert (member.nextcloud_user_id, member.provisioning_status, member.provisioning_error) == (
        "alice",
        ProvisioningStatus.PROVISIONED,
        "",
    )
    user = nextcloud.users["alice"]
    assert (user.display_name, user.email, user.enabled, user.groups) == (
        "Alice Liddell",
        "alice@example.coop",
        True,
        ("Members",),
    )
    assert nextcloud.nodes["Members/alice"].is_dir
    assert shares_of(nextcloud, "alice") == {
        "Members/alice": READ_WRITE,
        "Co-op/Handbook": READ_ONLY,
        "Co-op/Forms": READ_ONLY,
    }


@pytest.mark.parametrize("kind", [MemberKind.INDIVIDUAL, MemberKind.ORGANISATION])
def test_user_members_of_both_kinds_read_the_shared_folders(
    make_member, nextcloud, kind, django_capture_on_commit_callbacks
):
    activate(make_member, django_capture_on_commit_callbacks, kind=kind)

    assert shares_of(nextcloud, "alice")["Co-op/Forms"] == READ_ONLY


def test_operational_members_write_the_shared_folders_and_join_their_group(
    make_member, nextcloud, django_capture_on_commit_callbacks
):
    activate(make_member, django_capture_on_commit_callbacks, kind=MemberKind.OPERATIONAL)

    assert nextcloud.users["alice"].groups == ("Members", "Operational members")
    assert set(shares_of(nextcloud, "alice").values()) == {READ_WRITE}


def test_running_it_twice_changes_nothing(make_member, nextcloud, django_capture_on_commit_callbacks):
    member = activate(make_member, django_capture_on_commit_callbacks)
    before = snapshot(nextcloud)

    assert provision_member.call(member.pk) == "provisioned"

    assert snapshot(nextcloud) == before
    member.refresh_from_db()
    assert member.provisioning_status == ProvisioningStatus.PROVISIONED


def test_running_it_twice_against_the_nextcloud_protocol_only_reads(
    make_member, fake_nextcloud, settings, django_capture_on_commit_callbacks
):
    settings.NEXTCLOUD = {
        "BACKEND": "portal.nextcloud.backends.nc_py_api.NcPyApiBackend",
        "OPTIONS": {"url": fake_nextcloud.url, "user": "portal", "app_password": fake_nextcloud.password},
    }
    member = activate(make_member, django_capture_on_commit_callbacks, kind=MemberKind.OPERATIONAL)
    member.refresh_from_db()
    assert member.provisioning_status == ProvisioningStatus.PROVISIONED, member.provisioning_error
    assert fake_nextcloud.users["alice"]["groups"] == ["Members", "Operational members"]
    assert {share["path"] for share in fake_nextcloud.shares.values()} == {
        "/Members/alice",
        "/Co-op/Handbook",
        "/Co-op/Forms",
    }
    first_run = len(fake_nextcloud.requests)

    assert provision_member.call(member.pk) == "provisioned"

    second_run = fake_nextcloud.requests[first_run:]
    assert second_run
    assert {request.method for request in second_run} <= {"GET", "PROPFIND"}


def test_suspension_disables_the_user_and_removes_the_shares_but_keeps_the_files(
    make_member, nextcloud, django_capture_on_commit_callbacks
):
    member = activate(make_member, django_capture_on_commit_callbacks)
    nextcloud.add_file("Members/alice/minutes.txt", b"minutes")

    with django_capture_on_commit_callbacks(execute=True):
        member.change_status(MemberStatus.SUSPENDED)

    member.refresh_from_db()
    assert member.provisioning_status == ProvisioningStatus.NOT_PROVISIONED
    user = nextcloud.users["alice"]
    assert (user.enabled, user.groups) == (False, ())
    assert shares_of(nextcloud, "alice") == {}
    assert nextcloud.nodes["Members/alice/minutes.txt"].content == b"minutes"

    with django_capture_on_commit_callbacks(execute=True):
        member.change_status(MemberStatus.ACTIVE)

    assert nextcloud.users["alice"].enabled is True
    assert len(shares_of(nextcloud, "alice")) == 3


def test_leaving_disables_the_account_and_is_idempotent_too(make_member, nextcloud, django_capture_on_commit_callbacks):
    member = activate(make_member, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        member.change_status(MemberStatus.LEFT)
    before = snapshot(nextcloud)

    assert provision_member.call(member.pk) == "disabled"

    assert snapshot(nextcloud) == before
    assert nextcloud.users["alice"].enabled is False


def test_the_account_is_disabled_even_if_the_record_lost_its_user_id(
    make_member, nextcloud, django_capture_on_commit_callbacks
):
    member = activate(make_member, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        member.change_status(MemberStatus.LEFT)
        Member.objects.filter(pk=member.pk).update(nextcloud_user_id="")  # anonymised in the same transaction

    assert nextcloud.users["alice"].enabled is False
    assert shares_of(nextcloud, "alice") == {}


def test_an_applicant_who_leaves_never_reaches_nextcloud(make_member, nextcloud, django_capture_on_commit_callbacks):
    member = make_member("bob", status=MemberStatus.APPLICANT)
    calls = nextcloud.calls

    with django_capture_on_commit_callbacks(execute=True):
        member.change_status(MemberStatus.LEFT)

    member.refresh_from_db()
    assert member.provisioning_status == ProvisioningStatus.NOT_PROVISIONED
    assert nextcloud.calls == calls
    assert "bob" not in nextcloud.users


def test_an_existing_nextcloud_user_is_linked(make_member, nextcloud, django_capture_on_commit_callbacks):
    nextcloud.ensure_user("alice", "Old name", "old@example.coop")
    nextcloud.set_user_groups("alice", ["Gardeners"], managed=())

    activate(make_member, django_capture_on_commit_callbacks, first_name="Alice", last_name="Liddell")

    user = nextcloud.users["alice"]
    assert (user.display_name, user.email) == ("Alice Liddell", "alice@example.coop")
    assert user.groups == ("Gardeners", "Members")  # groups the portal does not manage are left alone


def test_user_ids_are_unique_safe_and_never_nextclouds_own_accounts(
    make_member, nextcloud, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_member("ana+coop@example.org")
        second = make_member("ana coop@example.org")
        admin = make_member("admin")
        service = make_member("portal")

    ids = [Member.objects.get(pk=m.pk).nextcloud_user_id for m in (first, second, admin, service)]
    assert ids == ["ana-coop@example.org", "ana-coop@example.org-2", "admin-2", "portal-2"]
    assert nextcloud.users["admin-2"].enabled


def test_a_record_linked_to_the_service_account_fails_without_touching_it(make_member, nextcloud):
    member = make_member("mallory", status=MemberStatus.APPLICANT)
    Member.objects.filter(pk=member.pk).update(nextcloud_user_id="portal")
    member.refresh_from_db()
    Member.objects.filter(pk=member.pk).update(status=MemberStatus.ACTIVE)

    assert provision_member.call(member.pk) == "failed"

    member.refresh_from_db()
    assert member.provisioning_status == ProvisioningStatus.FAILED
    assert "NextCloud's own accounts" in member.provisioning_error
    assert "portal" not in nextcloud.users


def test_an_answer_nextcloud_refuses_marks_the_member_failed(
    make_member, nextcloud, django_capture_on_commit_callbacks
):
    member = activate(make_member, django_capture_on_commit_callbacks, email="")

    member.refresh_from_db()
    assert member.provisioning_status == ProvisioningStatus.FAILED
    assert "email address is required" in member.provisioning_error


def test_an_edit_of_an_active_member_reaches_nextcloud(make_member, nextcloud, django_capture_on_commit_callbacks):
    member = activate(make_member, django_capture_on_commit_callbacks)

    member.kind = MemberKind.OPERATIONAL
    with django_capture_on_commit_callbacks(execute=True):
        member.save()

    assert set(shares_of(nextcloud, "alice").values()) == {READ_WRITE}


def test_the_back_off_doubles_up_to_its_ceiling(settings):
    settings.NEXTCLOUD_PROVISIONING = {"RETRY_SECONDS": 60, "RETRY_MAX_SECONDS": 600}

    assert [retry_delay(attempt) for attempt in range(6)] == [60, 120, 240, 480, 600, 600]


def test_the_command_queues_those_waiting_or_failed_and_with_all_everyone(
    make_member, nextcloud, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import call_command

    waiting = make_member("alice")  # made active, but its task never ran (no commit in this test)
    failed = make_member("bob")
    Member.objects.filter(pk=failed.pk).update(provisioning_status=ProvisioningStatus.FAILED, provisioning_error="x")
    applicant = make_member("cy", status=MemberStatus.APPLICANT)

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("provision_members", stdout=out)

    assert "2 member(s)" in out.getvalue()
    assert set(nextcloud.users) == {"alice", "bob"}
    assert {Member.objects.get(pk=m.pk).provisioning_status for m in (waiting, failed)} == {
        ProvisioningStatus.PROVISIONED
    }
    with django_capture_on_commit_callbacks(execute=True):
        call_command("provision_members", "--all", stdout=out)
    assert "2 member(s)" in out.getvalue().splitlines()[-1]
    assert Member.objects.get(pk=applicant.pk).provisioning_status == ProvisioningStatus.NOT_PROVISIONED
