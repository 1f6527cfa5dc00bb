import graphene
from graphql import GraphQLError


class BadRequest(GraphQLError):
    """Input the API refuses (unknown language, page size over the limit...): answered with HTTP 400."""

    def __init__(self, message: str):
        super().__init__(message, extensions={"code": "BAD_REQUEST"})


def mutation_error_type(name: str, code_enum, *, about: str, example_argument: str) -> type:
    """The error type of a mutation's payload: the same three fields for every mutation, its own codes.

    Mutations answer bad input with `ok: false` and a list of these (not GraphQL errors), so forms can show each
    message beside its field.
    """
    return type(
        name,
        (graphene.ObjectType,),
        {
            "__doc__": about,
            "field": graphene.String(
                description=f"The argument it is about, e.g. `{example_argument}`; null when about the whole request."
            ),
            "message": graphene.String(
                required=True, description="What is wrong, for people, in the request's language."
            ),
            "code": graphene.Field(code_enum, required=True, description="What is wrong, for programs."),
        },
    )
