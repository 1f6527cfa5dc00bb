"""The partner's API for mirror tests: our own portal, read through the test client with a partner token."""

import json

import pytest

from portal.federation.mirror.client import PartnerAPI
from portal.federation.models import Partner, PartnerToken, Scope


class ClientAPI(PartnerAPI):
    def __init__(self, client, token):
        super().__init__("http://testserver", token, timeout=(1, 1))
        self.client = client

    def post(self, body, operation):
        response = self.client.post(
            "/graphql/",
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token}"},
        )
        return response.status_code, response.content


@pytest.fixture
def source(db, settings):
    """A partner whose portal is this one: what it publishes, we mirror below our own Partners section."""
    settings.PORTAL_CHANGES_SETTLE_SECONDS = 0
    partner = Partner.objects.create(
        name="Rivers Co-op", slug="rivers", base_url="http://testserver", licence="CC BY-SA 4.0"
    )
    _record, token = PartnerToken.issue(partner, "Mirror", Scope.PUBLIC, rate_limit=100_000)
    partner.outbound_token = token
    partner.save()
    return partner


@pytest.fixture
def api(client, source):
    return ClientAPI(client, source.outbound_token)
