"""Turn change journal rows into webhook deliveries, one per matching subscription, and queue their tasks.

Connected to cms.changes' `changes_journalled` signal, which is sent once the rows are committed: an event is only
ever sent for a change the partner can also read in the feed, under the same cursor. Events carry identities
(translation key and language), never content: the receiver fetches what it may see through the API. An event that
would tell a partner a page exists which its tokens may not read (published or moved behind a members-only
restriction) is not sent to it.
"""

import uuid

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.changes.feed import encode_cursor
from cms.changes.models import ChangeKind
from cms.visibility import Viewer
from portal.federation.models import Scope
from portal.federation.webhooks.models import Event, SubscriptionStatus, WebhookDelivery, WebhookSubscription

EVENT_OF_KIND = {
    ChangeKind.CREATED: Event.PUBLISHED,
    ChangeKind.UPDATED: Event.PUBLISHED,
    ChangeKind.UNPUBLISHED: Event.UNPUBLISHED,
    ChangeKind.MOVED: Event.MOVED,
    ChangeKind.DELETED: Event.DELETED,
    ChangeKind.ACCESS_CHANGED: Event.ACCESS_CHANGED,
}
# Events about a page the partner must be able to read for them to be sent.
NEEDS_VISIBILITY = {Event.PUBLISHED, Event.MOVED}


def payload(event: str, change, locale_code: str, event_id: uuid.UUID) -> dict:
    return {
        "id": str(event_id),
        "type": event,
        "occurredAt": change.at.isoformat(),
        "cursor": encode_cursor(change.id),
        "page": {"translationKey": str(change.translation_key), "locale": locale_code},
    }


def partner_viewer(partner) -> Viewer:
    """What the partner's broadest active token reads as."""
    has_members_token = partner.tokens.active().filter(scope=Scope.MEMBERS).exists()
    return Viewer(partner.service_user if has_members_token and partner.service_user else None)


def deliveries_for(changes) -> list[WebhookDelivery]:
    """The deliveries these journal rows call for (unsaved)."""
    events = [(change, EVENT_OF_KIND.get(change.kind)) for change in changes]
    events = [(change, event) for change, event in events if event is not None]
    if not events:
        return []
    subscriptions = list(
        WebhookSubscription.objects.filter(status=SubscriptionStatus.ACTIVE, partner__is_active=True).select_related(
            "partner__service_user"
        )
    )
    codes = dict(Locale.objects.filter(pk__in={c.locale_id for c, _e in events}).values_list("pk", "language_code"))
    deliveries = []
    visible_by_partner: dict = {}
    page_ids = {change.page_id for change, event in events if event in NEEDS_VISIBILITY}
    for subscription in subscriptions:
        partner = subscription.partner
        if partner.pk not in visible_by_partner and page_ids:
            pages = partner_viewer(partner).pages(Page.objects.filter(pk__in=page_ids))
            visible_by_partner[partner.pk] = set(pages.values_list("pk", flat=True))
        for change, event in events:
            code = codes[change.locale_id]
            if not subscription.wants(event, code):
                continue
            if event in NEEDS_VISIBILITY and change.page_id not in visible_by_partner.get(partner.pk, set()):
                continue
            event_id = uuid.uuid4()
            deliveries.append(
                WebhookDelivery(
                    subscription=subscription,
                    event_id=event_id,
                    event=event,
                    payload=payload(event, change, code, event_id),
                    created_at=timezone.now(),
                )
            )
    return deliveries


def changes_journalled(sender, changes, **kwargs):
    from portal.federation.webhooks.tasks import deliver_webhook

    with transaction.atomic():
        deliveries = WebhookDelivery.objects.bulk_create(deliveries_for(changes))
    for delivery in deliveries:
        deliver_webhook.enqueue(delivery.pk)


def connect():
    from cms.changes.signals import changes_journalled as journalled

    journalled.connect(changes_journalled, dispatch_uid="federation.webhooks")
