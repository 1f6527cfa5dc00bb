"""Personal API tokens: a member's own credentials for scripts and apps that read the API as them.

A token reads `cpt_<key id>_<secret>`; how it is made, stored and found: portal/tokens.py.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.members.models.member import Member
from portal.tokens import HashedToken

MAX_ACTIVE_TOKENS = 20
# How stale "last used" may get before a request writes it again: one write per minute, not one per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class PersonalToken(HashedToken):
    prefix = "cpt"  # "co-op personal token"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. “Calendar sync”."))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta(HashedToken.Meta):
        verbose_name = _("personal API token")
        verbose_name_plural = _("personal API tokens")

    def __str__(self):
        return f"{self.name} (…{self.last_four})"

    @classmethod
    def issue(cls, member: Member, name: str) -> tuple["PersonalToken", str]:
        """A new token for `member`, and its whole text: shown to the member once, stored nowhere."""
        return cls.create_with_secret(member=member, name=name)

    @classmethod
    def lookup_queryset(cls):
        return super().lookup_queryset().select_related("member__user")

    def mark_used(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION:
            PersonalToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
