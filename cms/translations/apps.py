from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """Translators' tools on top of wagtail-localize: dashboard, whole-language PO files, permissions, glossary."""

    name = "cms.translations"
    label = "translations"
    verbose_name = "Translations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import models, which the app registry allows only once it is ready.
        from cms.glossary.models import GlossaryTerm
        from cms.governance.models import GovernanceVersion
        from cms.translations import localize_permissions, translator_groups
        from cms.translations.permissions import register_policies

        # Before the snippet viewsets register (wagtail_hooks), which would otherwise install model-only policies.
        register_policies(GlossaryTerm, GovernanceVersion)
        localize_permissions.install()
        translator_groups.connect()
