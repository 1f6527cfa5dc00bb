from graphene_django.views import GraphQLView


class PortalGraphQLView(GraphQLView):
    """The content API's endpoint."""
