"""Sending one webhook delivery: a task, retried with exponential back-off, pausing a subscription that keeps
failing.

Each attempt POSTs the event's JSON, signed (signing.py), with connect and read timeouts. A 2xx answer delivers it
and resets the subscription's failures in a row. Anything else (another status, a timeout, a refused connection)
counts as a failure: the delivery is queued again to run after PORTAL_WEBHOOK_RETRY_SECONDS, doubled on every try
up to PORTAL_WEBHOOK_RETRY_MAX_SECONDS, until PORTAL_WEBHOOK_MAX_ATTEMPTS; after PORTAL_WEBHOOK_PAUSE_AFTER failures
in a row the subscription is paused (an admin resumes it) and its waiting deliveries are not sent. A task backend
that cannot defer tasks (the immediate one) makes a failed first try final.
"""

import json
import logging
from datetime import timedelta

import requests
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from portal.federation.webhooks import signing
from portal.federation.webhooks.models import DeliveryStatus, SubscriptionStatus, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)
USER_AGENT = "coop-portal-webhooks/1"


def retry_delay(attempts: int) -> float:
    """Seconds to wait after try number `attempts` failed."""
    return min(settings.PORTAL_WEBHOOK_RETRY_SECONDS * 2 ** (attempts - 1), settings.PORTAL_WEBHOOK_RETRY_MAX_SECONDS)


def post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """Send the delivery once: the response's status (None when there was none) and an error, empty on success."""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        signing.EVENT_HEADER: delivery.event,
        **signing.signed_headers(delivery.subscription.secret, body),
    }
    try:
        response = requests.post(
            delivery.subscription.url,
            data=body,
            headers=headers,
            timeout=settings.PORTAL_WEBHOOK_TIMEOUT,
            allow_redirects=False,
        )
    except requests.Timeout:
        return None, "timed out"
    except requests.RequestException as error:
        return None, f"{type(error).__name__}: {error}"[:1000]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}: {response.text[:300]}"


@task()
def deliver_webhook(delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("subscription__partner").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
        return "nothing to do"
    subscription = delivery.subscription
    if not subscription.is_active or not subscription.partner.is_active:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SKIPPED, next_attempt_at=None)
        return "skipped"
    code, error = post(delivery)
    now = timezone.now()
    delivery.attempts += 1
    delivery.response_code, delivery.error, delivery.last_attempt_at = code, error, now
    delivery.next_attempt_at = None
    if not error:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.save()
        WebhookSubscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        return "delivered"
    WebhookSubscription.objects.filter(pk=subscription.pk).update(consecutive_failures=F("consecutive_failures") + 1)
    subscription.refresh_from_db(fields=["consecutive_failures"])
    if subscription.consecutive_failures >= settings.PORTAL_WEBHOOK_PAUSE_AFTER:
        pause(subscription)
    backend = deliver_webhook.get_backend()
    can_retry = backend.supports_defer and delivery.attempts < settings.PORTAL_WEBHOOK_MAX_ATTEMPTS
    if subscription.status == SubscriptionStatus.PAUSED:
        delivery.status = DeliveryStatus.SKIPPED
    elif can_retry:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = now + timedelta(seconds=retry_delay(delivery.attempts))
    else:
        delivery.status = DeliveryStatus.FAILED
    delivery.save()
    if delivery.status == DeliveryStatus.RETRYING:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    logger.info("Webhook %s to %s failed (try %s): %s", delivery.event, subscription.url, delivery.attempts, error)
    return delivery.status


def pause(subscription: WebhookSubscription) -> None:
    reason = gettext("Paused after %(count)s failed deliveries in a row.") % {
        "count": subscription.consecutive_failures
    }
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        status=SubscriptionStatus.PAUSED, paused_reason=reason
    )
    subscription.status, subscription.paused_reason = SubscriptionStatus.PAUSED, reason
    WebhookDelivery.objects.filter(subscription=subscription, status=DeliveryStatus.RETRYING).update(
        status=DeliveryStatus.SKIPPED, next_attempt_at=None
    )
