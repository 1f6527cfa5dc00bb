import graphene

from cms.graphql.context import require_locale
from cms.graphql.governance import resolvers
from cms.graphql.governance.types import GovernanceDocumentKind, GovernanceDocumentType


class GovernanceQueries(graphene.ObjectType):
    governance_document = graphene.Field(
        GovernanceDocumentType,
        kind=GovernanceDocumentKind(required=True, description="Which document."),
        locale=graphene.String(required=True, description="Language code."),
        description="A governance document in that language or its fallbacks; null when no version is in force.",
    )

    def resolve_governance_document(root, info, kind, locale):
        return resolvers.document(getattr(kind, "value", kind), require_locale(locale))
