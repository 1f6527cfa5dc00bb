from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MirrorsConfig(AppConfig):
    """Read-only copies of partner co-ops' handbooks, kept by portal/federation/mirror under each language's
    "Partners" section."""

    name = "cms.mirrors"
    label = "mirrors"
    verbose_name = _("Mirrored partner handbooks")
    default_auto_field = "django.db.models.BigAutoField"
