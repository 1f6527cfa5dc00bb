"""Personal API tokens: shown once, stored hashed, revocable; a bearer token reads the API as its member."""

import json

import pytest

from portal.members.models import MemberStatus, PersonalToken
from tests.frontends.helpers import parse

REGISTER_PATH = "/2-political-economy/political-economy/register-of-members/"
PAGE = 'query($path: String!) { page(locale: "en", path: $path) { title } }'
VIEWER = "{ viewer { displayName member { status } } }"
REFUSED = "The API token is unknown or has been revoked."
MALFORMED = "The Authorization header must read `Bearer <token>`."


def post(client, query, token=None, authorization=None, variables=None):
    headers = {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if authorization is not None:
        headers["Authorization"] = authorization
    body = json.dumps({"query": query, "variables": variables or {}})
    return client.post("/graphql/", body, content_type="application/json", headers=headers)


@pytest.fixture
def ana(make_member):
    return make_member("ana", first_name="Ana")


def test_a_bearer_token_reads_the_api_as_its_member(small_demo, client, ana, django_assert_max_num_queries):
    _record, token = PersonalToken.issue(ana, "Script")
    response = post(client, VIEWER, token)
    assert response.status_code == 200
    assert response.json()["data"]["viewer"] == {"displayName": "Ana", "member": {"status": "ACTIVE"}}
    assert response["Cache-Control"] == "private, no-store"

    page = post(client, PAGE, token, variables={"path": REGISTER_PATH}).json()["data"]["page"]
    assert page == {"title": "Register of members"}
    # Checking the token costs one query (and "last used" is written at most once a minute).
    post(client, VIEWER, token)
    with django_assert_max_num_queries(2):
        post(client, "{ locales { code } }", token)


def test_last_use_is_recorded(ana, client):
    record, token = PersonalToken.issue(ana, "Script")
    assert record.last_used_at is None
    post(client, VIEWER, token)
    record.refresh_from_db()
    assert record.last_used_at is not None


def test_a_suspended_members_token_reads_only_public_content(small_demo, client, ana):
    _record, token = PersonalToken.issue(ana, "Script")
    ana.change_status(MemberStatus.SUSPENDED)
    assert post(client, PAGE, token, variables={"path": REGISTER_PATH}).json()["data"]["page"] is None


@pytest.mark.parametrize(
    ("authorization", "message"),
    [
        ("Bearer cpt_000000000000_unknown", REFUSED),
        ("Bearer partner-token", REFUSED),  # no kind of token claims it
        ("Token abc", MALFORMED),
        ("Bearer", MALFORMED),
        ("Bearer two words", MALFORMED),
        ("", MALFORMED),
    ],
)
def test_refused_tokens_answer_401_with_one_clear_error(db, client, authorization, message):
    response = post(client, VIEWER, authorization=authorization)
    assert response.status_code == 401
    assert response.json() == {"errors": [{"message": message}]}
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Cache-Control"] == "private, no-store"


def test_a_revoked_token_is_refused_like_an_unknown_one(client, ana):
    record, token = PersonalToken.issue(ana, "Script")
    record.revoke()
    response = post(client, VIEWER, token)
    assert response.status_code == 401
    assert response.json() == {"errors": [{"message": REFUSED}]}


def test_a_token_wins_over_the_session(client, ana, make_member):
    bo = make_member("bo", first_name="Bo")
    client.force_login(bo.user)
    _record, token = PersonalToken.issue(ana, "Script")
    assert post(client, VIEWER, token).json()["data"]["viewer"]["displayName"] == "Ana"


def test_members_make_a_token_and_see_it_once(client, ana):
    client.force_login(ana.user)
    response = client.post("/en/account/tokens/", {"name": "Calendar sync"})
    assert response.status_code == 200
    token = parse(response.content.decode()).find("code", class_="token").text
    assert PersonalToken.find(token).name == "Calendar sync"

    again = client.get("/en/account/tokens/").content.decode()
    assert token not in again
    row = parse(again).find("table", class_="tokens").find("tbody").find("tr")
    assert "Calendar sync" in row.text and f"…{token[-4:]}" in row.text
    assert post(client, VIEWER, token).status_code == 200


def test_members_revoke_their_own_tokens_only(client, ana, make_member):
    mine, token = PersonalToken.issue(ana, "Mine")
    theirs, _ = PersonalToken.issue(make_member("bo"), "Theirs")
    client.force_login(ana.user)

    assert client.post(f"/en/account/tokens/{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active

    response = client.post(f"/en/account/tokens/{mine.pk}/revoke/")
    assert (response.status_code, response["Location"]) == (302, "/en/account/tokens/")
    mine.refresh_from_db()
    assert not mine.is_active
    assert post(client, VIEWER, token).status_code == 401
    assert "Revoked on" in client.get("/en/account/tokens/").content.decode()


def test_the_number_of_active_tokens_is_capped(client, ana, settings):
    from portal.members.models import tokens

    client.force_login(ana.user)
    for number in range(tokens.MAX_ACTIVE_TOKENS):
        PersonalToken.issue(ana, f"Token {number}")
    response = client.post("/en/account/tokens/", {"name": "One too many"})
    assert response.status_code == 200
    assert not ana.tokens.filter(name="One too many").exists()


def test_only_members_have_token_pages(client, outsider):
    assert client.get("/en/account/tokens/")["Location"] == "/en/account/sign-in/?next=/en/account/tokens/"
    client.force_login(outsider)
    assert client.get("/en/account/tokens/")["Location"] == "/en/account/"
