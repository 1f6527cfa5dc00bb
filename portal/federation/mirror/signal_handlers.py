"""A deleted partner's mirror goes with it; connected in FederationConfig.ready()."""

from django.db.models.signals import pre_delete


def partner_deleted(sender, instance, **kwargs):
    from portal.federation.mirror.store import drop_partner

    drop_partner(instance)


def connect():
    from portal.federation.models import Partner

    pre_delete.connect(partner_deleted, sender=Partner, dispatch_uid="federation.mirror.partner_deleted")
