from django.apps import AppConfig
from django.core.signals import setting_changed


class FrontendsConfig(AppConfig):
    name = "frontends"
    verbose_name = "Readers' sites"

    def ready(self):
        from frontends import checks  # noqa: F401 (registers the checks)
        from frontends.transport import reset_transport

        setting_changed.connect(reset_transport, dispatch_uid="frontends.reset_transport")
