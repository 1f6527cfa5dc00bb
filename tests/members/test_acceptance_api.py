"""Governance acceptance through the API: the viewer's pending documents, and accepting one as oneself."""

import json

import pytest

from portal.members.models import Acceptance, MemberStatus, PersonalToken

VIEWER = """query($locale: String) {
  viewer {
    displayName
    member { status acceptances { kind versionLabel locale acceptedAt } }
    pendingAcceptances(locale: $locale) { kind versionLabel effectiveDate changeSummary locale lastAcceptedLabel }
  }
}"""
ACCEPT = """mutation($kind: GovernanceDocumentKind!, $label: String!, $locale: String!) {
  acceptGovernanceVersion(kind: $kind, versionLabel: $label, locale: $locale) {
    ok
    acceptance { kind versionLabel locale }
    errors { field code message }
  }
}"""


def post(client, query, token=None, **variables):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = json.dumps({"query": query, "variables": variables})
    return client.post("/graphql/", body, content_type="application/json", headers=headers)


def accept(client, kind="CODE_OF_CONDUCT", label="1.0", locale="es", token=None):
    response = post(client, ACCEPT, token, kind=kind, label=label, locale=locale)
    assert response.status_code == 200, response.content
    return response.json()["data"]["acceptGovernanceVersion"]


@pytest.fixture
def ana(make_member):
    return make_member("ana", first_name="Ana", language="es")


def test_the_viewer_sees_what_to_accept_in_their_language(governance, client, ana):
    client.force_login(ana.user)
    viewer = post(client, VIEWER).json()["data"]["viewer"]
    assert viewer["member"] == {"status": "ACTIVE", "acceptances": []}
    assert viewer["pendingAcceptances"] == [
        {
            "kind": "CODE_OF_CONDUCT",
            "versionLabel": "1.0",
            "effectiveDate": "2025-01-01",
            "changeSummary": "Primera versión.",  # her preferred language
            "locale": "es",
            "lastAcceptedLabel": None,
        },
        {
            "kind": "PRIVACY_POLICY",
            "versionLabel": "1.0",
            "effectiveDate": "2025-01-01",
            "changeSummary": "We keep little.",
            "locale": "en",
            "lastAcceptedLabel": None,
        },
    ]
    english = post(client, VIEWER, locale="en").json()["data"]["viewer"]["pendingAcceptances"]
    assert english[0]["changeSummary"] == "First version."


def test_a_member_accepts_through_the_session(governance, client, ana):
    client.force_login(ana.user)
    assert accept(client) == {
        "ok": True,
        "acceptance": {"kind": "CODE_OF_CONDUCT", "versionLabel": "1.0", "locale": "es"},
        "errors": [],
    }
    viewer = post(client, VIEWER).json()["data"]["viewer"]
    assert [each["kind"] for each in viewer["pendingAcceptances"]] == ["PRIVACY_POLICY"]
    assert viewer["member"]["acceptances"][0]["versionLabel"] == "1.0"


def test_a_personal_token_accepts_for_its_member_only(governance, client, ana, make_member):
    bo = make_member("bo")
    client.force_login(bo.user)  # the token speaks for Ana, whoever's session the client also carries
    _record, token = PersonalToken.issue(ana, "Script")
    assert accept(client, kind="PRIVACY_POLICY", locale="fr", token=token)["ok"]
    assert [(each.member, each.kind, each.language) for each in Acceptance.objects.all()] == [
        (ana, "privacy_policy", "en")
    ]
    assert len(post(client, VIEWER).json()["data"]["viewer"]["pendingAcceptances"]) == 2  # Bo's still pending


def test_refusals_are_payload_errors(governance, client, ana, django_user_model):
    assert accept(client) == {
        "ok": False,
        "acceptance": None,
        "errors": [{"field": None, "code": "NOT_A_MEMBER", "message": "Sign in as a member to accept this document."}],
    }
    client.force_login(django_user_model.objects.create_user("editor"))
    assert accept(client)["errors"][0]["code"] == "NOT_A_MEMBER"

    client.force_login(ana.user)
    wrong = accept(client, label="0.9")
    assert (wrong["ok"], wrong["errors"][0]["field"], wrong["errors"][0]["code"]) == (
        False,
        "versionLabel",
        "NOT_CURRENT",
    )
    unknown = accept(client, locale="xx")
    assert (unknown["errors"][0]["field"], unknown["errors"][0]["code"]) == ("locale", "UNKNOWN_LOCALE")
    assert not Acceptance.objects.exists()

    ana.change_status(MemberStatus.LEFT)  # which also ends her sessions (test_personal_data)
    assert accept(client)["errors"][0]["code"] == "NOT_A_MEMBER"
    assert post(client, VIEWER).json()["data"]["viewer"] is None


def test_accepting_is_post_only(governance, client, ana):
    client.force_login(ana.user)
    response = client.get(
        "/graphql/",
        {
            "query": 'mutation { acceptGovernanceVersion(kind: CODE_OF_CONDUCT, versionLabel: "1.0", locale: "en") '
            "{ ok } }"
        },
    )
    assert response.status_code == 400
    assert not Acceptance.objects.exists()


def test_an_unknown_locale_in_the_query_is_a_bad_request(governance, client, ana):
    client.force_login(ana.user)
    assert post(client, VIEWER, locale="xx").status_code == 400


def test_anonymous_viewer_is_null(governance, client):
    assert post(client, VIEWER).json()["data"]["viewer"] is None


def test_the_viewer_query_costs_a_fixed_number_of_queries(governance, client, ana, django_assert_num_queries):
    client.force_login(ana.user)
    post(client, VIEWER)
    for label in ("1.1", "1.2", "1.3"):
        governance.add("code_of_conduct", label)
    # session, user, member (then cached on the user), acceptances (the list and pending), versions in force,
    # their translations
    with django_assert_num_queries(7):
        assert post(client, VIEWER).status_code == 200
