"""Webhooks: which events go to which subscription, signed; retries with back-off; pausing; the admin."""

import json
import time

import pytest
from django.test import override_settings
from django_tasks import default_task_backend

from cms.changes.models import Change
from portal.federation.models import PartnerToken, Scope, WebhookDelivery, WebhookSubscription
from portal.federation.webhooks import signing
from portal.federation.webhooks.models import DeliveryStatus, SubscriptionStatus
from portal.federation.webhooks.tasks import deliver_webhook, retry_delay
from tests.changes.conftest import book, committed, make_members_only  # noqa: F401  (fixtures)
from tests.federation.loopback import Loopback, serve

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def endpoint():
    loopback = Loopback()
    url, stop = serve(loopback)
    loopback.url = f"{url}/hooks/"
    yield loopback
    stop()


@pytest.fixture
def subscription(partner, endpoint):
    record = WebhookSubscription(partner=partner, url=endpoint.url)
    record.secret_text = record.set_secret()
    record.save()
    return record


def queued() -> list:
    return [result for result in default_task_backend.results if result.task.func is deliver_webhook.func]


def publish(page, committed, title):  # noqa: F811
    page.title = title
    with committed():
        page.save_revision().publish()


# Signing


def test_a_signature_verifies_and_anything_else_does_not():
    body = b'{"type":"page.published"}'
    headers = signing.signed_headers("s3cret", body, now=1_000_000)
    ts, sig = headers[signing.TIMESTAMP_HEADER], headers[signing.SIGNATURE_HEADER]
    signing.verify("s3cret", body, ts, sig, now=1_000_000 + 299)
    bad = [
        ("other", body, ts, sig, 1_000_000),  # another secret
        ("s3cret", body + b" ", ts, sig, 1_000_000),  # another body
        ("s3cret", body, str(int(ts) + 1), sig, 1_000_000),  # another timestamp
        ("s3cret", body, ts, sig, 1_000_000 + 301),  # older than five minutes
        ("s3cret", body, ts, sig, 1_000_000 - 301),  # from the future
        ("s3cret", body, None, sig, 1_000_000),
        ("s3cret", body, "soon", sig, 1_000_000),
        ("s3cret", body, ts, None, 1_000_000),
        ("", body, ts, sig, 1_000_000),
    ]
    for secret, payload, timestamp, signature, now in bad:
        with pytest.raises(signing.InvalidSignature):
            signing.verify(secret, payload, timestamp, signature, now=now)
    # Several signatures in one header (a secret being rotated): one good one is enough.
    signing.verify("s3cret", body, ts, f"v1=00, {sig}", now=1_000_000)


# Events


def test_publishing_posts_a_signed_event(book, subscription, endpoint, committed):  # noqa: F811
    publish(book["first"], committed, "First, edited")
    [request] = endpoint.received
    headers = {name.lower(): value for name, value in request.headers.items()}
    signing.verify(
        subscription.secret_text,
        request.body,
        headers[signing.TIMESTAMP_HEADER.lower()],
        headers[signing.SIGNATURE_HEADER.lower()],
    )
    assert abs(int(headers[signing.TIMESTAMP_HEADER.lower()]) - time.time()) < 60
    event = json.loads(request.body)
    assert event["type"] == "page.published" == headers[signing.EVENT_HEADER.lower()]
    assert event["page"] == {"translationKey": str(book["first"].translation_key), "locale": "en"}
    assert event["cursor"] and event["id"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code, delivery.error) == ("delivered", 1, 204, "")
    assert str(delivery.event_id) == event["id"]


def test_unpublish_move_and_delete_are_sent(book, subscription, endpoint, committed):  # noqa: F811
    with committed():
        book["second"].unpublish()
    with committed():
        book["first"].move(book["second"], pos="last-child")
    with committed():
        book["chapter"].delete()
    types = [json.loads(request.body)["type"] for request in endpoint.received]
    assert types[:2] == ["page.unpublished", "page.moved"]
    # Deleting a chapter unpublishes its live pages first: one event per row of the journal, as the feed reads.
    journal = list(Change.objects.filter(kind__in=["unpublished", "deleted"]).values_list("kind", flat=True))
    assert types[2:] == [f"page.{kind}" for kind in journal[1:]]
    assert "page.deleted" in types


