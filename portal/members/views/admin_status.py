"""The register's status screen: a member's dated history and the form that changes their status with a note."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.members.forms import StatusChangeForm
from portal.members.models import Member


class MemberScreen(WagtailAdminTemplateMixin):
    """An admin screen about one member, for those who may change members, below the member in the breadcrumbs."""

    header_icon = "group"
    # Set by MemberViewSet.
    permission_policy = None
    index_url_name = None
    edit_url_name = None

    def dispatch(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.member = get_object_or_404(Member.objects.select_related("user"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.member)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.index_url(), "label": _("Members")},
            {"url": self.edit_url(), "label": str(self.member)},
            {"url": "", "label": self.get_page_title()},
        ]

    def index_url(self):
        return reverse(self.index_url_name)

    def edit_url(self):
        return reverse(self.edit_url_name, args=[self.member.pk])


class StatusView(MemberScreen, FormView):
    template_name = "members/admin/status.html"
    form_class = StatusChangeForm

    def get_page_title(self):
        return _("Status and history")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "member": self.member}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            member=self.member,
            history=self.member.status_changes.select_related("by"),
            acceptances=self.member.acceptances.all(),
            action_url=self.request.path,
            submit_button_label=_("Change status"),
            submit_button_active_label=_("Changing status…"),
            **kwargs,
        )

    def form_valid(self, form):
        change = self.member.change_status(
            form.cleaned_data["status"], by=self.request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            self.request,
            _("%(member)s is now %(status)s.") % {"member": self.member, "status": change.get_to_status_display()},
        )
        return redirect(self.request.path)
