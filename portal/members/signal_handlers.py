"""Side effects of saving members, connected in MembersConfig.ready()."""

from django.db.models.signals import post_save
from wagtail.models import ReferenceIndex

from portal.members.groups import sync_groups
from portal.members.leaving import member_left
from portal.members.signals import member_status_changed

GROUP_FIELDS = {"kind", "status"}


def member_saved(sender, instance, created, update_fields=None, **kwargs):
    """Groups follow kind and status, whether they change through change_status() or an edit in the admin."""
    if update_fields is not None and not GROUP_FIELDS & set(update_fields):
        return
    sync_groups(instance)


def connect():
    from portal.members.models import Acceptance, Member

    post_save.connect(member_saved, sender=Member, dispatch_uid="members.sync_groups")
    # Wagtail's delete views consult the reference index: a governance version members accepted is then shown
    # as in use and cannot be deleted (its foreign key protects it) instead of failing.
    ReferenceIndex.register_model(Acceptance)
    member_status_changed.connect(member_left, sender=Member, dispatch_uid="members.anonymise_on_leaving")
