""" "Provision again" for the members ticked in the register's listing (the bulk form of ProvisionAgainView)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from portal.members.models import Member
from portal.nextcloud.tasks import enqueue_provisioning


class ProvisionAgainBulkAction(PermissionCheckedMixin, BulkAction):
    display_name = _("Provision again")
    action_type = "provision_again"
    aria_label = _("Provision the selected members in NextCloud again")
    template_name = "nextcloud/admin/provision_again_bulk.html"
    models = [Member]
    permission_required = "change"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Member)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(Member.objects.select_related("user").filter(pk__in=object_ids).order_by("pk"))

    def get_all_objects_in_listing_query(self, parent_id):
        """ "Select all" means every member the listing shows with its search and filters: the listing decides."""
        from portal.members.viewsets import member_viewset

        index = member_viewset.index_view
        listing = index.view_class(**index.view_initkwargs)
        listing.setup(self.request)
        return listing.get_queryset().values_list("pk", flat=True)

    @classmethod
    def execute_action(cls, objects, **kwargs):
        for member in objects:
            enqueue_provisioning(member)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "NextCloud provisioning of %(count)d member is queued.",
            "NextCloud provisioning of %(count)d members is queued.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
