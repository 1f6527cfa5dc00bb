"""The translation dashboard: cells, links, filters, totals, CSV, readers' feedback, and who sees it."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import Translation

from cms.feedback.models import TranslationRequest, TranslationSuggestion
from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion
from cms.translation_status import Status
from cms.translations.dashboard import GLOSSARY, GOVERNANCE, build_grid
from cms.translations.translator_groups import EDITORS_GROUP, translators_group_name
from tests.translations.dashboard_support import handbook, locale, page_with_text, translate

URL = reverse("translations_dashboard")


class Book:
    """English pages in two chapters, each in a known state in Spanish; nothing in French."""

    def __init__(self):
        es = locale("es")
        locale("fr")
        self.index, self.basics = handbook("Basics")
        self.current = page_with_text(self.basics, "Current page")
        self.outdated = page_with_text(self.basics, "Outdated page")
        self.draft = page_with_text(self.basics, "Draft page")
        self.untouched = page_with_text(self.basics, "Untouched page")
        self.advanced = page_with_text(self.index, "Advanced")
        self.other = page_with_text(self.advanced, "Other page")
        for page in (self.index, self.basics, self.current, self.outdated, self.advanced, self.other):
            translate(page, es)
        translate(self.draft, es, share=0.5, publish=False)
        self.term = GlossaryTerm.objects.create(term="Steward", slug="steward", definition="Keeps a space running.")
        translate(self.term, es)
        self.version = GovernanceVersion.objects.create(
            kind="code_of_conduct",
            version_label="1.0",
            effective_date=date(2024, 1, 1),
            change_summary="First version.",
            body=[{"type": "paragraph", "value": "<p>Be kind.</p>"}],
        )
        self.version.save_revision().publish()

    def edit_outdated_source(self):
        self.outdated.title = "Outdated page, edited"
        self.outdated.save_revision().publish()


@pytest.fixture
def book(db, django_capture_on_commit_callbacks) -> Book:
    with django_capture_on_commit_callbacks(execute=True):
        made = Book()
        made.edit_outdated_source()
    return made


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", password="x")


def cell(grid, page, code="es"):
    row = next(row for row in grid.rows if row.key == page.translation_key)
    return row.cell(code)


def test_each_cell_says_where_its_translation_stands(book, superuser):
    grid = build_grid(superuser)
    assert [locale.language_code for locale in grid.locales] == ["es", "fr"]
    assert cell(grid, book.current).status == Status.CURRENT
    assert cell(grid, book.outdated).status == Status.OUTDATED
    assert cell(grid, book.draft).status == Status.IN_PROGRESS
    assert cell(grid, book.untouched).status == Status.MISSING
    assert cell(grid, book.term).status == Status.CURRENT
    assert cell(grid, book.version).status == Status.MISSING
    assert {cell.status for row in grid.rows for cell in row.cells if cell.locale.language_code == "fr"} == {
        Status.MISSING
    }


def test_in_progress_shows_wagtail_localizes_own_count(book, superuser):
    translation = Translation.objects.get(
        source__object_id=book.draft.translation_key, target_locale__language_code="es"
    )
    total, done = translation.get_progress()
    assert 0 < done < total
    assert cell(build_grid(superuser), book.draft).percent_done == done * 100 // total


def test_cells_link_to_the_editor_to_a_sync_or_to_starting_a_translation(book, superuser, client):
    client.force_login(superuser)
    grid = build_grid(superuser)
    editor = client.get(cell(grid, book.current).url)
    assert editor.status_code == 200
    assert "translation-editor" in editor.content.decode()  # wagtail-localize's editor
    outdated = cell(grid, book.outdated)
    assert outdated.sync_url.startswith("/admin/localize/update/")
    assert client.get(outdated.sync_url).status_code == 200
    assert cell(grid, book.current).sync_url == ""
    start = cell(grid, book.untouched, "fr").url
    assert start.endswith("?select_locale=fr")
    assert client.get(start).status_code == 200
    term_start = cell(grid, book.term, "fr").url
    assert term_start.startswith("/admin/localize/submit/snippet/glossary/glossaryterm/")
    assert client.get(term_start).status_code == 200


def test_a_glossary_term_edited_in_the_admin_is_outdated_until_synced(
    book, superuser, client, django_capture_on_commit_callbacks
):
    assert cell(build_grid(superuser), book.term).status == Status.CURRENT
    client.force_login(superuser)
    url = reverse("wagtailsnippets_glossary_glossaryterm:edit", args=[book.term.pk])
    response = client.post(url, {"term": "Steward", "slug": "steward", "definition": "Keeps a space open."})
    assert response.status_code == 302
    # Terms have no publishing date: the admin's log of the edit says when the source changed.
    assert cell(build_grid(superuser), book.term).status == Status.OUTDATED
    with django_capture_on_commit_callbacks(execute=True):
        translate(GlossaryTerm.objects.get(pk=book.term.pk), locale("es"))  # sync and translate the new definition
    assert cell(build_grid(superuser), book.term).status == Status.CURRENT


def test_filters_by_chapter_language_and_status(book, superuser):
    grid = build_grid(superuser)
    basics = grid.filtered(chapter=str(book.basics.pk))
    assert [row.title for row in basics.rows] == [
        "Basics",
        "Current page",
        "Outdated page, edited",
        "Draft page",
        "Untouched page",
    ]
    assert [row.title for row in grid.filtered(chapter=GLOSSARY).rows] == ["Steward"]
    assert [row.kind for row in grid.filtered(chapter=GOVERNANCE).rows] == ["governance"]
    french = grid.filtered(language="fr")
    assert [locale.language_code for locale in french.locales] == ["fr"]
    assert all(len(row.cells) == 1 for row in french.rows)
    outdated = grid.filtered(language="es", status=Status.OUTDATED)
    assert [row.title for row in outdated.rows] == ["Outdated page, edited"]
    # A status filter without a language keeps rows with that status in any language.
    assert len(grid.filtered(status=Status.MISSING).rows) == len(grid.rows)


def test_the_view_applies_filters_from_the_query_string_and_ignores_unknown_values(book, superuser, client):
    client.force_login(superuser)
    page = client.get(URL, {"chapter": book.basics.pk, "language": "es", "status": Status.IN_PROGRESS}).content.decode()
    assert "Draft page" in page
    assert "Current page" not in page
    assert 'data-status="in_progress"' in page
    everything = client.get(URL, {"chapter": "nonsense", "language": "xx", "status": "nope"}).content.decode()
    assert "Current page" in everything and "Steward" in everything and "Code of conduct 1.0" in everything


def test_totals_per_language_count_pages_and_words(book, superuser):
    grid = build_grid(superuser)
    totals = {totals.locale.language_code: totals for totals in grid.totals}
    es, fr = totals["es"], totals["fr"]
    current_rows = [row for row in grid.rows if row.cell("es").status == Status.CURRENT]
    assert es.done == len(current_rows) == 6  # the index, two chapters, "Current page", "Other page", the term
    assert es.left == len(grid.rows) - es.done
    all_words = sum(row.words for row in grid.rows)
    assert all_words > 0
    assert es.words_done + es.words_left == fr.words_done + fr.words_left == all_words
    assert fr.words_done == 0 and fr.done == 0
    draft = cell(grid, book.draft)
    assert 0 < draft.words_done < next(row.words for row in grid.rows if row.key == book.draft.translation_key)
    assert (
        es.words_done
        == sum(row.words for row in current_rows) + draft.words_done + cell(grid, book.outdated).words_done
    )


def test_csv_export_has_the_filtered_grid(book, superuser, client):
    client.force_login(superuser)
    response = client.get(URL, {"chapter": book.basics.pk, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Kind", "Title", "Words"]
    assert rows[0][3:7] == ["es status", "es % translated", "es open suggestions", "es requests"]
    by_title = {row[1]: row for row in rows[1:]}
    assert set(by_title) == {"Basics", "Current page", "Outdated page, edited", "Draft page", "Untouched page"}
    assert by_title["Current page"][3] == Status.CURRENT
    assert by_title["Draft page"][3] == Status.IN_PROGRESS
    assert 0 < int(by_title["Draft page"][4]) < 100
    assert by_title["Untouched page"][3:5] == [Status.MISSING, ""]
    assert by_title["Untouched page"][7] == Status.MISSING  # French
    # The header button downloads what is on screen.
    page = client.get(URL, {"chapter": book.basics.pk}).content.decode()
    assert f"?chapter={book.basics.pk}&amp;export=csv" in page


def test_readers_suggestions_and_requests_appear_per_page_and_language(book, superuser, client):
    es, fr = locale("es"), locale("fr")
    for passage in ("one", "two"):
        TranslationSuggestion.objects.create(
            translation_key=book.current.translation_key, locale=es, page_title="x", passage=passage, suggestion="y"
        )
    TranslationSuggestion.objects.create(
        translation_key=book.current.translation_key,
        locale=es,
        page_title="x",
        passage="done",
        suggestion="y",
        status=TranslationSuggestion.Status.ACCEPTED,
    )
    for reader in ("a", "b", "c"):
        TranslationRequest.objects.create(translation_key=book.untouched.translation_key, locale=fr, reader=reader)
    TranslationRequest.objects.create(translation_key=book.untouched.translation_key, locale=es, reader="a")
    TranslationRequest.objects.create(translation_key=book.other.translation_key, locale=fr, reader="a")
    TranslationRequest.objects.create(translation_key=book.current.translation_key, locale=es, reader="a")  # exists

    grid = build_grid(superuser)
    assert cell(grid, book.current).suggestions == 2  # open ones only
    assert cell(grid, book.current, "fr").suggestions == 0
    assert cell(grid, book.untouched, "fr").requests == 3
    assert [(item.row.title, item.cell.locale.language_code, item.count) for item in grid.most_requested] == [
        ("Untouched page", "fr", 3),
        ("Other page", "fr", 1),  # a tie goes to the page asked for last
        ("Untouched page", "es", 1),
    ]  # the Spanish current page was asked for but exists: not missing
    assert [item.cell.locale.language_code for item in grid.filtered(language="fr").most_requested] == ["fr", "fr"]

    client.force_login(superuser)
    page = client.get(URL).content.decode()
    assert 'data-suggestions="2"' in page
    assert 'data-requests="3"' in page
    assert "Most requested missing pages" in page


def test_only_admin_users_see_the_dashboard_and_translators_see_their_languages(book, client, django_user_model):
    outsider = django_user_model.objects.create_user("reader", password="x")
    client.force_login(outsider)
    assert client.get(URL).status_code == 302  # to the admin's login
    translator = django_user_model.objects.create_user("traductora", password="x")
    translator.groups.add(Group.objects.get(name=translators_group_name("es")))
    client.force_login(translator)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Untouched page" in page
    assert 'data-language="es"' in page
    assert 'data-language="fr"' not in page
    assert [locale.language_code for locale in build_grid(translator).locales] == ["es"]
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL in home  # the Translations menu's "Dashboard"


def test_superusers_and_editors_see_every_language(book, superuser, django_user_model):
    editor = django_user_model.objects.create_user("editora", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    for user in (superuser, editor):
        assert [locale.language_code for locale in build_grid(user).locales] == ["es", "fr"]
