"""Partners in the Wagtail admin: partners, their tokens (whose text is shown once, when made) and the request log."""

from django import forms
from django.contrib import messages
from django.forms import modelform_factory
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from portal.federation.admin_views import RecordActionView, SecretShownOnceCreateView
from portal.federation.models import Partner, PartnerRequest, PartnerToken
from portal.federation.webhooks.viewsets import WebhookDeliveryViewSet, WebhookSubscriptionViewSet


def write_only(label, help_text):
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.PasswordInput(render_value=False)
    )


class PartnerForm(forms.ModelForm):
    """The secrets for mirroring the partner are written, never read back: an empty field keeps the saved one."""

    outbound_token = write_only(
        _("their API token"),
        _("The partner token their portal issued to us, for mirroring their handbook. Leave empty to keep it."),
    )
    inbound_webhook_secret = write_only(
        _("their webhook secret"),
        _("The secret their portal shows when it sets up webhooks to us. Leave empty to keep it."),
    )

    def save(self, commit=True):
        for name in ("outbound_token", "inbound_webhook_secret"):
            if self.cleaned_data.get(name):
                setattr(self.instance, name, self.cleaned_data[name].strip())
        return super().save(commit)


class PullNowView(RecordActionView):
    model = Partner
    index_url_name = "partners:index"

    def act(self, partner) -> str:
        from portal.federation.mirror.tasks import enqueue_pull

        enqueue_pull(partner)
        return gettext("A pull of %(partner)s's handbook is queued; its outcome shows in the list.") % {
            "partner": partner.name
        }


class PartnerIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        can_change = self.permission_policy.user_has_permission(self.request.user, "change")
        if instance.outbound_token_encrypted and instance.is_active and can_change:
            url = reverse("partners:pull", args=[instance.pk])
            buttons.append(ListingButton(_("Pull their handbook now"), url=url, icon_name="resubmit"))
        return buttons


class PartnerViewSet(ModelViewSet):
    model = Partner
    name = "partners"
    icon = "globe"
    menu_label = _("Partners")
    copy_view_enabled = False
    form_fields = [
        "name",
        "slug",
        "base_url",
        "contact_name",
        "contact_email",
        "allowed_origins",
        "is_active",
        "mirror_section",
        "licence",
        "outbound_token",
        "inbound_webhook_secret",
    ]
    list_display = [
        "name",
        "base_url",
        "contact_email",
        "is_active",
        DateColumn("last_pulled_at", label=_("Last pulled at")),
        "last_pull_error",
    ]

    index_view_class = PartnerIndexView

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model, form=PartnerForm, formfield_callback=self.formfield_for_dbfield, fields=self.form_fields
        )

    def get_urlpatterns(self):
        pull = PullNowView.as_view(permission_policy=self.permission_policy)
        return [*super().get_urlpatterns(), path("pull/<int:pk>/", pull, name="pull")]

    list_filter = ["is_active"]
    search_fields = ["name", "slug", "base_url", "contact_name", "contact_email"]
    search_backend_name = None


class NoDeletionPolicy(ModelPermissionPolicy):
    """Tokens are revoked, not deleted: the request log keeps pointing at them."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The request log is written by the API alone."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, "view") or super().user_has_permission(user, "change")


class TokenCreateView(SecretShownOnceCreateView):
    created_template_name = "federation/admin/token_created.html"
    object_context_name = "token"
    secret_context_name = "token_text"  # noqa: S105  (a template variable's name)


class TokenIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse("partner_tokens:revoke", args=[instance.pk])
            buttons.append(ListingButton(_("Revoke"), url=url, icon_name="cross"))
        return buttons


class RevokeTokenView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "change"
    template_name = "federation/admin/confirm_revoke.html"
    page_title = _("Revoke token")
    header_icon = "key"
    permission_policy = None  # given by the viewset

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(PartnerToken.objects.select_related("partner"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def post(self, request, *args, **kwargs):
        self.object.revoke()
        messages.success(request, gettext("The token “%(name)s” is revoked.") % {"name": self.object})
        return redirect("partner_tokens:index")


class PartnerTokenViewSet(ModelViewSet):
    model = PartnerToken
    name = "partner_tokens"
    icon = "key"
    menu_label = _("Partner tokens")
    copy_view_enabled = False
    index_view_class = TokenIndexView
    add_view_class = TokenCreateView
    add_form_fields = ["partner", "name", "scope", "rate_limit"]
    edit_form_fields = ["name", "rate_limit"]  # scope and partner belong to the secret: make a new token instead
    list_display = [
        "name",
        "partner",
        "scope",
        Column("last_four", label=_("Ends with")),
        "rate_limit",
        DateColumn("created_at", label=_("Created at")),
        DateColumn("revoked_at", label=_("Revoked at")),
    ]
    list_filter = ["partner", "scope"]

    def get_form_class(self, for_update=False):
        fields = self.edit_form_fields if for_update else self.add_form_fields
        return modelform_factory(self.model, formfield_callback=self.formfield_for_dbfield, fields=fields)

    @property
    def revoke_view(self):
        return RevokeTokenView.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("revoke/<int:pk>/", self.revoke_view, name="revoke")]


class PartnerRequestViewSet(ModelViewSet):
    model = PartnerRequest
    name = "partner_requests"
    icon = "list-ul"
    menu_label = _("Request log")
    copy_view_enabled = False
    form_fields = ["status"]  # never shown: nobody may add or change an entry
    list_display = [
        DateColumn("at", label=_("Time")),
        "partner",
        Column("token_last_four", label=_("Token ends with")),
        "operation_name",
        "status",
        "duration_ms",
    ]
    list_filter = ["partner", "status"]
    list_per_page = 100


class PartnersGroup(ViewSetGroup):
    menu_label = _("Partners")
    menu_icon = "globe"
    menu_order = 260
    items = (
        PartnerViewSet,
        PartnerTokenViewSet,
        PartnerRequestViewSet,
        WebhookSubscriptionViewSet,
        WebhookDeliveryViewSet,
    )
