"""Side effects of partner records, connected in FederationConfig.ready()."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete


def partner_deleted(sender, instance, **kwargs):
    """A deleted partner's service account goes too: it is in the Members group and nobody else uses it."""
    if instance.service_user_id is not None:
        get_user_model().objects.filter(pk=instance.service_user_id).delete()


def connect():
    from portal.federation.models import Partner

    post_delete.connect(partner_deleted, sender=Partner, dispatch_uid="federation.partner_deleted")
