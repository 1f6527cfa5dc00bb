"""The register's NextCloud bits: the provisioning column and the "provision again" screen (MemberViewSet)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column

from portal.members.views.admin_status import MemberScreen
from portal.nextcloud.tasks import enqueue_provisioning


class ProvisioningColumn(Column):
    """The member's provisioning status, with the last error under it."""

    cell_template_name = "nextcloud/admin/provisioning_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            status=instance.provisioning_status,
            label=instance.get_provisioning_status_display(),
            error=instance.provisioning_error,
        )
        return context


class ProvisionAgainView(MemberScreen, TemplateView):
    """Queue the member's provisioning now (after a failure, or to bring NextCloud back in line by hand)."""

    template_name = "nextcloud/admin/provision_again.html"
    http_method_names = ["get", "post"]

    def get_page_title(self):
        return _("Provision again")

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, cancel_url=self.edit_url(), **kwargs)

    def post(self, request, pk):
        enqueue_provisioning(self.member)
        messages.success(request, _("NextCloud provisioning of “%(member)s” is queued.") % {"member": self.member})
        return redirect(self.edit_url())
