"""The partners' guide shows queries that the schema accepts."""

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from portal.schema import schema

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "partners.md"


def documents() -> list[str]:
    text = GUIDE.read_text()
    blocks = re.findall(r"```graphql\n(.*?)```", text, re.S)
    python = re.findall(r"```python\n(.*?)```", text, re.S)
    strings = [match for code in python for match in re.findall(r'"""(query .*?)"""', code, re.S)]
    return blocks + strings


def test_the_guide_has_its_examples():
    assert len(documents()) == 6


@pytest.mark.parametrize("document", documents())
def test_every_example_is_valid_against_the_schema(document):
    assert validate(schema.graphql_schema, parse(document)) == []
