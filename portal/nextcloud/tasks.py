"""Provisioning as a task: run by the worker (django-tasks' database backend), retried while NextCloud is away.

The task reads the member as they are when it runs, so a later status change is never undone by an earlier task,
and a task that runs twice changes nothing. Its outcome goes on the member's record (provisioning status and last
error, shown in the register):

- done: "provisioned" (active) or "not provisioned" (suspended, left, or never given an account);
- NextCloud unavailable (down, slow, in maintenance, circuit open): "waiting", with the error, and the task puts
  itself back in the queue to run after RETRY_SECONDS, doubling each time up to RETRY_MAX_SECONDS, for as long as
  it takes: nothing is lost. (A backend that cannot defer tasks, such as the immediate one used in development,
  leaves the member "waiting" for "provision again" or `manage.py provision_members`.)
- any other error (NextCloud refused, a bad id): "failed", with the error, until someone provisions them again.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from portal.members.models import Member, MemberStatus, ProvisioningStatus
from portal.nextcloud import provisioning
from portal.nextcloud.backends import get_backend
from portal.nextcloud.exceptions import NextcloudError, NextcloudUnavailable, UnsafePath

logger = logging.getLogger(__name__)

# NextCloud's own accounts that no member may be linked to, besides the service account.
RESERVED_USER_IDS = {"admin"}


def retry_delay(attempt: int) -> float:
    """Seconds before try number `attempt` + 1: RETRY_SECONDS, doubled each time, at most RETRY_MAX_SECONDS."""
    options = settings.NEXTCLOUD_PROVISIONING
    return min(options["RETRY_SECONDS"] * 2**attempt, options["RETRY_MAX_SECONDS"])


def reserved_user_ids() -> set[str]:
    return {user_id.lower() for user_id in (*RESERVED_USER_IDS, settings.NEXTCLOUD["OPTIONS"].get("user", ""))}


def record(member_id: int, status: str, error: str = "") -> None:
    # An update, not save(): it touches only these two fields and sends no post_save.
    Member.objects.filter(pk=member_id).update(provisioning_status=status, provisioning_error=error[:2000])


def assign_user_id(member) -> str:
    """The member's NextCloud user id, chosen and stored the first time they are provisioned."""
    if member.nextcloud_user_id:
        return member.nextcloud_user_id
    others = Member.objects.exclude(pk=member.pk)
    reserved = reserved_user_ids()
    member.nextcloud_user_id = provisioning.user_id_for(
        member.user.get_username(),
        lambda candidate: candidate.lower() in reserved or others.filter(nextcloud_user_id__iexact=candidate).exists(),
    )
    Member.objects.filter(pk=member.pk).update(nextcloud_user_id=member.nextcloud_user_id)
    return member.nextcloud_user_id


def request_key(member_id: int) -> str:
    return f"nextcloud:provisioning:{member_id}"


def superseded(member_id: int, request: str) -> bool:
    """A later request to provision this member is queued: this one's retries can stop (the later one carries on).

    Told through the shared cache; when it cannot tell (no entry, a per-process cache, the cache down), the retries
    go on, which is harmless since a task changes only what differs from the member's record.
    """
    if not request:
        return False
    try:
        latest = cache.get(request_key(member_id))
    except Exception:  # noqa: BLE001 (the cache is a hint here, never a reason to lose a retry)
        return False
    return latest is not None and latest != request


def enqueue_provisioning(member, *, former_user_id: str = "") -> None:
    """Mark the member waiting and queue the task once the current transaction commits."""
    stored = Member.objects.filter(pk=member.pk).values_list("nextcloud_user_id", flat=True).first()
    record(member.pk, ProvisioningStatus.PENDING)
    member.provisioning_status, member.provisioning_error = ProvisioningStatus.PENDING, ""
    former_user_id = former_user_id or stored or member.nextcloud_user_id
    request = uuid.uuid4().hex

    def enqueue():
        cache.set(request_key(member.pk), request, timeout=None)
        provision_member.enqueue(member.pk, 0, former_user_id, request)

    transaction.on_commit(enqueue)


@task()
def provision_member(member_id: int, attempt: int = 0, former_user_id: str = "", request: str = "") -> str:
    """Bring the member's NextCloud account in line with their record. `former_user_id` is the id they had when
    the task was queued, so that an account is still disabled if the record has lost it since; `request` tells
    this request's tries from a later request's."""
    if attempt and superseded(member_id, request):
        return "superseded"
    member = Member.objects.select_related("user").filter(pk=member_id).first()
    if member is None:
        return "no such member"
    plan = None
    try:
        active = member.status == MemberStatus.ACTIVE
        user_id = assign_user_id(member) if active else (member.nextcloud_user_id or former_user_id)
        if not user_id:
            record(member_id, ProvisioningStatus.NOT_PROVISIONED)
            return "nothing to do"
        if user_id.lower() in reserved_user_ids():
            raise provisioning.NotAMemberAccount(f"{user_id} is one of NextCloud's own accounts, not a member's")
        plan = provisioning.plan_for(member, user_id)
        outcome = provisioning.apply(get_backend(), plan)
    except NextcloudUnavailable as exc:
        return wait_and_retry(member_id, attempt, former_user_id, request, str(exc))
    except (NextcloudError, UnsafePath, provisioning.NotAMemberAccount) as exc:  # needs a person to look at it
        logger.warning("Provisioning member %s in NextCloud failed: %s", member_id, exc)
        record(member_id, ProvisioningStatus.FAILED, str(exc))
        return "failed"
    except Exception as exc:  # a bug: on the record too, with the traceback in the log
        logger.exception("Provisioning member %s in NextCloud failed unexpectedly", member_id)
        record(member_id, ProvisioningStatus.FAILED, f"{type(exc).__name__}: {exc}")
        return "failed"
    record(member_id, ProvisioningStatus.PROVISIONED if plan.active else ProvisioningStatus.NOT_PROVISIONED)
    return outcome


def wait_and_retry(member_id: int, attempt: int, former_user_id: str, request: str, error: str) -> str:
    if superseded(member_id, request):
        return "superseded"
    backend = provision_member.get_backend()
    if not backend.supports_defer:
        record(member_id, ProvisioningStatus.PENDING, error)
        return "waiting"
    run_after = timezone.now() + timedelta(seconds=retry_delay(attempt))
    record(
        member_id, ProvisioningStatus.PENDING, f"{error} (try {attempt + 1}; next at {run_after:%Y-%m-%d %H:%M:%S %Z})"
    )
    provision_member.using(run_after=run_after).enqueue(member_id, attempt + 1, former_user_id, request)
    return "retrying"
