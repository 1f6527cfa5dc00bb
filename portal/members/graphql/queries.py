import graphene

from portal.members.graphql.types import ViewerType


class MemberQueries(graphene.ObjectType):
    viewer = graphene.Field(
        ViewerType,
        description="Who is asking: the signed-in person or the holder of a personal API token; null when anonymous.",
    )

    def resolve_viewer(root, info):
        user = getattr(info.context, "user", None)
        return user if user is not None and user.is_authenticated else None
