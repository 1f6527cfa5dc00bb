"""GraphQL types of the glossary."""

import graphene


class GlossaryTermType(graphene.ObjectType):
    """A glossary term in the reader's language, or in the first fallback language that has it."""

    class Meta:
        name = "GlossaryTerm"

    slug = graphene.String(required=True, description="The term's slug: the same in every language.")
    term = graphene.String(required=True, description="The term in the served language.")
    definition = graphene.String(required=True, description="What the term means, in the served language.")
    locale = graphene.String(required=True, description="Language the term is served in.")
    is_fallback = graphene.Boolean(
        required=True, description="True when the term is missing in the requested language and served from a fallback."
    )
    translation_key = graphene.String(required=True, description="The same for every language version of the term.")
    related = graphene.List(
        graphene.NonNull(lambda: GlossaryTermType),
        required=True,
        description="Related terms, each served in the best language available, sorted by term.",
    )

    def resolve_slug(served, info):
        return served.term.slug

    def resolve_term(served, info):
        return served.term.term

    def resolve_definition(served, info):
        return served.term.definition

    def resolve_locale(served, info):
        return served.locale

    def resolve_is_fallback(served, info):
        return served.is_fallback

    def resolve_translation_key(served, info):
        return str(served.term.translation_key)

    def resolve_related(served, info):
        return served.related()
