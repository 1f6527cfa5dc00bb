"""Provisioning follows membership: connected in NextcloudConfig.ready()."""

from django.db.models.signals import post_save

from portal.members.signals import member_status_changed

# Edits that change what an active member's NextCloud account should look like (kind: groups and share rights).
PROVISIONED_FIELDS = {"kind", "nextcloud_user_id"}


def status_changed(sender, member, change, **kwargs):
    from portal.nextcloud.tasks import enqueue_provisioning

    enqueue_provisioning(member)


def member_saved(sender, instance, created, update_fields=None, **kwargs):
    """An active member edited in the register (a full save, or one of PROVISIONED_FIELDS) is provisioned again,
    so a new kind, name or email reaches NextCloud. Status changes have their own signal."""
    from portal.members.models import MemberStatus
    from portal.nextcloud.tasks import enqueue_provisioning

    if created or instance.status != MemberStatus.ACTIVE:
        return
    if update_fields is not None and not PROVISIONED_FIELDS & set(update_fields):
        return
    enqueue_provisioning(instance)


def connect():
    from portal.members.models import Member

    member_status_changed.connect(status_changed, sender=Member, dispatch_uid="nextcloud.provision_on_status")
    post_save.connect(member_saved, sender=Member, dispatch_uid="nextcloud.provision_on_edit")
