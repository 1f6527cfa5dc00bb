"""Pulls as tasks: one partner (after a webhook, or from the command), and the scheduled pull of every partner."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from portal.federation.mirror.client import PullError
from portal.federation.mirror.pull import pull
from portal.federation.models import Partner

logger = logging.getLogger(__name__)


def mirrored_partners():
    return Partner.objects.filter(is_active=True).exclude(outbound_token_encrypted="")


@task()
def pull_partner(partner_id: int) -> str:
    partner = mirrored_partners().filter(pk=partner_id).first()
    if partner is None:
        return "not mirrored"
    try:
        return str(pull(partner))
    except PullError as error:
        return f"failed: {error}"  # recorded on the partner by pull()


def enqueue_pull(partner: Partner, delay_seconds: float = 0) -> None:
    """Queue a pull; after `delay_seconds` where the backend can wait (changes settle in the partner's feed)."""
    if delay_seconds and pull_partner.get_backend().supports_defer:
        pull_partner.using(run_after=timezone.now() + timedelta(seconds=delay_seconds)).enqueue(partner.pk)
    else:
        pull_partner.enqueue(partner.pk)


@task()
def pull_all_partners() -> str:
    """Pull every mirrored partner, then queue itself again PORTAL_MIRROR_PULL_MINUTES later (where the backend can
    defer tasks: start it once with `manage.py federation_pull --schedule`)."""
    outcomes = []
    for partner in mirrored_partners():
        try:
            outcomes.append(f"{partner.slug}: {pull(partner)}")
        except PullError as error:
            outcomes.append(f"{partner.slug}: failed: {error}")
    backend = pull_all_partners.get_backend()
    if backend.supports_defer:
        later = timezone.now() + timedelta(minutes=settings.PORTAL_MIRROR_PULL_MINUTES)
        pull_all_partners.using(run_after=later).enqueue()
    return "; ".join(outcomes) or "no partners to pull"
