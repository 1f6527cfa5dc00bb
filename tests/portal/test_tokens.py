"""What every kind of hashed API token shares (portal/tokens.py), checked on each kind: personal and partner tokens."""

import hashlib
import re

import pytest

from portal.federation.models import Partner, PartnerToken
from portal.members.models import PersonalToken


@pytest.fixture
def issue(member):
    """Issue a token of a kind, owned by a member or by a partner."""
    owners = {}

    def make(kind, name="Script"):
        if kind is PersonalToken:
            return PersonalToken.issue(member.member, name)
        if "partner" not in owners:
            owners["partner"] = Partner.objects.create(name="Rivers", slug="rivers", base_url="https://rivers.example")
        return PartnerToken.issue(owners["partner"], name)

    return make


KINDS = pytest.mark.parametrize("kind", [PersonalToken, PartnerToken], ids=["personal", "partner"])
OTHER = {PersonalToken: PartnerToken, PartnerToken: PersonalToken}


@pytest.mark.parametrize(
    ("kind", "prefix"), [(PersonalToken, "cpt_"), (PartnerToken, "cpp_")], ids=["personal", "partner"]
)
def test_a_token_is_stored_as_its_digest_only(issue, kind, prefix):
    record, token = issue(kind)
    assert token.startswith(prefix)
    stored = kind.objects.filter(pk=record.pk).values().get()
    assert stored["digest"] == hashlib.sha256(token.encode()).hexdigest()
    assert stored["last_four"] == token[-4:]
    secret = token.split("_", 2)[2]  # the secret may hold underscores itself
    assert not any(secret in str(value) for value in stored.values())
    assert kind.find(token) == record
    assert kind.find(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


@KINDS
def test_every_token_gets_a_new_key_id_and_secret(issue, kind):
    first, first_text = issue(kind)
    second, second_text = issue(kind)
    assert first.key_id != second.key_id and first_text != second_text
    prefix, key_id, secret = first_text.split("_", 2)
    assert (prefix, key_id) == (kind.prefix, first.key_id)
    assert re.fullmatch("[0-9a-f]{12}", key_id)
    assert len(secret) >= 43  # 32 random bytes, URL-safe
    assert first.last_four == first_text[-4:]


@KINDS
@pytest.mark.parametrize(
    "rest",
    ["not-a-token", "ABCDEF012345_" + "x" * 43, "0123456789ab_short", "0123456789ab_" + "x" * 42 + "!", ""],
    ids=["no key id", "key id not hex", "secret too short", "secret with a stray character", "empty"],
)
def test_malformed_text_of_a_kind_is_claimed_but_found_without_a_query(db, kind, rest, django_assert_num_queries):
    text = f"{kind.prefix}_{rest}"
    assert kind.claims(text)
    with django_assert_num_queries(0):
        assert kind.find(text) is None


@KINDS
def test_a_token_is_found_only_as_its_own_kind(issue, kind):
    record, text = issue(kind)
    other = OTHER[kind]
    assert not other.claims(text)
    assert other.find(text) is None
    # Even where a token of the other kind has the same key id, the digest covers the prefix.
    twin, _twin_text = issue(other)
    other.objects.filter(pk=twin.pk).update(key_id=record.key_id)
    assert other.find(text.replace(kind.prefix, other.prefix, 1)) is None
    assert kind.find(text) == record


@KINDS
def test_revoking_twice_keeps_the_first_time(issue, kind, django_assert_num_queries):
    record, text = issue(kind)
    kept, _kept_text = issue(kind, "Kept")
    record.revoke()
    revoked_at = record.revoked_at
    with django_assert_num_queries(0):
        record.revoke()
    record.refresh_from_db()
    assert record.revoked_at == revoked_at and not record.is_active
    assert list(kind.objects.active()) == [kept]
    assert kind.find(text) is None


@KINDS
def test_tokens_are_listed_newest_first(issue, kind):
    older, _ = issue(kind, "Older")
    newer, _ = issue(kind, "Newer")
    assert list(kind.objects.all()) == [newer, older]
