"""The root GraphQL schema: joins the query and mutation classes of every domain."""

import graphene

from cms.graphql.changes.queries import ChangeQueries
from cms.graphql.content import ContentQueries
from cms.graphql.feedback.mutations import FeedbackMutations
from cms.graphql.glossary.queries import GlossaryQueries
from cms.graphql.governance.queries import GovernanceQueries
from cms.graphql.handbook.queries import HANDBOOK_TYPES, HandbookQueries
from cms.graphql.locales import LocaleQueries
from cms.graphql.mirrors.types import MIRROR_TYPES
from portal.members.graphql.mutations import MemberMutations
from portal.members.graphql.queries import MemberQueries


class Query(
    HandbookQueries,
    ChangeQueries,
    LocaleQueries,
    GlossaryQueries,
    GovernanceQueries,
    ContentQueries,
    MemberQueries,
    graphene.ObjectType,
):
    """Everything a reader's site or a partner can read."""


class Mutation(FeedbackMutations, MemberMutations, graphene.ObjectType):
    """Everything a reader may send: feedback for the translators; members' acceptance of governance documents."""


schema = graphene.Schema(query=Query, mutation=Mutation, types=[*HANDBOOK_TYPES, *MIRROR_TYPES.values()])
