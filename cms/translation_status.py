"""What "outdated" means, decided once for the API, the front ends and the translators' dashboard.

A translation is outdated when its source was published after the translation was last synced, when the last
sync brought strings not yet translated, or when translated changes were synced but not yet published.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource


class Status:
    CURRENT = "current"
    OUTDATED = "outdated"
    MISSING = "missing"


@dataclass(frozen=True)
class Freshness:
    source_changed_at: datetime | None
    synced_at: datetime | None
    published_at: datetime | None
    untranslated: int

    @property
    def is_outdated(self) -> bool:
        return is_outdated(self.source_changed_at, self.synced_at, self.published_at, self.untranslated)


def is_outdated(source_changed_at, synced_at, published_at, untranslated: int) -> bool:
    if synced_at is None:
        return False  # not made with wagtail-localize: nothing to compare with
    if source_changed_at is not None and source_changed_at > synced_at:
        return True
    if untranslated:
        return True
    return published_at is not None and published_at < synced_at


def freshness_by_locale(translation_key, source_locale_id, source_changed_at, published_at_by_locale: dict) -> dict:
    """Freshness of every translation of one object (three queries, whatever the number of languages)."""
    source = TranslationSource.objects.filter(object_id=translation_key, locale_id=source_locale_id).first()
    if source is None:
        return {
            locale_id: Freshness(source_changed_at, None, published_at, 0)
            for locale_id, published_at in published_at_by_locale.items()
        }
    total = StringSegment.objects.filter(source=source).values("string_id", "context_id").distinct().count()
    done = dict(
        StringTranslation.objects.filter(
            translation_of__segments__source=source,
            translation_of__segments__context_id=F("context_id"),
            locale_id__in=published_at_by_locale,
        )
        .values("locale_id")
        .annotate(count=Count("id", distinct=True))
        .values_list("locale_id", "count")
    )
    return {
        locale_id: Freshness(
            source_changed_at, source.last_updated_at, published_at, max(total - done.get(locale_id, 0), 0)
        )
        for locale_id, published_at in published_at_by_locale.items()
    }
