from wagtail import hooks
from wagtail.permissions import register_permission_policy

from portal.federation.models import PartnerRequest, PartnerToken, WebhookDelivery
from portal.federation.viewsets import NoDeletionPolicy, PartnersGroup, ReadOnlyPolicy

# Registered before any admin view asks for the models' policies (Wagtail would otherwise make default ones).
register_permission_policy(PartnerToken, NoDeletionPolicy(PartnerToken))
register_permission_policy(PartnerRequest, ReadOnlyPolicy(PartnerRequest))
register_permission_policy(WebhookDelivery, ReadOnlyPolicy(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_partner_viewsets():
    return PartnersGroup()
