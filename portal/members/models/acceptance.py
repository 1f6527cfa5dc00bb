"""Members' acceptance of the governance documents: which version, in which language, when.

An acceptance points at the source-language version (cms/governance): every translation of a version is the same
version, and the language the member read is kept beside it. Versions members accepted cannot be deleted, so the
record stays whole; the label is copied as well, so the record reads the same in an export.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.governance.models import DocumentKind, GovernanceVersion
from portal.members.models.member import Member


class Acceptance(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="acceptances")
    kind = models.CharField(_("document"), max_length=32, choices=DocumentKind.choices)
    version = models.ForeignKey(GovernanceVersion, on_delete=models.PROTECT, related_name="+")
    version_label = models.CharField(_("version"), max_length=32)
    language = models.CharField(_("language read"), max_length=16)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["-accepted_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["member", "version"], name="one_acceptance_per_version")]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display()} {self.version_label} ({self.language})"
