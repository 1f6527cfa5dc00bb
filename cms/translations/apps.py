from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """Translators' tools on top of wagtail-localize: dashboard, whole-language PO files, permissions, glossary."""

    name = "cms.translations"
    label = "translations"
    verbose_name = "Translations"
    default_auto_field = "django.db.models.BigAutoField"
