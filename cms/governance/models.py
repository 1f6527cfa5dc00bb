"""Versioned governance documents: the code of conduct and the privacy policy.

Each version is its own record rather than a labelled revision of one document, because:
- every version is translated on its own and its translations must stay readable after the next version;
- members accept a specific version (a stable row to point at), in the language they read it in;
- Wagtail revisions are an editing history (every save is one) and are not translatable.
Each version still has drafts and revisions (DraftStateMixin), so a new version is written and reviewed before it
is published. The current version of a kind is the published one with the latest effective date that is not in the
future: exactly one at any time once any is published, and a version scheduled ahead takes over on its date.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import BodyBlock


class DocumentKind(models.TextChoices):
    CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct")
    PRIVACY_POLICY = "privacy_policy", _("Privacy policy")


class GovernanceVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def of_kind(self, kind, locale):
        return self.published().filter(kind=kind, locale=locale)

    def in_force(self, on_date=None):
        return self.filter(effective_date__lte=on_date or timezone.localdate())

    def current(self, kind, locale, on_date=None):
        return self.of_kind(kind, locale).in_force(on_date).order_by("-effective_date", "-pk").first()

    def history(self, kind, locale, on_date=None):
        """Every published version in force so far, newest first (the current one included)."""
        return self.of_kind(kind, locale).in_force(on_date).order_by("-effective_date", "-pk")


class GovernanceVersion(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    kind = models.CharField(max_length=32, choices=DocumentKind.choices, verbose_name=_("document"))
    version_label = models.CharField(max_length=32, verbose_name=_("version"), help_text=_("For example 2.0"))
    effective_date = models.DateField(verbose_name=_("effective date"))
    change_summary = models.TextField(verbose_name=_("change summary"), help_text=_("What changed, and why."))
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    objects = GovernanceVersionQuerySet.as_manager()

    override_translatable_fields = [SynchronizedField("version_label")]
    panels = [
        FieldPanel("kind"),
        FieldPanel("version_label"),
        FieldPanel("effective_date"),
        FieldPanel("change_summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        index.SearchField("change_summary"),
        index.SearchField("body"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("governance document version")
        verbose_name_plural = _("governance document versions")
        ordering = ["kind", "-effective_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version_label", "locale"], name="unique_governance_version_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version_label}"

    def is_current(self) -> bool:
        current = GovernanceVersion.objects.current(self.kind, self.locale_id)
        return current is not None and current.pk == self.pk

    def previous_version(self):
        return (
            GovernanceVersion.objects.of_kind(self.kind, self.locale_id)
            .filter(effective_date__lt=self.effective_date)
            .order_by("-effective_date")
            .first()
        )
