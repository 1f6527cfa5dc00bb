from django.apps import AppConfig


class HandbookConfig(AppConfig):
    name = "cms.handbook"
    label = "handbook"
    verbose_name = "Handbook"
    default_auto_field = "django.db.models.BigAutoField"
