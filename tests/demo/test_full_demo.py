"""The real demo: every entry of the co-op's table of contents, in five languages, loaded once per module."""

import pytest
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from cms.demo.loader import CONTENT_DIR, DemoLoader, translation_key
from cms.demo.markup import parse_toc
from cms.glossary.models import GlossaryTerm
from cms.governance.models import DocumentKind, GovernanceVersion
from cms.handbook.models import HandbookIndexPage, HandbookPage, HandbookSectionPage
from tests.demo.tree import add_page_under, wrong_child_counts

# django_db as well: a module whose tests ask for no database would get no test database, only the real one.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

TOC = parse_toc((CONTENT_DIR / "toc.txt").read_text(encoding="utf-8"))
ENTRIES = [entry for root in TOC for entry in root.walk()]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import connection, transaction

        with transaction.atomic():
            report = DemoLoader().run()
            callbacks = connection.run_on_commit[:]
            connection.run_on_commit.clear()
            for _savepoints, callback, _robust in callbacks:
                callback()
            yield report
            transaction.set_rollback(True)


def en(key):
    return Page.objects.get(translation_key=translation_key("page", key), locale__language_code="en")


def test_every_entry_of_the_table_of_contents_with_its_title_and_nesting(demo):
    assert len(ENTRIES) == 156
    for entry in ENTRIES:
        page = en(entry.key)
        assert page.title == entry.title
        parent = page.get_parent()
        if entry.parent is None:
            assert parent.specific_class is HandbookIndexPage
        else:
            assert parent.translation_key == translation_key("page", entry.parent.key)


def test_nine_chapters_in_order(demo):
    chapters = HandbookSectionPage.objects.filter(locale__language_code="en").order_by("path")
    assert [page.title.split(" ", 1)[0] for page in chapters] == [str(n) for n in range(1, 10)]


def test_every_page_has_an_original_body_with_two_to_four_paragraphs(demo):
    for entry in ENTRIES:
        page = en(entry.key).specific
        paragraphs = [block for block in page.body if block.block_type == "paragraph" and "<p>" in block.value.source]
        assert 2 <= len(paragraphs) <= 5, entry.key
        assert page.summary, entry.key


def test_pages_link_to_pages_and_glossary_terms(demo):
    sources = [str(en(entry.key).specific.body.raw_data) for entry in ENTRIES]
    assert sum('linktype=\\"page\\"' in source or 'linktype="page"' in source for source in sources) > 40
    assert sum("glossary" in source for source in sources) > 30


def test_pages_per_locale(demo):
    counts = {
        code: Page.objects.filter(locale__language_code=code, depth__gt=1).count()
        for code in ("en", "es", "fr", "de", "ar")
    }
    principles_chapter = 1 + sum(1 for root in TOC if root.key == "1-principles" for _ in root.walk())
    assert counts["en"] == 157
    assert counts["es"] == counts["fr"] == principles_chapter + 1  # the index, the chapter, and the welcome page
    assert 5 < counts["de"] < counts["es"]
    assert 3 < counts["ar"] < counts["de"]


def test_translations_are_written_in_their_language(demo):
    for code in ("es", "fr", "de", "ar"):
        for page in Page.objects.filter(locale__language_code=code, depth__gt=2).specific():
            source = page.get_translation(Locale.get_default()).specific
            assert page.title != source.title or page.title[:2].isdigit(), (code, page.title)
            assert page.summary != source.summary, (code, page.title)
    assert Page.objects.get(translation_key=translation_key("page", "spaces"), locale__language_code="ar").title


def test_glossary_and_governance_in_every_language(demo):
    assert GlossaryTerm.objects.filter(locale__language_code="en").count() == 11
    assert GlossaryTerm.objects.filter(locale__language_code="es").count() == 11
    assert GlossaryTerm.objects.filter(locale__language_code="de").count() == 7
    for code in ("en", "es", "fr", "ar"):
        locale = Locale.objects.get(language_code=code)
        assert GovernanceVersion.objects.current(DocumentKind.CODE_OF_CONDUCT, locale).version_label == "2.0"
        assert GovernanceVersion.objects.current(DocumentKind.PRIVACY_POLICY, locale).version_label == "1.0"
    assert GovernanceVersion.objects.filter(kind=DocumentKind.CODE_OF_CONDUCT, locale__language_code="en").count() == 2


def test_an_outdated_translation_and_many_untranslated_pages(demo):
    spaces = en("spaces")
    synced = TranslationSource.objects.get(object_id=spaces.translation_key, locale=spaces.locale)
    assert spaces.last_published_at > synced.last_updated_at
    untranslated_in_es = Page.objects.filter(locale__language_code="en", depth__gt=2).exclude(
        translation_key__in=Page.objects.filter(locale__language_code="es").values("translation_key")
    )
    assert untranslated_in_es.count() > 100


def test_loading_again_changes_nothing(demo):
    pages = list(Page.objects.order_by("path").values_list("path", "latest_revision_id"))
    assert DemoLoader().run().lines() == ["Demo content already present: nothing to do."]
    assert list(Page.objects.order_by("path").values_list("path", "latest_revision_id")) == pages


def test_every_page_counts_its_real_children_and_takes_a_new_one(demo):
    assert wrong_child_counts() == {}
    for code, key in [("es", "principles"), ("es", "1-principles"), ("fr", "index"), ("ar", "index")]:
        parent = Page.objects.get(translation_key=translation_key("page", key), locale__language_code=code)
        with transaction.atomic():
            add_page_under(parent, HandbookPage(title="Nueva", slug="nueva-pagina", locale=parent.locale))
            assert parent.get_children().count() == parent.numchild + 1
            assert wrong_child_counts() == {}
            transaction.set_rollback(True)
