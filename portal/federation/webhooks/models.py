"""Webhook subscriptions of partners and the log of what was sent to them (imported by federation.models)."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.federation import crypto


class Event(models.TextChoices):
    PUBLISHED = "page.published", _("Page published")
    UNPUBLISHED = "page.unpublished", _("Page unpublished")
    MOVED = "page.moved", _("Page moved")
    DELETED = "page.deleted", _("Page deleted")
    ACCESS_CHANGED = "page.access_changed", _("Who may read a page changed")


def split_words(text: str) -> list[str]:
    return [word for word in text.replace(",", " ").split() if word]


def validate_events(text: str) -> None:
    unknown = sorted(set(split_words(text)) - set(Event.values))
    if unknown:
        raise ValidationError(_("Unknown events: %(events)s"), params={"events": ", ".join(unknown)})


def validate_languages(text: str) -> None:
    from cms.locales import configured_codes

    unknown = sorted(set(split_words(text)) - set(configured_codes()))
    if unknown:
        raise ValidationError(_("Not languages of this portal: %(codes)s"), params={"codes": ", ".join(unknown)})


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")


class WebhookSubscription(models.Model):
    partner = models.ForeignKey(
        "federation.Partner", on_delete=models.CASCADE, related_name="webhooks", verbose_name=_("partner")
    )
    url = models.URLField(_("URL"), max_length=500, help_text=_("Where events are posted, e.g. https://…/hooks/."))
    events = models.CharField(
        _("events"),
        max_length=200,
        default=" ".join(Event.values),
        validators=[validate_events],
        help_text=_("The events to send, separated by spaces."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        validators=[validate_languages],
        help_text=_("Language codes separated by spaces, e.g. “en es”; leave empty for every language."),
    )
    secret_encrypted = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SubscriptionStatus.choices, default=SubscriptionStatus.ACTIVE
    )
    paused_reason = models.CharField(_("paused because"), max_length=300, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["partner__name", "url", "pk"]

    def __str__(self):
        return f"{self.partner}: {self.url}"

    def set_secret(self) -> str:
        """A fresh secret for this subscription; returned to be shown once."""
        secret = f"whsec_{secrets.token_urlsafe(32)}"
        self.secret_encrypted = crypto.encrypt(secret)
        return secret

    @property
    def secret(self) -> str:
        return crypto.decrypt(self.secret_encrypted)

    @property
    def event_list(self) -> list[str]:
        return split_words(self.events)

    @property
    def language_list(self) -> list[str]:
        return split_words(self.languages)

    def wants(self, event: str, locale: str) -> bool:
        return event in self.event_list and (not self.language_list or locale in self.language_list)

    @property
    def is_active(self) -> bool:
        return self.status == SubscriptionStatus.ACTIVE

    def resume(self) -> None:
        WebhookSubscription.objects.filter(pk=self.pk).update(
            status=SubscriptionStatus.ACTIVE, consecutive_failures=0, paused_reason=""
        )
        self.status, self.consecutive_failures, self.paused_reason = SubscriptionStatus.ACTIVE, 0, ""


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Waiting to retry")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent (subscription paused)")


class WebhookDelivery(models.Model):
    """One event for one subscription, with the outcome of its last attempt."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("subscription")
    )
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, editable=False)
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.event} → {self.subscription.url} ({self.get_status_display()})"
