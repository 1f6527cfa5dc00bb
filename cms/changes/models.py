"""The change journal: one row per thing that happened to one language version of a page.

A page is known across sites by its translation key and its locale (the pair every language version shares the
first half of), never by its database id, which differs between copies. Rows are written once and never changed;
their id orders the feed.
"""

from django.db import models
from django.utils import timezone
from wagtail.models import Locale


class ChangeKind(models.TextChoices):
    CREATED = "created", "Created"  # first published
    UPDATED = "updated", "Updated"  # published again
    MOVED = "moved", "Moved"  # moved or reordered, or an ancestor moved: its path or place in the reading order
    UNPUBLISHED = "unpublished", "Unpublished"
    DELETED = "deleted", "Deleted"
    TRANSLATION_UPDATED = "translation_updated", "Translation updated"  # its source was synced: it may be outdated
    ACCESS_CHANGED = "access_changed", "Access changed"  # a view restriction on it or above it came or went


class Change(models.Model):
    kind = models.CharField(max_length=24, choices=ChangeKind.choices)
    translation_key = models.UUIDField(db_index=True)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    page_id = models.PositiveIntegerField(null=True)  # the page then: not a foreign key, pages are deleted
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["locale", "id"])]

    def __str__(self):
        return f"{self.kind} {self.translation_key} {self.locale_id} at {self.at:%Y-%m-%d %H:%M:%S}"
