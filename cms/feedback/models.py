"""Readers' feedback for translators.

Both kinds are keyed by the page's translation key and the reader's language rather than by one page row, so a
suggestion or a request survives the page being translated, re-synced or moved.
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale


class SuggestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=TranslationSuggestion.Status.OPEN)

    def open_counts(self) -> dict[tuple, int]:
        """{(translation_key, locale_id): number of open suggestions}, in one query."""
        rows = self.open().values("translation_key", "locale_id").annotate(count=models.Count("id"))
        return {(row["translation_key"], row["locale_id"]): row["count"] for row in rows}


class TranslationSuggestion(models.Model):
    """A reader's proposal for a better wording of one passage of a page in their language."""

    class Status(models.TextChoices):
        # In context: "Accepted" alone is also a member having accepted a governance document.
        OPEN = "open", pgettext_lazy("suggestion status", "Open")
        ACCEPTED = "accepted", pgettext_lazy("suggestion status", "Accepted")
        DISMISSED = "dismissed", pgettext_lazy("suggestion status", "Dismissed")

    translation_key = models.UUIDField(db_index=True)
    # Named for the translators' review form, which shows these fields.
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+", verbose_name=_("language"))
    page_title = models.CharField(
        _("page title"), max_length=255, help_text=_("The title the reader saw, for the record.")
    )
    passage = models.TextField(_("passage"))
    suggestion = models.TextField(_("suggestion"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("translation suggestion")

    def __str__(self):
        return f"{self.page_title} ({self.locale_id}): {self.passage[:40]}"

    def passage_excerpt(self) -> str:
        return Truncator(self.passage).chars(120)

    passage_excerpt.short_description = _("passage")

    def set_status(self, status: str, user) -> None:
        """Record who decided and when; back to open clears the decision. Saving is left to the caller."""
        self.status = status
        is_open = status == self.Status.OPEN
        self.resolved_at = None if is_open else timezone.now()
        self.resolved_by = None if is_open else user

    def resolve(self, status: str, user) -> None:
        self.set_status(status, user)
        self.save(update_fields=["status", "resolved_at", "resolved_by"])


class RequestQuerySet(models.QuerySet):
    def counts(self) -> dict[tuple, int]:
        """{(translation_key, locale_id): number of readers asking}, in one query."""
        rows = self.values("translation_key", "locale_id").annotate(count=models.Count("id"))
        return {(row["translation_key"], row["locale_id"]): row["count"] for row in rows}

    def by_reader(self, translation_key, locale: Locale, reader: str):
        return self.filter(translation_key=translation_key, locale=locale, reader=reader)

    def record(self, translation_key, locale: Locale, reader: str) -> bool:
        """Count this reader's vote; False when they had already asked (the vote stays one)."""
        try:
            with transaction.atomic():
                self.create(translation_key=translation_key, locale=locale, reader=reader)
        except IntegrityError:  # the one-vote constraint: this reader's vote is already there
            return False
        return True

    def most_requested(self):
        """(translation_key, locale) pairs, most requested first."""
        return (
            self.values("translation_key", "locale_id", "locale__language_code")
            .annotate(count=models.Count("id"), last_asked=models.Max("created_at"))
            .order_by("-count", "-last_asked")
        )


class TranslationRequest(models.Model):
    """One reader asking for a page that is missing in their language (one vote per reader per page)."""

    translation_key = models.UUIDField(db_index=True)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    # A keyed hash identifying the reader (session or signed-in user), never the address itself.
    reader = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation request")
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "locale", "reader"], name="one_request_per_reader")
        ]

    def __str__(self):
        return f"{self.translation_key} ({self.locale_id})"
