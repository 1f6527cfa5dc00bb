"""Move the content version on whenever something the content API shows changes (see cms/cache.py)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail_localize.models import StringTranslation, TranslationSource

from cms.cache import bump_content_version
from cms.glossary.models import GlossaryTerm
from cms.governance.models import GovernanceVersion


def content_changed(**_kwargs):
    # After commit: a bump seen before the change is visible would let a reader cache the old content under the
    # new version, where it would stay. Outside a transaction on_commit runs at once.
    transaction.on_commit(bump_content_version)


def page_deleted(instance, **kwargs):
    if isinstance(instance, Page):
        content_changed(**kwargs)


def register():
    """Connect the handlers; called once from HandbookConfig.ready()."""
    uid = "cms.content_version"  # dispatch_uid: connecting twice (a second ready()) must not bump twice
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=uid)
    # Page subclasses are many and each deletion sends the signal for the specific class, so filter by instance.
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}.page")
    for model in (GlossaryTerm, GovernanceVersion, PageViewRestriction):
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
    # Syncing a translation source can change no page yet still change what the API says: whether a translation
    # is outdated. Translated strings change translations before they are republished.
    for model in (TranslationSource, StringTranslation):
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
