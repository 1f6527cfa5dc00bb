from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cms.governance.models import GovernanceVersion
from cms.translations.permissions import TranslatableSnippetViewSet


class GovernanceVersionViewSet(TranslatableSnippetViewSet):
    model = GovernanceVersion
    icon = "doc-full-inverse"
    menu_label = _("Governance")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["__str__", "effective_date", "locale", "live"]
    list_filter = ["kind", "locale", "live"]


register_snippet(GovernanceVersionViewSet)
