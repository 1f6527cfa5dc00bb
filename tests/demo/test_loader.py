"""The demo loader on a small content folder: structure, translations through wagtail-localize, idempotence."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.demo.loader import DemoContentError, DemoLoader
from cms.glossary.models import GlossaryTerm
from cms.handbook.models import HandbookIndexPage, HandbookPage, HandbookSectionPage
from tests.conftest import SMALL_DEMO
from tests.demo.tree import add_page_under, wrong_child_counts


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "terms": list(GlossaryTerm.objects.order_by("pk").values_list("pk", "term", "definition")),
        "strings": StringTranslation.objects.count(),
        "sources": list(TranslationSource.objects.values_list("pk", "last_updated_at")),
    }


def test_pages_per_locale(small_demo):
    counts = {code: Page.objects.filter(locale__language_code=code, depth__gt=1).count() for code in ("en", "es", "ar")}
    assert counts == {"en": 13, "es": 4, "ar": 2}
    assert HandbookSectionPage.objects.filter(locale__language_code="en").count() == 3
    assert small_demo.page("1-principles").specific_class is HandbookSectionPage
    assert small_demo.page("spaces").specific_class is HandbookPage
    assert small_demo.page("spaces").get_parent().pk == small_demo.page("principles").pk


def test_the_default_site_serves_the_english_handbook(small_demo):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == small_demo.page("index")
    assert not Page.objects.filter(depth=2).exclude(content_type__model="handbookindexpage").exists()


def test_links_in_bodies_point_at_pages_and_terms(small_demo):
    welcome = small_demo.page("welcome")
    principles = small_demo.page("principles")
    assert f'<a linktype="page" id="{principles.pk}">' in welcome.body[0].value.source
    term = GlossaryTerm.objects.get(slug="bbb-big-blue-button", locale__language_code="en")
    assert f'<a linktype="glossary" id="{term.pk}">' in principles.body[0].value.source


def test_translations_are_wagtail_localize_translations(small_demo):
    spanish = small_demo.page("principles", "es")
    assert spanish.title == "Principios"
    assert "Nos reunimos en salas de" in spanish.body[0].value.source
    assert spanish.body[2].value["data"] == [["Espacio", "Responsable"], ["Salas", "Administradoras"]]
    translation = Translation.objects.get(
        source__object_id=small_demo.page("principles").translation_key, target_locale__language_code="es"
    )
    total, done = translation.get_progress()
    assert total == done > 0


def test_a_translation_is_left_outdated(small_demo):
    source_page = small_demo.page("spaces")
    synced = TranslationSource.objects.get(object_id=source_page.translation_key, locale=source_page.locale)
    assert source_page.last_published_at > synced.last_updated_at
    assert "named steward" in source_page.body[-1].value["text"].source
    assert "named steward" not in str(small_demo.page("spaces", "es").body.raw_data)


def test_running_twice_changes_nothing(small_demo, django_capture_on_commit_callbacks):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        report = DemoLoader(SMALL_DEMO).run()
    assert report.lines() == ["Demo content already present: nothing to do."]
    assert snapshot() == before


def test_members_only_page_is_restricted_to_members(small_demo):
    restrictions = small_demo.page("register-of-members").get_view_restrictions()
    assert [group.name for restriction in restrictions for group in restriction.groups.all()] == ["Members"]


def broken_copy(tmp_path, relative, replace, by):
    folder = tmp_path / "content"
    shutil.copytree(SMALL_DEMO, folder)
    path = folder / relative
    path.write_text(path.read_text(encoding="utf-8").replace(replace, by), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "relative, replace, by, message",
    [
        ("es/pages.toml", "Tiene dos secciones.\n", "Tiene dos secciones.\n\nUn párrafo de más.\n", "has 3 blocks"),
        ("es/pages.toml", "- las socias comparten el trabajo\n", "", "segments do not match|nothing for"),
        ("es/pages.toml", "[pages.1-principles]", "[pages.no-such-page]", "unknown pages"),
        ("en/pages.toml", "(page:principles)", "(page:nowhere)", "unknown page"),
        (
            "ar/pages.toml",
            'title = "الدليل"\n',
            "",
            "index: missing title|parent 'index' is not",
        ),
    ],
)
def test_bad_content_is_rejected_and_changes_nothing(db, tmp_path, relative, replace, by, message):
    folder = broken_copy(tmp_path, relative, replace, by)
    with pytest.raises(DemoContentError, match=message):
        DemoLoader(folder).run()
    assert not HandbookIndexPage.objects.exists()
    assert not GlossaryTerm.objects.exists()


def test_command_reports_bad_content_clearly(db, tmp_path, monkeypatch):
    folder = broken_copy(tmp_path, "en/pages.toml", "(page:principles)", "(page:nowhere)")
    monkeypatch.setattr("cms.demo.loader.CONTENT_DIR", folder)
    monkeypatch.setattr(DemoLoader.__init__, "__defaults__", (folder,))
    with pytest.raises(CommandError, match="nothing was changed: link to unknown page 'nowhere'"):
        call_command("load_demo")


def test_every_page_counts_its_real_children(small_demo):
    """wagtail-localize publishes translations when the transaction commits: a translated parent must not be
    saved then with the child count it had before its children were translated."""
    assert wrong_child_counts() == {}
    assert small_demo.page("principles", "es").numchild == 1
    assert small_demo.page("index", "es").numchild == 1
    assert small_demo.page("index", "ar").numchild == 1


@pytest.mark.parametrize("key, language", [("principles", "es"), ("1-principles", "es"), ("index", "ar")])
def test_a_page_can_be_added_under_a_translated_parent(small_demo, key, language):
    parent = small_demo.page(key, language)
    children_before = parent.get_children().count()
    page = add_page_under(parent, HandbookPage(title="Nueva", slug="nueva", locale=parent.locale))
    page.save_revision().publish()
    assert page.get_parent().pk == parent.pk
    assert parent.get_children().count() == children_before + 1
    assert wrong_child_counts() == {}
