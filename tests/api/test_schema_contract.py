"""The schema is a contract: the committed SDL matches the code, and everything in it is described."""

from pathlib import Path

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, print_schema

from portal.schema import schema

SDL = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_matches_the_code():
    assert SDL.read_text(encoding="utf-8").strip() == print_schema(schema.graphql_schema).strip(), (
        "schema.graphql is out of date: run `make schema` and commit the result"
    )


def test_every_type_field_and_argument_has_a_description():
    missing = []
    for name, graphql_type in schema.graphql_schema.type_map.items():
        if name.startswith("__") or name in {"String", "Boolean", "Int", "Float", "ID", "Date", "DateTime"}:
            continue
        if not graphql_type.description:
            missing.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for argument_name, argument in getattr(field, "args", {}).items():
                    if not argument.description:
                        missing.append(f"{name}.{field_name}({argument_name})")
        if isinstance(graphql_type, GraphQLEnumType):
            missing.extend(f"{name}.{value}" for value, item in graphql_type.values.items() if not item.description)
    assert missing == []
