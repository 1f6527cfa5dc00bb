"""The member register in the Wagtail admin: list, filter, search, edit, change status, export as CSV."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton

from portal.members.acceptance_admin import ACCEPTED_HEADINGS, MemberFilterSet, acceptance_columns
from portal.members.forms import MemberForm
from portal.members.models import Member
from portal.members.views.admin_status import StatusView
from portal.nextcloud.admin_views import ProvisionAgainView, ProvisioningColumn


class StatusButtonsMixin:
    def status_url(self, member):
        return reverse("members:status", args=[member.pk])

    def provision_url(self, member):
        return reverse("members:provision", args=[member.pk])


class MemberIndexView(StatusButtonsMixin, generic.IndexView):
    base_filterset_class = MemberFilterSet  # list_filter's fields, and who accepted which version
    template_name = "members/admin/index.html"  # with the bulk actions' footer (portal/nextcloud/bulk_actions.py)

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="member"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        # The id each row's checkbox names as its description.
        return super()._get_title_column(*args, **kwargs, get_title_id=lambda member: f"member_{member.pk}_title")

    def get_base_queryset(self):
        return super().get_base_queryset().for_register()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(ListingButton(_("Status and history"), url=self.status_url(instance), icon_name="history"))
            buttons.append(ListingButton(_("Provision again"), url=self.provision_url(instance), icon_name="repeat"))
        return buttons


class MemberEditView(StatusButtonsMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Status and history"), url=self.status_url(self.object), icon_name="history", priority=5),
            Button(_("Provision again"), url=self.provision_url(self.object), icon_name="repeat", priority=6),
        ]


class MemberViewSet(ModelViewSet):
    model = Member
    name = "members"
    icon = "group"
    menu_label = _("Members")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = MemberIndexView
    edit_view_class = MemberEditView
    list_display = [
        "display_name",
        "email",
        "kind",
        "status",
        "preferred_language",
        *acceptance_columns(),
        Column("joined_on", label=_("Joined on"), sort_key="joined_on"),
        ProvisioningColumn("provisioning_status", label=_("NextCloud"), sort_key="provisioning_status"),
    ]
    list_filter = ["kind", "status", "preferred_language", "provisioning_status"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "user__username"]
    search_backend_name = None
    list_export = [
        "user.username",
        "display_name",
        "email",
        "get_kind_display",
        "get_status_display",
        "preferred_language",
        *ACCEPTED_HEADINGS,
        "joined_on",
        "nextcloud_user_id",
        "get_provisioning_status_display",
    ]
    export_headings = {
        "user.username": _("User name"),
        "display_name": _("Name"),
        "email": _("Email"),
        "get_kind_display": _("Kind"),
        "get_status_display": _("Status"),
        "preferred_language": _("Preferred language"),
        **ACCEPTED_HEADINGS,
        "joined_on": _("Joined on"),
        "nextcloud_user_id": _("NextCloud user id"),
        "get_provisioning_status_display": _("NextCloud provisioning"),
    }
    export_filename = "member-register"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("username"), FieldPanel("first_name"), FieldPanel("last_name"), FieldPanel("email")],
                heading=_("Account"),
            ),
            MultiFieldPanel(
                [FieldPanel("kind"), FieldPanel("preferred_language"), FieldPanel("nextcloud_user_id")],
                heading=_("Membership"),
            ),
            MultiFieldPanel(
                [FieldPanel("provisioning_status", read_only=True), FieldPanel("provisioning_error", read_only=True)],
                heading=_("NextCloud"),
            ),
        ],
        base_form_class=MemberForm,
    )

    @property
    def status_view(self):
        return StatusView.as_view(
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("index"),
            edit_url_name=self.get_url_name("edit"),
        )

    @property
    def provision_view(self):
        return ProvisionAgainView.as_view(
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("index"),
            edit_url_name=self.get_url_name("edit"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<int:pk>/", self.status_view, name="status"),
            path("provision/<int:pk>/", self.provision_view, name="provision"),
        ]


member_viewset = MemberViewSet()
