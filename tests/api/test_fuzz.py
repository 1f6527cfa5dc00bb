"""Property-based fuzzing of the whole schema as an anonymous client (hypothesis-graphql).

Every query and mutation the schema allows, with arguments hypothesis makes up, and documents with one schema
violation each, are sent to the endpoint over the small demo handbook, which holds two canaries: a draft that was
never published and a page only signed-in readers may see. No answer may be a server error, name an internal
failure, or carry either canary. The runs are derandomised and bounded, so CI sees the same examples every time.

Made-up strings would nearly always be refused (an unknown locale or cursor refuses the whole request), so the
generated documents are given arguments a client could send: each argument named below takes one of a few real
values, picked by the length or value hypothesis made up, so shrinking still works. The paths, words and ids include
the canary pages' own.
"""

import base64
import json

import pytest
from graphql import (
    REMOVE,
    ArgumentNode,
    IntValueNode,
    NameNode,
    NullValueNode,
    StringValueNode,
    Visitor,
    print_ast,
    visit,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries
from wagtail.models import PageViewRestriction

from cms.handbook.models import HandbookPage
from portal.api.view import INTERNAL_ERROR
from portal.schema import schema
from tests.factories import add_page, paragraph

DRAFT_CANARY = "zqxdraftcanary"
MEMBERS_CANARY = "zqxmemberscanary"
GRAPHQL_SCHEMA = schema.graphql_schema
SECRET_PATH = f"/1-principles/principles/members-{MEMBERS_CANARY}/"
DRAFT_PATH = f"/1-principles/principles/{DRAFT_CANARY}/"
PLAUSIBLE = {
    "locale": ["en", "es", "fr", "de", "ar"],
    "path": ["/", "/welcome/", "/1-principles/principles/spaces/", SECRET_PATH, DRAFT_PATH, None],
    "query": ["space", "members", "principles", MEMBERS_CANARY, DRAFT_CANARY, None],
    "slug": ["bbb-big-blue-button", None],
}


def copy(node, **changes):
    return node.__class__(**{**{key: getattr(node, key) for key in node.keys}, **changes})


def cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


class Plausible(Visitor):
    """Gives arguments values a reader's site or a partner might send (None keeps hypothesis' own)."""

    def enter_field(self, node, *_args):
        # `page` takes a path or an id, exactly one (both or neither is refused, and tested elsewhere).
        if node.name.value != "page" or not node.arguments:
            return None
        given = {
            argument.name.value: argument
            for argument in node.arguments or ()
            if not isinstance(argument.value, NullValueNode)
        }
        if "locale" not in given:
            return None  # a document with a missing locale (Mode.NEGATIVE) stays as it is
        keep = "path" if "path" in given or "id" not in given else "id"
        arguments = [given["locale"]]
        if keep in given:
            arguments.append(given[keep])
        else:
            arguments.append(ArgumentNode(name=NameNode(value="path"), value=StringValueNode(value="/welcome/")))
        return copy(node, arguments=tuple(arguments))

    def enter_argument(self, node, *_args):
        name, value = node.name.value, node.value
        if isinstance(value, StringValueNode) and name in PLAUSIBLE:
            options = PLAUSIBLE[name]
            choice = options[len(value.value) % len(options)]
            return None if choice is None else copy(node, value=StringValueNode(value=choice))
        if isinstance(value, StringValueNode) and name in ("id", "pageId"):
            return copy(node, value=StringValueNode(value=str(len(value.value) * 7 % 90)))
        if isinstance(value, StringValueNode) and name == "after":
            return copy(node, value=StringValueNode(value=cursor(len(value.value))))
        if isinstance(value, StringValueNode) and name == "since":
            return REMOVE  # the change feed's cursors are its own; from the start, then
        if isinstance(value, IntValueNode) and name == "first":
            return copy(node, value=IntValueNode(value=str(abs(int(value.value)) % 101)))
        return None


def plausible(document) -> str:
    return print_ast(visit(document, Plausible()))


FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def canaries(small_demo):
    """The demo with a members-only page and drafts (a new page and an unpublished edit) holding canary strings."""
    principles = small_demo.page("principles")
    secret = add_page(
        principles,
        f"Members {MEMBERS_CANARY}",
        body=[paragraph(f"<p>space glossary {MEMBERS_CANARY}</p>")],
        keywords=MEMBERS_CANARY,
    )
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    draft = HandbookPage(title=f"Draft {DRAFT_CANARY}", slug=DRAFT_CANARY, summary=DRAFT_CANARY, live=False)
    principles.add_child(instance=draft)
    draft.save_revision()
    spaces = small_demo.page("spaces")
    spaces.title = f"Spaces {DRAFT_CANARY}"
    spaces.body = [paragraph(f"<p>space {DRAFT_CANARY}</p>")]
    spaces.save_revision()
    return small_demo


def check(response):
    assert response.status_code < 500, response.content[:2000]
    body = response.content.decode().lower()
    assert DRAFT_CANARY not in body
    assert MEMBERS_CANARY not in body
    if response["Content-Type"] == "application/json":
        messages = [error["message"] for error in json.loads(body).get("errors", [])]
        assert INTERNAL_ERROR.lower() not in messages, messages


def test_the_canaries_are_there_to_be_found(canaries, client, member):
    """Without this, a fuzz run that never reached the canaries would pass for the wrong reason."""
    search = 'query($q: String!) { search(locale: "en", query: $q) { results { page { title } excerpt } } }'
    post = lambda c: c.post(  # noqa: E731
        "/graphql/", json.dumps({"query": search, "variables": {"q": "space"}}), content_type="application/json"
    )
    assert MEMBERS_CANARY not in post(client).content.decode()
    client.force_login(member)
    assert MEMBERS_CANARY in post(client).content.decode()
    assert DRAFT_CANARY not in post(client).content.decode()


@FUZZ
@given(
    document=st.one_of(
        queries(GRAPHQL_SCHEMA, print_ast=plausible),
        queries(GRAPHQL_SCHEMA, print_ast=plausible, mode=Mode.NEGATIVE),
        queries(GRAPHQL_SCHEMA),
    )
)
def test_any_query_is_answered_without_a_server_error_or_a_canary(canaries, client, document):
    check(client.post("/graphql/", json.dumps({"query": document}), content_type="application/json"))


@FUZZ
@given(document=queries(GRAPHQL_SCHEMA, print_ast=plausible))
def test_any_query_over_get_is_answered_without_a_server_error_or_a_canary(canaries, client, document):
    check(client.get("/graphql/", {"query": document}))


@settings(FUZZ, max_examples=60)
@given(
    document=st.one_of(
        mutations(GRAPHQL_SCHEMA, print_ast=plausible),
        mutations(GRAPHQL_SCHEMA, print_ast=plausible, mode=Mode.NEGATIVE),
    )
)
def test_any_mutation_is_answered_without_a_server_error_or_a_canary(canaries, client, document):
    check(client.post("/graphql/", json.dumps({"query": document}), content_type="application/json"))
