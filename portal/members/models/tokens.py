"""Personal API tokens: a member's own credentials for scripts and apps that read the API as them.

A token reads `cpt_<key id>_<secret>`. Only its SHA-256 digest is stored, found through the key id, so a copy of
the database gives nobody a usable token; the member sees the whole token once, when it is made, and afterwards
its name and last four characters. The secret is 256 random bits, so a plain digest (no salt, no slow hash) is
enough, as for other random API keys.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.members.models.member import Member

PREFIX = "cpt"  # names the kind of token, for people and for secret scanners
MAX_ACTIVE_TOKENS = 20
# How stale "last used" may get before a request writes it again: one write per minute, not one per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def key_id_of(token: str) -> str | None:
    """The key id of a token of this kind; None for anything else."""
    prefix, _, rest = token.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != PREFIX or len(key_id) != 12 or not secret:
        return None
    return key_id


class PersonalTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class PersonalToken(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. “Calendar sync”."))
    key_id = models.CharField(max_length=12, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    last_four = models.CharField(max_length=4, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = PersonalTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal API token")
        verbose_name_plural = _("personal API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} (…{self.last_four})"

    @classmethod
    def issue(cls, member: Member, name: str) -> tuple["PersonalToken", str]:
        """A new token for `member`, and its whole text: shown to the member once, stored nowhere."""
        key_id = secrets.token_hex(6)
        token = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
        record = cls.objects.create(member=member, name=name, key_id=key_id, digest=digest(token), last_four=token[-4:])
        return record, token

    @classmethod
    def find(cls, token: str) -> "PersonalToken | None":
        """The active token this text is, with its member and user; None when unknown or revoked."""
        key_id = key_id_of(token)
        if key_id is None:
            return None
        record = cls.objects.active().select_related("member__user").filter(key_id=key_id).first()
        if record is None or not hmac.compare_digest(record.digest, digest(token)):
            return None
        return record

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def mark_used(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION:
            PersonalToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
