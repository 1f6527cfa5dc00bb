"""The root GraphQL schema: joins the query classes of every domain."""

import graphene

from cms.graphql.content import ContentQueries
from cms.graphql.glossary.queries import GlossaryQueries
from cms.graphql.governance.queries import GovernanceQueries
from cms.graphql.handbook.queries import HANDBOOK_TYPES, HandbookQueries
from cms.graphql.locales import LocaleQueries


class Query(HandbookQueries, LocaleQueries, GlossaryQueries, GovernanceQueries, ContentQueries, graphene.ObjectType):
    """Everything a reader's site or a partner can read."""


schema = graphene.Schema(query=Query, types=HANDBOOK_TYPES)
