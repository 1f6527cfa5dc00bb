from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """The member register: members, their status history, groups, tokens and governance acceptances."""

    name = "portal.members"
    label = "members"
    verbose_name = _("Members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.members import signal_handlers

        signal_handlers.connect()
