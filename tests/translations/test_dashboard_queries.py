"""The dashboard costs the same number of SQL queries for a handbook of 10 pages as for one of 40 (× 5 languages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.feedback.models import TranslationRequest, TranslationSuggestion
from cms.translation_status import Status
from cms.translations.dashboard import build_grid
from tests.factories import add_page
from tests.translations.dashboard_support import handbook, locale, page_with_text, translate
from tests.translations.test_dashboard import URL


class GrowingBook:
    """Each chapter's pages are current in Spanish, in progress in French, outdated in German and missing in Arabic;
    every fifth page was never submitted for translation at all. Readers have made suggestions and requests."""

    def __init__(self):
        self.es, self.fr, self.de = locale("es"), locale("fr"), locale("de")
        locale("ar")
        self.index, _ = handbook("First chapter")
        self.index.get_children().delete()
        for target in (self.es, self.fr, self.de):
            translate(self.index, target)
        self.pages = 0
        self.chapters = 0

    def grow(self, count: int):
        self.chapters += 1
        chapter = add_page(self.index, f"Chapter {self.chapters}")
        for target in (self.es, self.fr, self.de):
            translate(chapter, target)
        for number in range(count):
            page = page_with_text(chapter, f"Page {self.chapters}-{number}")
            self.pages += 1
            if number % 5 == 4:
                continue
            translate(page, self.fr, share=0.5, publish=False)
            translate(page, self.de)
            page.summary = "Edited after the German translation."
            page.save_revision().publish()
            translate(page, self.es)  # syncs the edit: German is now outdated, Spanish current
            TranslationSuggestion.objects.create(
                translation_key=page.translation_key, locale=self.es, page_title="x", passage="p", suggestion="s"
            )
            TranslationRequest.objects.create(translation_key=page.translation_key, locale=locale("ar"), reader="r")


@pytest.fixture
def book(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = GrowingBook()

    def grow(count):
        with django_capture_on_commit_callbacks(execute=True):
            made.grow(count)

    made.grow_committed = grow
    return made


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_the_dashboard_costs_the_same_at_10_and_40_pages(book, admin_client, admin_user):
    book.grow_committed(10)
    grid = build_grid(admin_user)
    statuses = {cell.status for row in grid.rows[2:] for cell in row.cells}
    assert statuses == {Status.CURRENT, Status.IN_PROGRESS, Status.OUTDATED, Status.MISSING}
    small = (queries(lambda: build_grid(admin_user)), queries(lambda: admin_client.get(URL)))
    csv_small = queries(lambda: admin_client.get(URL, {"export": "csv"}))

    book.grow_committed(30)
    grid = build_grid(admin_user)
    assert len(grid.rows) == 1 + 2 + 40  # the index, two chapters, their pages
    assert len(grid.most_requested) == 32  # every missing Arabic page asked for
    assert len(grid.filtered().most_requested) == 10  # the dashboard shows the first ten
    large = (queries(lambda: build_grid(admin_user)), queries(lambda: admin_client.get(URL)))
    assert large == small
    assert queries(lambda: admin_client.get(URL, {"export": "csv"})) == csv_small
    assert small[0] <= 20
