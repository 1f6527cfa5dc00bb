"""GraphQL types of mirrored partner pages: pages of the handbook like the others, plus where they come from."""

import graphene

from cms.graphql.blocks import ParagraphBlock
from cms.graphql.handbook.types import PageInterface


class MirrorProvenance(graphene.ObjectType):
    """Where a mirrored page comes from, and under which terms."""

    partner_name = graphene.String(required=True, description="The partner co-op whose page this is.")
    partner_url = graphene.String(required=True, description="The base URL of the partner's portal.")
    source_url = graphene.String(required=True, description="The page's address on the partner's site.")
    source_translation_key = graphene.String(
        required=True, description="The page's translation key on the partner's side (with `sourceLocale`: its id)."
    )
    source_locale = graphene.String(required=True, description="The language of the partner's version copied.")
    source_last_published_at = graphene.DateTime(description="When the partner last published it.")
    licence = graphene.String(description="The licence the partner shares it under; null when not stated.")
    last_synced_at = graphene.DateTime(required=True, description="When we last copied it from the partner.")


class MirroredPageType(graphene.ObjectType):
    """A page of a partner co-op's handbook, mirrored read-only below the Partners section."""

    class Meta:
        name = "MirroredPage"
        interfaces = (PageInterface,)

    provenance = graphene.Field(MirrorProvenance, required=True, description="Where the page comes from.")

    def resolve_body(view, info):
        # The partner's content is kept as one piece of sanitised HTML.
        return [ParagraphBlock(id=f"mirror-{view.page.pk}", html=view.page.body_html)] if view.page.body_html else []

    def resolve_provenance(view, info):
        page = view.page
        return MirrorProvenance(
            partner_name=page.partner.name if page.partner else "",
            partner_url=page.partner.base_url if page.partner else "",
            source_url=page.source_url,
            source_translation_key=str(page.source_translation_key),
            source_locale=page.source_locale,
            source_last_published_at=page.source_last_published_at,
            licence=page.licence or None,
            last_synced_at=page.last_synced_at,
        )


class PartnersPageType(graphene.ObjectType):
    """The Partners section of a language's handbook: partners' mirrored handbooks are its children."""

    class Meta:
        name = "PartnersPage"
        interfaces = (PageInterface,)

    def resolve_body(view, info):
        return []


MIRROR_TYPES = {"MirroredPage": MirroredPageType, "PartnersPage": PartnersPageType}
