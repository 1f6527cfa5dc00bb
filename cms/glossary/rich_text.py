"""Rich text links to glossary terms: stored as <a linktype="glossary" id="…">, like page links."""

from django.utils.html import escape
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.rich_text import LinkHandler

ENTITY_TYPE = "GLOSSARY_TERM"


class GlossaryTermLinkHandler(LinkHandler):
    identifier = "glossary"

    @staticmethod
    def get_model():
        from cms.glossary.models import GlossaryTerm

        return GlossaryTerm

    @classmethod
    def expand_db_attributes(cls, attrs):
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        terms = cls.get_many(attrs_list)
        tags = []
        for term in terms:
            if term is None:
                tags.append("<a>")
            else:
                tags.append(
                    f'<a href="#term-{escape(term.slug)}" class="glossary-term" '
                    f'data-glossary-term="{escape(term.slug)}" title="{escape(term.definition)}">'
                )
        return tags


class GlossaryTermElementHandler(LinkElementHandler):
    """Database HTML to the editor's entity."""

    def get_attribute_data(self, attrs):
        from cms.glossary.models import GlossaryTerm

        try:
            term = GlossaryTerm.objects.get(pk=int(attrs["id"]))
        except (KeyError, ValueError, GlossaryTerm.DoesNotExist):
            return {}
        return {"id": term.pk, "label": term.term}


def glossary_term_entity(props):
    """The editor's entity back to database HTML."""
    return DOM.create_element("a", {"linktype": "glossary", "id": props.get("id")}, props["children"])