def test_events_and_languages_filter_what_is_sent(book, partner, subscription, endpoint, committed):  # noqa: F811
    subscription.events = "page.unpublished"
    subscription.save()
    spanish_only = WebhookSubscription(partner=partner, url=endpoint.url, languages="es")
    spanish_only.set_secret()
    spanish_only.save()
    publish(book["first"], committed, "Not sent")
    with committed():
        book["second"].unpublish()
    assert [json.loads(r.body)["type"] for r in endpoint.received] == ["page.unpublished"]
    assert WebhookDelivery.objects.get().subscription == subscription


def test_a_members_only_page_is_not_announced_to_a_public_partner(book, partner, subscription, endpoint, committed):  # noqa: F811
    with committed():
        make_members_only(book["first"])
    publish(book["first"], committed, "Members only")
    assert [json.loads(r.body)["type"] for r in endpoint.received] == ["page.access_changed"]
    # With a members token the partner may read it, so it hears of it.
    PartnerToken.issue(partner, "Mirror", Scope.MEMBERS)
    publish(book["first"], committed, "Members only, again")
    assert json.loads(endpoint.received[-1].body)["type"] == "page.published"


def test_a_paused_or_inactive_subscription_gets_nothing(book, subscription, endpoint, committed):  # noqa: F811
    subscription.status = SubscriptionStatus.PAUSED
    subscription.save()
    publish(book["first"], committed, "Quiet")
    assert endpoint.received == [] and not WebhookDelivery.objects.exists()


# Failures


@override_settings(TASKS=DUMMY_TASKS, PORTAL_WEBHOOK_RETRY_SECONDS=30, PORTAL_WEBHOOK_PAUSE_AFTER=3)
def test_failures_are_retried_with_back_off_then_pause_the_subscription(book, subscription, endpoint, committed):  # noqa: F811
    endpoint.answer = lambda request: (500, {}, b"down for maintenance")
    default_task_backend.clear()
    publish(book["first"], committed, "Edited")
    delivery = WebhookDelivery.objects.get()
    [first_try] = queued()
    deliver_webhook.call(*first_try.args)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("retrying", 1, 500)
    assert "down for maintenance" in delivery.error
    retried = queued()[-1]
    assert retried.args == [delivery.pk] and retried.task.run_after == delivery.next_attempt_at
    assert delivery.next_attempt_at > delivery.last_attempt_at
    assert [retry_delay(n) for n in (1, 2, 3)] == [30, 60, 120]
    deliver_webhook.call(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.attempts, (delivery.next_attempt_at - delivery.last_attempt_at).total_seconds()) == (2, 60)
    deliver_webhook.call(delivery.pk)  # the third failure in a row pauses the subscription
    delivery.refresh_from_db()
    subscription.refresh_from_db()
    assert (subscription.status, subscription.consecutive_failures) == ("paused", 3)
    assert (delivery.status, delivery.attempts) == ("skipped", 3)
    assert len(endpoint.received) == 3
    subscription.resume()
    endpoint.answer = None
    publish(book["first"], committed, "Edited again")
    deliver_webhook.call(*queued()[-1].args)
    subscription.refresh_from_db()
    assert (subscription.consecutive_failures, WebhookDelivery.objects.first().status) == (0, "delivered")


@override_settings(PORTAL_WEBHOOK_TIMEOUT=(1, 0.2))
def test_a_slow_receiver_times_out(book, subscription, endpoint, committed):  # noqa: F811
    endpoint.delay = 1.0
    publish(book["first"], committed, "Edited")
    delivery = WebhookDelivery.objects.get()
    # The immediate backend cannot defer a retry: the first failure is final.
    assert (delivery.status, delivery.error, delivery.response_code) == ("failed", "timed out", None)
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 1


def test_a_refused_connection_is_a_failure(book, partner, committed):  # noqa: F811
    record = WebhookSubscription(partner=partner, url="http://127.0.0.1:9/hooks/")
    record.set_secret()
    record.save()
    publish(book["first"], committed, "Edited")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "ConnectionError" in delivery.error
