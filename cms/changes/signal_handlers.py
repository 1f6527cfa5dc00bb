"""Write the change journal from Wagtail's and wagtail-localize's signals; connected in ChangesConfig.ready().

Rows are written when the transaction that made the change commits, in one statement per transaction, so that their
ids follow the order in which changes became visible (see cms/changes/feed.py on why that matters), and a change
that is rolled back leaves no trace. Only pages that have been published at some time are journalled: a draft
nobody could read is nothing for a mirror to add or drop.
"""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import TranslationSource

from cms.cache import bump_content_version
from cms.changes.models import Change, ChangeKind
from cms.changes.signals import changes_journalled

FIELDS = ("pk", "translation_key", "locale_id")


def journal(kind: str, pages, origin=None) -> None:
    """Journal `kind` for these pages (Page instances or (pk, translation_key, locale_id) rows) on commit.

    `origin` names what caused it, so that a second signal for the same cause in one transaction can tell.
    """
    rows = [
        (kind, page.pk, page.translation_key, page.locale_id) if isinstance(page, Page) else (kind, *page)
        for page in pages
    ]
    rows = [row for row in rows if row[3] is not None]  # a page never saved in a language has nothing to journal
    if not rows:
        return
    writer = open_writer()
    if writer is not None:
        writer.rows.extend(rows)
        writer.origins.add(origin)
        return

    def write():
        changes = Change.objects.bulk_create(
            Change(kind=kind, page_id=pk, translation_key=key, locale_id=locale_id)
            for kind, pk, key, locale_id in write.rows
        )
        write.done = True
        # The change itself moved the content version on commit, maybe before this ran: move it again, so that no
        # cached answer of the feed taken in between outlives the new rows.
        bump_content_version()
        changes_journalled.send(sender=Change, changes=changes)

    write.rows = rows
    write.origins = {origin}
    write.done = False
    transaction.on_commit(write, robust=True)


def open_writer():
    """The journal's writer that this transaction will run on commit, when rows journalled now may join it.

    One writer per transaction writes all its rows in one statement (deleting a chapter journals every page below
    it). Rows may join only the last writer, to keep their order, and only one registered within the same
    savepoints, so that rolling back to a savepoint still drops exactly the rows journalled since.
    """
    if not connection.in_atomic_block:
        return None
    for savepoints, func, _robust in reversed(connection.run_on_commit):
        if hasattr(func, "rows"):
            joinable = not func.done and savepoints == set(connection.savepoint_ids)
            return func if joinable else None
    return None


def pending(origin) -> bool:
    """Whether the open transaction will already journal something for `origin` when it commits."""
    return any(
        origin in getattr(func, "origins", ()) and not func.done for _ids, func, _robust in connection.run_on_commit
    )


def journalled(queryset):
    """The pages of a queryset worth journalling: published at some time, below the tree's root."""
    return queryset.filter(first_published_at__isnull=False, depth__gt=1).values_list(*FIELDS)


def published(instance, **kwargs):
    # "Created" is the version's first appearance in the journal. first_published_at cannot tell: a revision
    # saved from a copy of the page loaded before its first publish carries none, and publishing sets it anew.
    known = Change.objects.filter(translation_key=instance.translation_key, locale_id=instance.locale_id).exists()
    journal(ChangeKind.UPDATED if known else ChangeKind.CREATED, [instance])


def unpublished(instance, **kwargs):
    journal(ChangeKind.UNPUBLISHED, [instance])


def moved(instance, url_path_before=None, url_path_after=None, **kwargs):
    pages = Page.objects.filter(pk=instance.pk)
    if url_path_before != url_path_after:  # descendants' paths changed too; a reorder moves the page alone
        pages = Page.objects.filter(path__startswith=instance.path)
    journal(ChangeKind.MOVED, list(journalled(pages)))


def deleted(instance, **kwargs):
    # Sent once per page with sender=Page: a page's row in the Page table goes whatever its specific class.
    if instance.first_published_at is not None and instance.depth > 1:
        journal(ChangeKind.DELETED, [instance])


def restriction_changed(instance, **kwargs):
    """Every language version of the restricted subtree: visibility is worked out across languages."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # deleted along with its page: the pages' deletion is journalled
        return
    roots = Page.objects.filter(translation_key=page.translation_key).values_list("path", flat=True)
    pages = Page.objects.none()
    for path in roots:
        pages |= Page.objects.filter(path__startswith=path)
    journal(ChangeKind.ACCESS_CHANGED, list(journalled(pages)), origin=("restriction", instance.pk))


def restriction_groups_changed(instance, action, **kwargs):
    """A restriction's groups changed: who may see changed, unless the restriction is new in this transaction
    (made, then given its groups) and so journalled already."""
    if action not in ("post_add", "post_remove", "post_clear") or not isinstance(instance, PageViewRestriction):
        return
    if not pending(("restriction", instance.pk)):
        restriction_changed(instance)


def source_synced(instance, created, **kwargs):
    """A synced source changes what the API says of its translations (outdated or not), published or not."""
    if created:
        return
    translations = Page.objects.filter(translation_key=instance.object_id).exclude(locale_id=instance.locale_id)
    journal(ChangeKind.TRANSLATION_UPDATED, list(journalled(translations)))


def register():
    uid = "cms.changes"  # dispatch_uid: a second ready() must not journal twice
    page_published.connect(published, dispatch_uid=uid)
    page_unpublished.connect(unpublished, dispatch_uid=uid)
    post_page_move.connect(moved, dispatch_uid=uid)
    post_delete.connect(deleted, sender=Page, dispatch_uid=uid)
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
    m2m_changed.connect(restriction_groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid=uid)
    post_save.connect(source_synced, sender=TranslationSource, dispatch_uid=uid)
