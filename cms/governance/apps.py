from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "cms.governance"
    label = "governance"
    verbose_name = "Governance documents"
    default_auto_field = "django.db.models.BigAutoField"
