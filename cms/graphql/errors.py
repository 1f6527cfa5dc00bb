from graphql import GraphQLError


class BadRequest(GraphQLError):
    """Input the API refuses (unknown language, page size over the limit...): answered with HTTP 400."""

    def __init__(self, message: str):
        super().__init__(message, extensions={"code": "BAD_REQUEST"})
