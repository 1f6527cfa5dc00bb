"""Webhook subscriptions (secret shown once, resumable when paused) and the delivery log in the admin."""

from django.forms import modelform_factory
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from portal.federation.admin_views import RecordActionView, SecretShownOnceCreateView
from portal.federation.webhooks.models import WebhookDelivery, WebhookSubscription


class SubscriptionCreateView(SecretShownOnceCreateView):
    created_template_name = "federation/admin/webhook_created.html"
    object_context_name = "subscription"


class SubscriptionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_active and self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse("webhook_subscriptions:resume", args=[instance.pk])
            buttons.append(ListingButton(_("Resume"), url=url, icon_name="resubmit"))
        return buttons


class ResumeView(RecordActionView):
    model = WebhookSubscription
    index_url_name = "webhook_subscriptions:index"

    def act(self, subscription) -> str:
        subscription.resume()
        return gettext("Webhooks to %(url)s are sent again.") % {"url": subscription.url}


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    name = "webhook_subscriptions"
    icon = "link"
    menu_label = _("Webhooks")
    copy_view_enabled = False
    index_view_class = SubscriptionIndexView
    add_view_class = SubscriptionCreateView
    add_form_fields = ["partner", "url", "events", "languages"]
    edit_form_fields = ["url", "events", "languages", "status"]
    list_display = [
        "url",
        "partner",
        "events",
        "languages",
        "status",
        Column("consecutive_failures", label=_("Failures in a row")),
        Column("paused_reason", label=_("Paused because")),
    ]
    list_filter = ["partner", "status"]

    def get_form_class(self, for_update=False):
        fields = self.edit_form_fields if for_update else self.add_form_fields
        return modelform_factory(self.model, formfield_callback=self.formfield_for_dbfield, fields=fields)

    @property
    def resume_view(self):
        return ResumeView.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("resume/<int:pk>/", self.resume_view, name="resume")]


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    name = "webhook_deliveries"
    icon = "list-ul"
    menu_label = _("Webhook deliveries")
    copy_view_enabled = False
    form_fields = ["status"]  # never shown: the log is written by the task alone
    list_display = [
        DateColumn("created_at", label=_("Created at")),
        "subscription",
        "event",
        "status",
        "attempts",
        "response_code",
        "error",
        DateColumn("next_attempt_at", label=_("Next attempt")),
    ]
    list_filter = ["status", "event", "subscription__partner"]
    list_per_page = 100

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("subscription__partner")
