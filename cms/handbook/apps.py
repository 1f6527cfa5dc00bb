from django.apps import AppConfig


class HandbookConfig(AppConfig):
    name = "cms.handbook"
    label = "handbook"
    verbose_name = "Handbook"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: the handlers import models, which the app registry only allows once it is ready.
        from cms import signal_handlers

        signal_handlers.register()
