import json

import pytest

from portal.federation.models import Partner, PartnerToken, Scope
from tests.api.conftest import empty_cache  # noqa: F401  (autouse: rate-limit counters outlive a test's transaction)


@pytest.fixture
def partner(db):
    return Partner.objects.create(
        name="Rivers Co-op",
        slug="rivers",
        base_url="https://rivers.example",
        contact_email="web@rivers.example",
        allowed_origins="https://rivers.example\nhttps://read.rivers.example",
    )


@pytest.fixture
def public_token(partner):
    return PartnerToken.issue(partner, "Handbook widget", Scope.PUBLIC)


@pytest.fixture
def members_token(partner):
    return PartnerToken.issue(partner, "Members' mirror", Scope.MEMBERS)


def post(client, query, token=None, *, variables=None, operation_name=None, headers=None):
    headers = dict(headers or {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"query": query, "variables": variables or {}, "operationName": operation_name})
    return client.post("/graphql/", body, content_type="application/json", headers=headers)
