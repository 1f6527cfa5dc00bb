"""The content version moves on, after commit, with every change the API can show (cms/cache.py, signal_handlers)."""

import pytest
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail_localize.models import StringTranslation, TranslationSource

from cms.cache import CONTENT_VERSION_KEY, bump_content_version, content_version
from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion
from cms.handbook.models import HandbookPage


def test_the_version_starts_at_one_and_moves_on():
    assert content_version() == 1
    assert bump_content_version() == 2
    assert bump_content_version() == 3
    assert content_version() == 3


def test_a_version_set_elsewhere_is_moved_on():
    cache.set(CONTENT_VERSION_KEY, 41, timeout=None)  # as another process sharing Redis would have left it
    assert bump_content_version() == 42


SIGNALS = [
    (page_published, HandbookPage),
    (page_unpublished, HandbookPage),
    (post_page_move, HandbookPage),
    (post_delete, HandbookPage),
    (post_delete, Page),
    (published, GovernanceVersion),
    (unpublished, GovernanceVersion),
    (post_save, GlossaryTerm),
    (post_delete, GlossaryTerm),
    (post_save, GovernanceVersion),
    (post_delete, GovernanceVersion),
    (post_save, PageViewRestriction),
    (post_delete, PageViewRestriction),
    (post_save, TranslationSource),
    (post_save, StringTranslation),
]


@pytest.mark.parametrize(("signal", "sender"), SIGNALS)
def test_every_content_signal_moves_the_version_on_after_commit(db, django_capture_on_commit_callbacks, signal, sender):
    with django_capture_on_commit_callbacks() as callbacks:
        # Robust: other apps' receivers expect a real change and may fail on a bare instance.
        signal.send_robust(sender=sender, instance=sender())
    # Not before commit: a reader could otherwise cache the old content under the new version.
    assert content_version() == 1
    for callback in callbacks:
        callback()
    assert content_version() == 2


def test_unrelated_saves_and_deletes_leave_the_version(django_user_model, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        django_user_model.objects.create_user("someone").delete()
    assert content_version() == 1


def test_a_draft_leaves_the_version(small_demo, django_capture_on_commit_callbacks):
    page = small_demo.page("spaces")
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Draft title"
        page.save_revision()
    assert content_version() == before


def versions_moved(capture_on_commit, change) -> int:
    before = content_version()
    with capture_on_commit(execute=True):
        change()
    return content_version() - before


def test_page_changes_in_the_cms_move_the_version_on(small_demo, django_capture_on_commit_callbacks):
    def moved(change):
        return versions_moved(django_capture_on_commit_callbacks, change)

    spaces, commoning = small_demo.page("spaces"), small_demo.page("commoning")
    assert moved(lambda: spaces.save_revision().publish())
    assert moved(lambda: spaces.move(commoning, pos="last-child"))
    assert moved(lambda: spaces.unpublish())
    assert moved(lambda: Page.objects.get(pk=spaces.pk).delete())
    assert moved(lambda: PageViewRestriction.objects.create(page=commoning, restriction_type="login"))
    assert moved(lambda: PageViewRestriction.objects.get(page=commoning).delete())


def test_snippet_changes_in_the_cms_move_the_version_on(small_demo, django_capture_on_commit_callbacks):
    def moved(change):
        return versions_moved(django_capture_on_commit_callbacks, change)

    term = GlossaryTerm.objects.filter(locale=small_demo.locale("en")).first()
    term.definition = "Changed."
    assert moved(term.save)
    version = GovernanceVersion.objects.filter(locale=small_demo.locale("en")).first()
    assert moved(lambda: version.save_revision().publish())
    assert moved(version.unpublish)
    assert moved(lambda: TranslationSource.objects.first().save())
