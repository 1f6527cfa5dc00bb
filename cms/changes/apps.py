from django.apps import AppConfig


class ChangesConfig(AppConfig):
    """The change journal: what happened to which page in which language, read by partners through the API."""

    name = "cms.changes"
    label = "changes"
    verbose_name = "Change journal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.changes import signal_handlers

        signal_handlers.register()
