"""Limits on the shape of a GraphQL document, checked with the spec's own validation rules before execution.

graphene ships `depth_limit_validator`, but it does not count introspection fields (`__schema`, `__type`), which
would leave the deepest documents of all unlimited, and it raises (an HTTP 500) on a spread of an unknown fragment
or a fragment cycle. These rules leave those mistakes to the spec's rules and only measure.

Both measures follow fragment spreads wherever they are used, so a fragment spread twice counts twice: that is
what execution costs. Each fragment is measured once and remembered, so a small document whose fragments spread
each other cannot make the measuring itself slow.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.conf import settings
from graphql import GraphQLError, GraphQLSchema, parse, specified_rules, validate
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
)
from graphql.validation import ValidationRule


class DocumentMeasure:
    """Folds a value over the fields of an operation, through inline fragments and fragment spreads.

    `field_value(field, inner)` gives a field's value from the value of its own selection set (0 for a leaf);
    `combine` joins the values of the selections of one selection set (max for depth, sum for counts).
    """

    def __init__(
        self,
        document: DocumentNode,
        field_value: Callable[[FieldNode, int], int],
        combine: Callable[[Iterable[int]], int],
    ):
        self.fragments = {
            node.name.value: node for node in document.definitions if isinstance(node, FragmentDefinitionNode)
        }
        self.field_value = field_value
        self.combine = combine
        self.measured: dict[str, int] = {}
        self.measuring: set[str] = set()

    def of(self, selection_set: SelectionSetNode | None) -> int:
        if selection_set is None:
            return 0
        return self.combine(self.of_selection(selection) for selection in selection_set.selections)

    def of_selection(self, selection) -> int:
        if isinstance(selection, FieldNode):
            return self.field_value(selection, self.of(selection.selection_set))
        if isinstance(selection, FragmentSpreadNode):
            return self.of_fragment(selection.name.value)
        return self.of(selection.selection_set)  # an inline fragment

    def of_fragment(self, name: str) -> int:
        # Unknown fragments and cycles count as nothing here: the spec's rules reject those documents anyway.
        if name in self.measured:
            return self.measured[name]
        if name not in self.fragments or name in self.measuring:
            return 0
        self.measuring.add(name)
        self.measured[name] = self.of(self.fragments[name].selection_set)
        self.measuring.discard(name)
        return self.measured[name]


def operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]


def query_depth(document: DocumentNode) -> int:
    """How deep selection sets nest below the root fields, counted as graphene's depth limit does.

    `{ locales { code } }` has depth 1. Introspection fields count like any other.
    """
    measure = DocumentMeasure(document, lambda field, inner: inner + 1 if field.selection_set else 0, max)
    return max((measure.of(operation.selection_set) for operation in operations(document)), default=0)


def alias_count(document: DocumentNode) -> int:
    """Aliased fields the document's operations would execute (aliases in a fragment count at every spread)."""
    measure = DocumentMeasure(document, lambda field, inner: inner + (1 if field.alias else 0), sum)
    return sum(measure.of(operation.selection_set) for operation in operations(document))


class MaxDepthRule(ValidationRule):
    def enter_document(self, node: DocumentNode, *_args):
        limit = settings.PORTAL_API_MAX_DEPTH
        depth = query_depth(node)
        if depth > limit:
            self.report_error(GraphQLError(f"The query nests fields {depth} levels deep; the limit is {limit}."))


class MaxAliasesRule(ValidationRule):
    def enter_document(self, node: DocumentNode, *_args):
        limit = settings.PORTAL_API_MAX_ALIASES
        count = alias_count(node)
        if count > limit:
            self.report_error(GraphQLError(f"The query uses {count} aliases; the limit is {limit}."))


class NoNulInStringsRule(ValidationRule):
    """A string written "\\u0000" in the document parses to a NUL character, which PostgreSQL can neither store nor
    compare: refused here, on every database alike (variables are checked in the view)."""

    def enter_string_value(self, node: StringValueNode, *_args):
        if "\x00" in node.value:
            self.report_error(GraphQLError("Strings may not contain the NUL character (\\u0000).", node))


# Passing rules to graphql-core replaces its defaults, so the spec's rules come first.
VALIDATION_RULES = (*specified_rules, MaxDepthRule, MaxAliasesRule, NoNulInStringsRule)


# The spec's rule that fields of one name can be merged compares every pair of them, and the pairs of their sub-fields
# in turn: a document that repeats a field within repeated fields makes it work exponentially (2 repeats at each of 9
# levels, 10 KB, cost seconds). Documents needing more comparisons than this are refused before validation; the
# readers' sites' documents need fewer than a hundred.
MAX_FIELD_COMPARISONS = 2000


def field_comparisons(document: DocumentNode) -> int:
    """How many pairs of same-named fields the merge rule would compare, estimated in one pass over the document.

    Fields are grouped by response name through inline fragments, as the rule groups them, and the sub-fields of a
    group are grouped together again. Named fragments are counted once each: the rule compares a pair of fragments
    once, however often they are spread.
    """
    total = 0
    pending = [
        [definition.selection_set]
        for definition in document.definitions
        if getattr(definition, "selection_set", None) is not None
    ]
    while pending:
        groups: dict[str, list[FieldNode]] = defaultdict(list)
        selections = [selection for selection_set in pending.pop() for selection in selection_set.selections]
        while selections:
            selection = selections.pop()
            if isinstance(selection, FieldNode):
                groups[(selection.alias or selection.name).value].append(selection)
            elif isinstance(selection, InlineFragmentNode):
                selections.extend(selection.selection_set.selections)
        for fields in groups.values():
            total += len(fields) * (len(fields) - 1) // 2
            children = [field.selection_set for field in fields if field.selection_set is not None]
            if children:
                pending.append(children)
        if total > MAX_FIELD_COMPARISONS:
            break  # enough to refuse; no need to count the rest
    return total


@lru_cache(maxsize=512)
def _checked(query: str, max_depth: int, max_aliases: int, schema: GraphQLSchema):
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, (error,)
    if field_comparisons(document) > MAX_FIELD_COMPARISONS:
        message = "The query repeats fields too often (within repeated fields); select each field once."
        return None, (GraphQLError(message),)
    return document, tuple(validate(schema, document, VALIDATION_RULES))


def checked_document(query: str, schema: GraphQLSchema):
    """Parse and validate a document once per process: readers' sites send the same few documents again and again,
    and validation is over half the work of an uncached answer. The limits are part of the key, so changing them
    (in tests, or on a restart) is never answered from an old verdict."""
    return _checked(query, settings.PORTAL_API_MAX_DEPTH, settings.PORTAL_API_MAX_ALIASES, schema)
