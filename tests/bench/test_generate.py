"""generate_handbook builds the benchmark's handbooks; bench/stats.py sums up its latencies."""

import io
import statistics

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, ReferenceIndex

from bench.stats import median, p95, percentile
from cms.handbook.models import HandbookPage, HandbookSectionPage
from tests.demo.tree import add_page_under, wrong_child_counts

LANGUAGES = ["en", "es", "fr", "de", "ar"]


def test_generate_handbook_translates_every_page_into_every_language(db):
    call_command("generate_handbook", pages_per_locale=12, stdout=io.StringIO())

    keys = {}
    for code in LANGUAGES:
        pages = Page.objects.filter(locale__language_code=code, depth__gt=1)
        assert pages.count() == 12, code
        assert not pages.filter(live=False).exists(), code
        assert not pages.filter(depth__gt=5).exists(), code  # index, chapter, page, sub-page
        keys[code] = set(pages.values_list("translation_key", flat=True))
    assert all(keys[code] == keys["en"] for code in LANGUAGES)
    assert HandbookSectionPage.objects.filter(locale__language_code="es").exists()

    page = HandbookPage.objects.filter(locale__language_code="es").last()
    assert ReferenceIndex.get_references_for_object(page).exists()  # its body links to earlier pages
    assert page in HandbookPage.objects.filter(locale=page.locale).search(page.title)

    # Translations are made live by one update, never saved back over their children: the child counts hold.
    assert wrong_child_counts() == {}
    chapter = HandbookSectionPage.objects.filter(locale__language_code="es").first()
    add_page_under(chapter, HandbookPage(title="Nueva", slug="nueva", locale=chapter.locale))
    assert wrong_child_counts() == {}

    with pytest.raises(CommandError, match="empty database"):
        call_command("generate_handbook", pages_per_locale=12)


def test_median_and_p95():
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    hundred = list(range(1, 101))
    assert p95(hundred) == pytest.approx(95.05)
    assert p95(hundred) == pytest.approx(statistics.quantiles(hundred, n=20, method="inclusive")[-1])
    assert p95([7]) == 7
    assert percentile([5, 1], 0) == 1
    assert percentile([5, 1], 1) == 5
    with pytest.raises(ValueError):
        median([])
