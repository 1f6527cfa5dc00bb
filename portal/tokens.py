"""API tokens stored as digests: what members' personal tokens and partners' tokens have in common.

A token reads `<prefix>_<key id>_<secret>`; the prefix names the kind of token, for people and for secret scanners.
Only its SHA-256 digest is stored, found through the key id, so a copy of the database gives nobody a usable token;
the whole text is shown once, when the token is made, and afterwards its name and last four characters. The secret
is 256 random bits, so a plain digest (no salt, no slow hash) is enough, as for other random API keys.

Each kind is a concrete model of `HashedToken` with its owner and what else it needs; `find()` looks tokens up the
same way for every kind, through the queryset the kind's `lookup_queryset()` gives.
"""

import hashlib
import hmac
import re
import secrets
from typing import ClassVar, Self

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_ID_LENGTH = 12  # hex digits: 6 random bytes, unique among the tokens of one kind


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class HashedTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class HashedToken(models.Model):
    prefix: ClassVar[str]  # set by each kind of token

    name = models.CharField(_("name"), max_length=100)
    key_id = models.CharField(max_length=KEY_ID_LENGTH, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    last_four = models.CharField(_("last four characters"), max_length=4, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = HashedTokenQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @classmethod
    def claims(cls, token: str) -> bool:
        """Whether the text is meant as a token of this kind (it may still be malformed, unknown or revoked)."""
        return token.startswith(f"{cls.prefix}_")

    @classmethod
    def key_id_of(cls, token: str) -> str | None:
        """The key id of a well-formed token of this kind; None for any other text."""
        pattern = rf"{re.escape(cls.prefix)}_([0-9a-f]{{{KEY_ID_LENGTH}}})_[A-Za-z0-9_-]{{20,}}"
        match = re.fullmatch(pattern, token)
        return match.group(1) if match else None

    def set_secret(self) -> str:
        """Give this (unsaved) record a fresh secret; returns the token's whole text, which is stored nowhere."""
        self.key_id = secrets.token_hex(KEY_ID_LENGTH // 2)
        token = f"{self.prefix}_{self.key_id}_{secrets.token_urlsafe(32)}"
        self.digest = digest(token)
        self.last_four = token[-4:]
        return token

    @classmethod
    def create_with_secret(cls, **fields) -> tuple[Self, str]:
        """A new token and its whole text: shown once, stored nowhere."""
        record = cls(**fields)
        token = record.set_secret()
        record.save()
        return record, token

    @classmethod
    def lookup_queryset(cls) -> models.QuerySet:
        """The tokens `find()` may return: the active ones, with what a request needs of their owner."""
        return cls.objects.active()

    @classmethod
    def find(cls, token: str) -> Self | None:
        """The usable token this text is; None when it is malformed, unknown, revoked or of another kind."""
        key_id = cls.key_id_of(token)
        if key_id is None:
            return None
        record = cls.lookup_queryset().filter(key_id=key_id).first()
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
