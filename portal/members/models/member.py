"""A member: a Django user plus what the co-op's register holds about them, and the dated history of their status.

The status only changes through Member.change_status(), which writes the history row, moves the user between the
managed groups (portal/members/groups.py, through the post_save handler) and sends member_status_changed, so every
change is recorded and every listener hears of it.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.members.signals import member_status_changed


def language_choices():
    """The portal's configured languages; a callable so that configuring others needs no migration."""
    return list(settings.LANGUAGES)


def default_language():
    return settings.LANGUAGE_CODE


class MemberKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual user member")
    ORGANISATION = "organisation", _("Organisation user member")
    OPERATIONAL = "operational", _("Operational member")


class MemberStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


# Which status may follow which. Leaving is final: the record is anonymised.
NEXT_STATUSES = {
    MemberStatus.APPLICANT: (MemberStatus.ACTIVE, MemberStatus.LEFT),
    MemberStatus.ACTIVE: (MemberStatus.SUSPENDED, MemberStatus.LEFT),
    MemberStatus.SUSPENDED: (MemberStatus.ACTIVE, MemberStatus.LEFT),
    MemberStatus.LEFT: (),
}


class ProvisioningStatus(models.TextChoices):
    """Where the member's NextCloud account stands; written by the NextCloud provisioning."""

    NOT_PROVISIONED = "not_provisioned", _("Not provisioned")
    PENDING = "pending", _("Waiting")
    PROVISIONED = "provisioned", _("Provisioned")
    FAILED = "failed", _("Failed")


class StatusChangeNotAllowed(ValueError):
    pass


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)

    def for_register(self):
        """What the register's listing and export show, in a constant number of queries: with the version of each
        governance document the member accepted last (`<kind>_accepted`, "" for none)."""
        from portal.members.models.acceptance import Acceptance, DocumentKind

        latest = {
            f"{kind}_accepted": Coalesce(
                Subquery(
                    Acceptance.objects.filter(member=OuterRef("pk"), kind=kind)
                    .order_by("-accepted_at", "-pk")
                    .values("version_label")[:1]
                ),
                Value(""),
            )
            for kind in DocumentKind.values
        }
        return self.select_related("user").annotate(**latest)


class Member(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="member", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MemberKind.choices, default=MemberKind.INDIVIDUAL)
    status = models.CharField(
        _("status"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.APPLICANT, editable=False
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=16, choices=language_choices, default=default_language
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True, help_text=_("Set when first made active."))
    nextcloud_user_id = models.CharField(_("NextCloud user id"), max_length=64, blank=True)
    provisioning_status = models.CharField(
        _("NextCloud provisioning"),
        max_length=16,
        choices=ProvisioningStatus.choices,
        default=ProvisioningStatus.NOT_PROVISIONED,
        editable=False,
    )
    provisioning_error = models.TextField(_("last provisioning error"), blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["user__last_name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["nextcloud_user_id"], condition=~Q(nextcloud_user_id=""), name="unique_nextcloud_user_id"
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def email(self) -> str:
        return self.user.email

    def next_statuses(self) -> tuple[str, ...]:
        return NEXT_STATUSES[MemberStatus(self.status)]

    def change_status(self, new_status: str, *, by=None, note: str = "") -> "MemberStatusChange":
        """Move to `new_status`, record who did it and why, and tell the rest of the portal."""
        new_status = MemberStatus(new_status)
        if new_status not in self.next_statuses():
            raise StatusChangeNotAllowed(
                f"A member whose status is {self.status!r} cannot become {new_status.value!r}."
            )
        with transaction.atomic():
            change = MemberStatusChange.objects.create(
                member=self, from_status=self.status, to_status=new_status, by=by, note=note
            )
            self.status = new_status
            fields = ["status"]
            if new_status == MemberStatus.ACTIVE and self.joined_on is None:
                self.joined_on = timezone.localdate(change.at)
                fields.append("joined_on")
            self.save(update_fields=fields)
            member_status_changed.send(sender=Member, member=self, change=change)
        return change


class MemberStatusChange(models.Model):
    """One change of a member's status: the audit trail, kept when the member leaves."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=MemberStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=MemberStatus.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.member}: {self.get_from_status_display()} → {self.get_to_status_display()}"


def member_of(user) -> Member | None:
    """The user's member record; None for anonymous visitors and for accounts outside the register (editors)."""
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None
