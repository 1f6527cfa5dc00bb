from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.snippets.models import register_snippet

from cms.glossary.models import GlossaryTerm
from cms.glossary.rich_text import (
    ENTITY_TYPE,
    GlossaryTermElementHandler,
    GlossaryTermLinkHandler,
    glossary_term_entity,
)
from cms.translations.permissions import TranslatableSnippetViewSet


class GlossaryTermViewSet(TranslatableSnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = _("Glossary")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["term", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["term", "definition"]


register_snippet(GlossaryTermViewSet)


@hooks.register("register_rich_text_features")
def register_glossary_term_feature(features):
    features.register_link_type(GlossaryTermLinkHandler)
    features.register_editor_plugin(
        "draftail",
        "glossary-term",
        draftail_features.EntityFeature(
            {
                "type": ENTITY_TYPE,
                "icon": "doc-full",
                "description": _("Glossary term"),  # lazy: the toolbar is built in each editor's language
                "chooserUrls": {"glossaryTermChooser": reverse("wagtailsnippetchoosers_glossary_glossaryterm:choose")},
            },
            js=["wagtailadmin/js/chooser-modal.js", "glossary/glossary-term-entity.js"],
            css={"all": ["glossary/glossary-term-entity.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        "glossary-term",
        {
            "from_database_format": {'a[linktype="glossary"]': GlossaryTermElementHandler(ENTITY_TYPE)},
            "to_database_format": {"entity_decorators": {ENTITY_TYPE: glossary_term_entity}},
        },
    )
