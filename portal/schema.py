"""The root GraphQL schema: joins the query classes of every domain."""

import graphene

from cms.graphql.locales import LocaleQueries


class Query(LocaleQueries, graphene.ObjectType):
    """Everything a reader's site or a partner can read."""


schema = graphene.Schema(query=Query)
