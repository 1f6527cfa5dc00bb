"""Partner tokens: shown once, stored hashed, revocable at once; scopes decide members-only content."""

import pytest

from portal.federation.models import Partner, PartnerToken
from tests.federation.conftest import post

REGISTER_PATH = "/2-political-economy/political-economy/register-of-members/"
PAGE = 'query Page($path: String!) { page(locale: "en", path: $path) { title } }'
LOCALES = "{ locales { code } }"


def register_page(client, token):
    response = post(client, PAGE, token, variables={"path": REGISTER_PATH})
    assert response.status_code == 200
    return response.json()["data"]["page"]


def test_a_members_scoped_token_sees_members_only_pages(small_demo, client, members_token):
    _record, token = members_token
    assert register_page(client, token) == {"title": "Register of members"}


def test_a_public_token_reads_as_the_public(small_demo, client, public_token):
    _record, token = public_token
    assert register_page(client, token) is None
    assert post(client, LOCALES, token).json()["data"]["locales"]
    # Partners' answers depend on their token: no shared cache keeps them.
    assert post(client, LOCALES, token)["Cache-Control"] == "private, no-store"


def test_the_members_scope_reads_as_a_member_not_as_staff(small_demo, members_token):
    record, _token = members_token
    user = record.partner.service_user
    assert list(user.groups.values_list("name", flat=True)) == ["Members"]
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()


def refusal(response):
    return response.status_code, response["WWW-Authenticate"], response.content


@pytest.fixture
def refusals(client, partner):
    """The answers to every kind of token that is not (or no longer) a good one."""
    revoked, revoked_text = PartnerToken.issue(partner, "Old")
    revoked.revoke()
    other = Partner.objects.create(name="Gone", slug="gone", base_url="https://gone.example", is_active=False)
    _inactive, inactive_text = PartnerToken.issue(other, "Theirs")
    known, known_text = PartnerToken.issue(partner, "Known")
    cases = {
        "revoked": revoked_text,
        "inactive partner": inactive_text,
        "unknown": "cpp_000000000000_" + "x" * 43,
        "malformed": "cpp_not-a-token",
        "wrong secret": known_text[:-4] + "AAAA",
        "no kind claims it": "partner-token",
    }
    return {name: refusal(post(client, LOCALES, text)) for name, text in cases.items()}


def test_every_refused_token_gets_the_same_401(refusals):
    answers = set(refusals.values())
    assert len(answers) == 1
    status, challenge, body = answers.pop()
    assert status == 401
    assert challenge == 'Bearer realm="api", error="invalid_token"'
    assert b"unknown or has been revoked" in body


def test_revoking_takes_effect_at_once(small_demo, client, members_token):
    record, token = members_token
    assert register_page(client, token) is not None
    record.revoke()
    assert post(client, PAGE, token, variables={"path": REGISTER_PATH}).status_code == 401


def test_deactivating_a_partner_refuses_its_tokens(client, partner, public_token):
    _record, token = public_token
    assert post(client, LOCALES, token).status_code == 200
    Partner.objects.filter(pk=partner.pk).update(is_active=False)
    assert post(client, LOCALES, token).status_code == 401


def test_checking_a_token_costs_one_query(client, public_token, django_assert_num_queries):
    _record, token = public_token
    # The token's look-up and the request log's entry.
    with django_assert_num_queries(2):
        assert post(client, LOCALES, token).status_code == 200


def test_deleting_a_partner_deletes_its_service_account(members_token, django_user_model):
    record, _token = members_token
    user_id = record.partner.service_user_id
    record.partner.delete()
    assert not django_user_model.objects.filter(pk=user_id).exists()
