from wagtail import hooks
from wagtail.permissions import register_permission_policy

from portal.members.models import Member
from portal.members.permissions import MemberPermissionPolicy
from portal.members.viewsets import member_viewset
from portal.nextcloud.bulk_actions import ProvisionAgainBulkAction

register_permission_policy(Member, MemberPermissionPolicy(Member))


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return member_viewset


# Bulk actions are registered as classes: the register's "Provision again" for the members ticked in its listing.
hooks.register("register_bulk_action", ProvisionAgainBulkAction)
