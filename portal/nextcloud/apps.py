from django.apps import AppConfig
from django.core.signals import setting_changed


class NextcloudConfig(AppConfig):
    name = "portal.nextcloud"
    label = "nextcloud"
    verbose_name = "NextCloud"

    def ready(self):
        from portal.nextcloud import signal_handlers
        from portal.nextcloud.backends import reset_backend

        setting_changed.connect(reset_backend, dispatch_uid="portal.nextcloud.reset_backend")
        signal_handlers.connect()
