"""Partner co-ops and the API tokens they read our content with.

A partner token reads `cpp_<key id>_<secret>` and is made, stored and found as members' personal tokens are
(portal/tokens.py): only its digest is kept, and the whole text is shown once, when the token is made. A token's
scope says what it reads: `public` reads as an anonymous reader does, `members` as a member of the co-op does,
through the partner's own service account in the Members group, so the one visibility rule in cms/visibility.py
decides for partners exactly as it does for people.

Other records that belong to a partner (webhook subscriptions, mirrored sections) point at `Partner`.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.federation import crypto
from portal.members.groups import MEMBERS
from portal.tokens import HashedToken

ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")


def origins_of(text: str) -> list[str]:
    """The origins written one per line (or separated by spaces or commas), without trailing slashes."""
    return [origin.rstrip("/").lower() for origin in re.split(r"[\s,]+", text) if origin.strip()]


def validate_origins(text: str) -> None:
    wrong = [origin for origin in origins_of(text) if not ORIGIN.match(origin)]
    if wrong:
        raise ValidationError(
            _("Not an origin such as https://handbook.example.coop: %(origins)s"),
            params={"origins": ", ".join(wrong)},
        )


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Names the partner in commands and addresses."))
    base_url = models.URLField(
        _("base URL"), help_text=_("Where the partner's portal answers, e.g. https://coop.example.")
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    allowed_origins = models.TextField(
        _("allowed browser origins"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "Sites whose pages may call the API from the browser (CORS), one per line, e.g. https://coop.example."
        ),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive partner's tokens are refused until it is active again.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    # The account members-scoped tokens read as; made when the first such token is issued.
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    # Mirroring the partner's handbook (portal/federation/mirror/): the token we read their API with and the secret
    # their webhooks are signed with, both encrypted and never shown again once saved; where the feed left off.
    outbound_token_encrypted = models.TextField(blank=True, editable=False)
    inbound_webhook_secret_encrypted = models.TextField(blank=True, editable=False)
    mirror_section = models.CharField(
        _("mirrored section"),
        max_length=300,
        blank=True,
        help_text=_("Path of the section of their handbook to mirror, e.g. /1-principles/; empty for all of it."),
    )
    licence = models.CharField(
        _("licence"), max_length=200, blank=True, help_text=_("Under which their content is shared, e.g. CC BY-SA 4.0.")
    )
    mirror_cursor = models.CharField(max_length=200, blank=True, editable=False)
    last_pulled_at = models.DateTimeField(_("last pulled at"), null=True, blank=True, editable=False)
    last_pull_error = models.TextField(_("last pull error"), blank=True, editable=False)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def origins(self) -> list[str]:
        return origins_of(self.allowed_origins)

    @property
    def outbound_token(self) -> str:
        return crypto.decrypt(self.outbound_token_encrypted)

    @outbound_token.setter
    def outbound_token(self, value: str) -> None:
        self.outbound_token_encrypted = crypto.encrypt(value)

    @property
    def inbound_webhook_secret(self) -> str:
        return crypto.decrypt(self.inbound_webhook_secret_encrypted)

    @inbound_webhook_secret.setter
    def inbound_webhook_secret(self, value: str) -> None:
        self.inbound_webhook_secret_encrypted = crypto.encrypt(value)

    def ensure_service_user(self):
        """The partner's account in the Members group: what members-only content checks for."""
        if self.service_user is None:
            # No password (an unusable one): the account reads the API through tokens only; nobody signs in as it.
            self.service_user = get_user_model().objects.create_user(f"partner-{self.pk}")
            self.save(update_fields=["service_user"])
        self.service_user.groups.add(Group.objects.get_or_create(name=MEMBERS)[0])
        return self.service_user


class Scope(models.TextChoices):
    PUBLIC = "public", _("Public content")
    MEMBERS = "members", _("Public and members-only content")


class PartnerToken(HashedToken):
    prefix = "cpp"  # "co-op partner"

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("partner"))
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. “Handbook mirror”."))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.PUBLIC)
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for the portal's default."),
    )

    class Meta(HashedToken.Meta):
        verbose_name = _("partner token")
        verbose_name_plural = _("partner tokens")

    def __str__(self):
        return f"{self.partner}: {self.name} (…{self.last_four})"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            if self.scope == Scope.MEMBERS:
                self.partner.ensure_service_user()

    @classmethod
    def issue(cls, partner: Partner, name: str, scope: str = Scope.PUBLIC, rate_limit=None):
        """A new token and its whole text: shown once, stored nowhere."""
        return cls.create_with_secret(partner=partner, name=name, scope=scope, rate_limit=rate_limit)

    @classmethod
    def lookup_queryset(cls):
        # An inactive partner's tokens are refused like revoked ones.
        return super().lookup_queryset().select_related("partner__service_user").filter(partner__is_active=True)

    @property
    def requests_per_minute(self) -> int:
        return self.rate_limit or settings.PORTAL_PARTNER_RATE_LIMIT


class PartnerRequest(models.Model):
    """One API request made with a partner's token: what the partner sees of its use, and we of theirs."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="requests", verbose_name=_("partner"))
    token = models.ForeignKey(PartnerToken, null=True, on_delete=models.SET_NULL, related_name="+")
    token_last_four = models.CharField(_("token"), max_length=4)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    operation_name = models.CharField(_("operation"), max_length=200, blank=True)
    status = models.PositiveSmallIntegerField(_("status"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))

    # The admin lists these, which would have Wagtail index their references: queries on every API request.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("partner request")
        verbose_name_plural = _("partner request log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.partner} {self.at:%Y-%m-%d %H:%M:%S} {self.operation_name or '-'} {self.status}"


# Webhooks live in their own module; imported here so that Django finds them as models of this app.
from portal.federation.webhooks.models import WebhookDelivery, WebhookSubscription  # noqa: E402

__all__ = ["Partner", "PartnerRequest", "PartnerToken", "Scope", "WebhookDelivery", "WebhookSubscription"]
