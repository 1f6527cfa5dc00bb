"""What "outdated" means, decided once for the API, the front ends and the translators' dashboard.

A translation made with wagtail-localize is outdated when its source was published after the translation was last
synced, when the last sync brought strings not yet translated, or when translated changes were synced but not yet
published. A translation wagtail-localize does not manage (made by hand, or whose translation was stopped) has
nothing to compare with and is never called outdated.

`bulk_freshness` computes this for any number of objects and languages in three queries; `freshness_by_locale`
(the API, one page) is the same computation for one object, so the two cannot disagree.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.utils.html import strip_tags
from wagtail_localize.models import StringSegment, StringTranslation, Translation


class Status:
    CURRENT = "current"
    OUTDATED = "outdated"
    IN_PROGRESS = "in_progress"
    MISSING = "missing"


@dataclass(frozen=True)
class Freshness:
    source_changed_at: datetime | None
    synced_at: datetime | None
    published_at: datetime | None
    untranslated: int
    strings: int = 0  # strings to translate in the last synced source
    words: int = 0  # words of those strings
    words_done: int = 0  # words of the strings translated so far
    source_id: int | None = None  # wagtail-localize's TranslationSource, to sync from

    @property
    def is_outdated(self) -> bool:
        return is_outdated(self.source_changed_at, self.synced_at, self.published_at, self.untranslated)

    @property
    def percent_done(self) -> int:
        """Translated strings in percent, rounded down: 100 only when nothing is left."""
        if not self.strings:
            return 100
        return (self.strings - self.untranslated) * 100 // self.strings


def is_outdated(source_changed_at, synced_at, published_at, untranslated: int) -> bool:
    if synced_at is None:
        return False  # not managed by wagtail-localize: nothing to compare with
    if source_changed_at is not None and source_changed_at > synced_at:
        return True
    if untranslated:
        return True
    return published_at is not None and published_at < synced_at


def translation_status(exists: bool, live: bool, freshness: Freshness | None) -> str:
    """The dashboard's cell: a draft is in progress; a published translation is outdated exactly when the API
    says so."""
    if not exists:
        return Status.MISSING
    if not live:
        return Status.IN_PROGRESS
    if freshness is not None and freshness.is_outdated:
        return Status.OUTDATED
    return Status.CURRENT


def count_words(html: str) -> int:
    return len(strip_tags(html).split())


def bulk_freshness(source_locale_id, source_changed_at: dict, published_at: dict) -> dict:
    """Freshness of many translations in three queries, whatever their number.

    `source_changed_at`: {translation_key: when the source-language object last changed (or None)};
    `published_at`: {(translation_key, locale_id): when that translation was last published (or None)}, one entry
    per existing translation. Returns {(translation_key, locale_id): Freshness} for the same pairs.
    """
    keys = list(source_changed_at)
    locale_ids = sorted({locale_id for _, locale_id in published_at})
    managed = {}  # (key, locale_id) -> (source_id, synced_at), for enabled wagtail-localize translations only
    if keys and locale_ids:
        rows = Translation.objects.filter(
            source__object_id__in=keys,
            source__locale_id=source_locale_id,
            target_locale_id__in=locale_ids,
            enabled=True,
        ).values_list("source__object_id", "target_locale_id", "source_id", "source__last_updated_at")
        managed = {(key, locale_id): (source_id, synced) for key, locale_id, source_id, synced in rows}
    strings = defaultdict(dict)  # source_id -> {(string_id, context_id): words}
    translated = set()  # (string_id, context_id, locale_id)
    if managed:
        source_ids = {source_id for source_id, _ in managed.values()}
        segments = StringSegment.objects.filter(source_id__in=source_ids).values_list(
            "source_id", "string_id", "context_id", "string__data"
        )
        for source_id, string_id, context_id, data in segments:
            strings[source_id][(string_id, context_id)] = count_words(data)
        # A string translation with an error is not used on the page: wagtail-localize counts it as not translated.
        translated = set(
            StringTranslation.objects.filter(
                context__object_id__in={key for key, _ in managed},
                locale_id__in={locale_id for _, locale_id in managed},
                has_error=False,
            ).values_list("translation_of_id", "context_id", "locale_id")
        )
    result = {}
    for (key, locale_id), published in published_at.items():
        changed = source_changed_at.get(key)
        if (key, locale_id) not in managed:
            result[key, locale_id] = Freshness(changed, None, published, 0)
            continue
        source_id, synced_at = managed[key, locale_id]
        source_strings = strings[source_id]
        done = [
            words
            for (string_id, context_id), words in source_strings.items()
            if (string_id, context_id, locale_id) in translated
        ]
        result[key, locale_id] = Freshness(
            source_changed_at=changed,
            synced_at=synced_at,
            published_at=published,
            untranslated=len(source_strings) - len(done),
            strings=len(source_strings),
            words=sum(source_strings.values()),
            words_done=sum(done),
            source_id=source_id,
        )
    return result


def freshness_by_locale(translation_key, source_locale_id, source_changed_at, published_at_by_locale: dict) -> dict:
    """Freshness of every translation of one object, by locale id (three queries, whatever the number of
    languages): `bulk_freshness` for one object."""
    by_pair = bulk_freshness(
        source_locale_id,
        {translation_key: source_changed_at},
        {(translation_key, locale_id): published for locale_id, published in published_at_by_locale.items()},
    )
    return {locale_id: by_pair[translation_key, locale_id] for locale_id in published_at_by_locale}
