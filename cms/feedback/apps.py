from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """What readers tell translators: suggested translations and requests for missing pages."""

    name = "cms.feedback"
    label = "feedback"
    verbose_name = "Readers' feedback"
    default_auto_field = "django.db.models.BigAutoField"
