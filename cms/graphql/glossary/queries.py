import graphene

from cms.graphql.context import require_locale
from cms.graphql.glossary.resolvers import glossary
from cms.graphql.glossary.types import GlossaryTermType


class GlossaryQueries(graphene.ObjectType):
    glossary = graphene.List(
        graphene.NonNull(GlossaryTermType),
        required=True,
        locale=graphene.String(required=True, description="Language code."),
        description="Every glossary term, in that language or its fallbacks, sorted by term in the served language.",
    )
    term = graphene.Field(
        GlossaryTermType,
        locale=graphene.String(required=True, description="Language code."),
        slug=graphene.String(required=True, description="The term's slug (the same in every language)."),
        description="One glossary term, in that language or its fallbacks; null if there is none.",
    )

    def resolve_glossary(root, info, locale):
        return glossary(info, require_locale(locale)).all()

    def resolve_term(root, info, locale, slug):
        return glossary(info, require_locale(locale)).by_slug(slug)
