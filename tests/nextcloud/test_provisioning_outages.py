"""Provisioning while NextCloud is away: the member waits in the queue, retried with back-off; nothing is lost."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.members.models import MemberStatus, ProvisioningStatus
from portal.nextcloud.tasks import provision_member
from tests.nextcloud.conftest import SHORT_READ_TIMEOUT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_folders")]


def status_of(member):
    member.refresh_from_db()
    return member.provisioning_status


@pytest.mark.parametrize("outage", ["down", "timeout", "maintenance", "error"])
def test_an_outage_puts_the_member_back_in_the_queue_with_back_off(
    make_member, nextcloud, task_queue, settings, outage, django_capture_on_commit_callbacks
):
    settings.NEXTCLOUD_PROVISIONING = {"RETRY_SECONDS": 60, "RETRY_MAX_SECONDS": 3600}
    nextcloud.simulate(outage)
    with django_capture_on_commit_callbacks(execute=True):
        member = make_member("alice")
    assert status_of(member) == ProvisioningStatus.PENDING  # queued, not yet run

    delays = []
    for _attempt in range(3):
        started = timezone.now()
        assert task_queue.run_ready() == 1
        (retry,) = task_queue.queued()
        delays.append(round((retry.run_after - started).total_seconds() / 60))
        assert task_queue.run_ready() == 0  # not due yet
        task_queue.time_passes()

    assert delays == [1, 2, 4]
    assert retry.args_kwargs["args"][:3] == [member.pk, 3, ""]
    assert status_of(member) == ProvisioningStatus.PENDING
    assert "next at" in member.provisioning_error

    nextcloud.simulate(None)
    cache.clear()  # the circuit breaker, opened by the outage, would make the next try wait out its reset time
    assert task_queue.run_ready() == 1

    assert task_queue.queued() == []
    assert status_of(member) == ProvisioningStatus.PROVISIONED
    assert member.provisioning_error == ""
    assert nextcloud.users["alice"].enabled


def test_a_suspension_during_an_outage_is_applied_once_nextcloud_is_back(
    make_member, nextcloud, task_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member = make_member("alice")
    task_queue.run_ready()
    assert nextcloud.users["alice"].enabled

    nextcloud.simulate("maintenance")
    with django_capture_on_commit_callbacks(execute=True):
        member.change_status(MemberStatus.SUSPENDED)
    task_queue.run_ready()
    assert status_of(member) == ProvisioningStatus.PENDING

    nextcloud.simulate(None)
    task_queue.time_passes()
    task_queue.run_ready()

    assert status_of(member) == ProvisioningStatus.NOT_PROVISIONED
    assert nextcloud.users["alice"].enabled is False
    assert nextcloud.list_shares(with_user="alice") == []


def test_an_open_circuit_keeps_provisioning_waiting_without_calling_nextcloud(
    make_member, nextcloud, task_queue, django_capture_on_commit_callbacks
):
    nextcloud.simulate("down")
    with django_capture_on_commit_callbacks(execute=True):
        members = [make_member(f"member{n}") for n in range(5)]
    task_queue.run_ready()
    calls = nextcloud.calls

    task_queue.time_passes()
    task_queue.run_ready()

    # The test settings open the circuit after three outages: the later tries never reach NextCloud.
    assert calls == 3
    assert nextcloud.calls == calls
    assert {status_of(member) for member in members} == {ProvisioningStatus.PENDING}
    assert len(task_queue.queued()) == 5
    assert all("circuit open" in member.provisioning_error for member in members[3:])


def test_with_a_backend_that_cannot_defer_the_member_waits_for_provision_again(make_member, nextcloud):
    member = make_member("alice", status=MemberStatus.APPLICANT)
    member.change_status(MemberStatus.ACTIVE)
    nextcloud.simulate("maintenance")

    assert provision_member.call(member.pk) == "waiting"  # the immediate backend, as in development

    assert status_of(member) == ProvisioningStatus.PENDING
    assert "maintenance" in member.provisioning_error


def test_a_later_request_replaces_the_earlier_ones_retries(
    make_member, nextcloud, task_queue, django_capture_on_commit_callbacks
):
    nextcloud.simulate("maintenance")
    with django_capture_on_commit_callbacks(execute=True):
        member = make_member("alice")
    task_queue.run_ready()
    with django_capture_on_commit_callbacks(execute=True):  # e.g. "provision again", twice, while it still fails
        member.change_status(MemberStatus.SUSPENDED)
        member.change_status(MemberStatus.ACTIVE)

    assert len(task_queue.queued()) == 3  # the first request's retry and the two new requests
    task_queue.time_passes()
    task_queue.run_ready()

    (retry,) = task_queue.queued()  # one request carries on
    nextcloud.simulate(None)
    cache.clear()  # the circuit, opened by the outage (and the record of the latest request: the retry goes on)
    task_queue.time_passes()
    task_queue.run_ready()
    assert task_queue.queued() == []
    assert status_of(member) == ProvisioningStatus.PROVISIONED
    assert nextcloud.users["alice"].enabled


@pytest.mark.parametrize("mode", ["maintenance", "error", "hang"])
def test_nextclouds_503_500_and_silence_keep_provisioning_waiting(
    make_member, fake_nextcloud, task_queue, settings, mode, django_capture_on_commit_callbacks
):
    """Through nc-py-api and the NextCloud protocol: 503 (maintenance), 500, and no answer within the timeout."""
    settings.NEXTCLOUD = {
        "BACKEND": "portal.nextcloud.backends.nc_py_api.NcPyApiBackend",
        "OPTIONS": {
            "url": fake_nextcloud.url,
            "user": fake_nextcloud.service_user,
            "app_password": fake_nextcloud.password,
            "connect_timeout": 1.0,
            "read_timeout": SHORT_READ_TIMEOUT,
        },
    }
    fake_nextcloud.mode = mode
    with django_capture_on_commit_callbacks(execute=True):
        member = make_member("alice")

    task_queue.run_ready()

    assert status_of(member) == ProvisioningStatus.PENDING
    assert len(task_queue.queued()) == 1
    assert "alice" not in fake_nextcloud.users

    fake_nextcloud.mode = "ok"
    fake_nextcloud.release.set()
    task_queue.time_passes()
    task_queue.run_ready()

    assert status_of(member) == ProvisioningStatus.PROVISIONED, member.provisioning_error
    assert fake_nextcloud.users["alice"]["groups"] == ["Members"]
