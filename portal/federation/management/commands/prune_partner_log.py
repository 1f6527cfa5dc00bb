"""Delete partner request log entries, and finished webhook deliveries, older than PORTAL_PARTNER_LOG_DAYS; run it
daily (e.g. from cron). Deliveries still waiting to be retried are kept whatever their age."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.federation.models import PartnerRequest, WebhookDelivery
from portal.federation.webhooks.models import DeliveryStatus


class Command(BaseCommand):
    help = "Delete partner request log entries and finished webhook deliveries older than PORTAL_PARTNER_LOG_DAYS days."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.PORTAL_PARTNER_LOG_DAYS)
        deleted, _by_model = PartnerRequest.objects.filter(at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} partner request log entries older than {cutoff:%Y-%m-%d %H:%M}.")
        waiting = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)
        deleted, _by_model = WebhookDelivery.objects.filter(created_at__lt=cutoff).exclude(status__in=waiting).delete()
        self.stdout.write(f"Deleted {deleted} webhook deliveries older than {cutoff:%Y-%m-%d %H:%M}.")
