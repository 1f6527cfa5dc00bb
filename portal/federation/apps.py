from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    """Partner co-ops: their records, API tokens with scopes, rate limits, browser origins and request log."""

    name = "portal.federation"
    label = "federation"
    verbose_name = _("Partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.federation import signal_handlers
        from portal.federation.mirror import signal_handlers as mirror_signal_handlers
        from portal.federation.webhooks import dispatch

        signal_handlers.connect()
        dispatch.connect()
        mirror_signal_handlers.connect()
