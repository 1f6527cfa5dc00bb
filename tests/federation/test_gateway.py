"""Around each partner request: rate limits per token, CORS for partners' sites, the request log."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.federation.models import Partner, PartnerRequest, PartnerToken
from tests.federation.conftest import post

LOCALES = "query Languages { locales { code } }"
NOW = 1_800_000_000  # a fixed clock for django-ratelimit's windows


@pytest.fixture
def clock():
    with mock.patch("django_ratelimit.core.time.time", return_value=NOW) as patched:
        yield patched


def test_a_token_over_its_rate_gets_429_with_retry_after(client, partner, clock):
    _record, token = PartnerToken.issue(partner, "Busy", rate_limit=3)
    assert [post(client, LOCALES, token).status_code for _ in range(3)] == [200, 200, 200]
    refused = post(client, LOCALES, token)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "3 requests per minute" in refused.json()["errors"][0]["message"]
    # Other tokens, of the same partner too, count on their own.
    _other, other_token = PartnerToken.issue(partner, "Quiet", rate_limit=3)
    assert post(client, LOCALES, other_token).status_code == 200
    # The next window lets the token in again.
    clock.return_value = NOW + 61
    assert post(client, LOCALES, token).status_code == 200


def test_the_default_rate_comes_from_the_settings(client, partner, clock, settings):
    settings.PORTAL_PARTNER_RATE_LIMIT = 2
    _record, token = PartnerToken.issue(partner, "Default")
    assert [post(client, LOCALES, token).status_code for _ in range(3)] == [200, 200, 429]


def test_requests_without_a_partner_token_are_not_limited(client, partner, clock, settings):
    settings.PORTAL_PARTNER_RATE_LIMIT = 1
    assert {post(client, LOCALES).status_code for _ in range(3)} == {200}


def test_a_cache_that_cannot_count_lifts_the_limit(client, partner, clock):
    _record, token = PartnerToken.issue(partner, "Busy", rate_limit=1)
    with mock.patch("django_ratelimit.core.caches") as caches:
        caches.__getitem__.return_value.add.return_value = False
        caches.__getitem__.return_value.incr.return_value = None
        assert [post(client, LOCALES, token).status_code for _ in range(3)] == [200, 200, 200]


def test_partner_origins_may_read_answers(client, partner):
    response = post(client, LOCALES, headers={"Origin": "https://read.rivers.example"})
    assert response["Access-Control-Allow-Origin"] == "https://read.rivers.example"
    assert "Origin" in response["Vary"]
    assert "Access-Control-Allow-Credentials" not in response


def test_other_origins_get_no_cors_headers(client, partner):
    response = post(client, LOCALES, headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    assert "Origin" in response["Vary"]


def test_an_inactive_partners_origins_are_not_allowed(client, partner):
    Partner.objects.filter(pk=partner.pk).update(is_active=False)
    response = post(client, LOCALES, headers={"Origin": "https://rivers.example"})
    assert "Access-Control-Allow-Origin" not in response


def test_a_token_is_read_only_from_its_own_partners_origins(client, partner, public_token):
    _record, token = public_token
    Partner.objects.create(
        name="Hills", slug="hills", base_url="https://hills.example", allowed_origins="https://hills.example"
    )
    own = post(client, LOCALES, token, headers={"Origin": "https://rivers.example"})
    assert own["Access-Control-Allow-Origin"] == "https://rivers.example"
    foreign = post(client, LOCALES, token, headers={"Origin": "https://hills.example"})
    assert "Access-Control-Allow-Origin" not in foreign


def test_refusals_carry_cors_headers_so_partner_pages_can_read_them(client, partner, public_token, clock):
    origin = {"Origin": "https://rivers.example"}
    refused = post(client, LOCALES, "cpp_nothing", headers=origin)
    assert refused.status_code == 401
    assert refused["Access-Control-Allow-Origin"] == "https://rivers.example"
    record, token = public_token
    record.rate_limit = 1
    record.save()
    post(client, LOCALES, token, headers=origin)
    limited = post(client, LOCALES, token, headers=origin)
    assert limited.status_code == 429
    assert limited["Access-Control-Allow-Origin"] == "https://rivers.example"
    assert "Retry-After" in limited["Access-Control-Expose-Headers"]


def preflight(client, origin):
    return client.options(
        "/graphql/",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def test_a_preflight_from_a_partner_origin_is_allowed(client, partner):
    response = preflight(client, "https://rivers.example")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "https://rivers.example"
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert {"Authorization", "Content-Type"} <= set(response["Access-Control-Allow-Headers"].split(", "))
    assert int(response["Access-Control-Max-Age"]) > 0


def test_a_preflight_from_elsewhere_is_not_allowed(client, partner):
    response = preflight(client, "https://evil.example")
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Methods" not in response


def test_every_partner_request_is_logged(client, partner, public_token, clock):
    record, token = public_token
    post(client, LOCALES, token)
    post(client, "query Named { locales { code } } query Other { locales { name } }", token, operation_name="Other")
    post(client, "{ nothing }", token)
    post(client, LOCALES)  # no partner token: no entry
    entries = list(PartnerRequest.objects.order_by("pk").values_list("operation_name", "status", "token_last_four"))
    assert entries == [
        ("Languages", 200, record.last_four),
        ("Other", 200, record.last_four),
        ("", 400, record.last_four),
    ]
    assert all(entry.partner == partner and entry.duration_ms >= 0 for entry in PartnerRequest.objects.all())


def test_only_the_first_refusal_in_a_window_is_logged(client, partner, clock):
    _record, token = PartnerToken.issue(partner, "Busy", rate_limit=1)
    statuses = [post(client, LOCALES, token).status_code for _ in range(4)]
    assert statuses == [200, 429, 429, 429]
    assert list(PartnerRequest.objects.order_by("pk").values_list("status", flat=True)) == [200, 429]


def test_old_log_entries_are_pruned(partner, public_token, settings):
    record, _text = public_token
    settings.PORTAL_PARTNER_LOG_DAYS = 30
    now = timezone.now()
    for days in (31, 29):
        PartnerRequest.objects.create(
            partner=partner,
            token=record,
            token_last_four="abcd",
            status=200,
            duration_ms=1,
            at=now - timedelta(days=days),
        )
    call_command("prune_partner_log", stdout=io.StringIO())
    assert [entry.at for entry in PartnerRequest.objects.all()] == [now - timedelta(days=29)]
