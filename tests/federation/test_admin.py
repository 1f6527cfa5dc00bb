"""Partners, their tokens and the request log in the Wagtail admin."""

import re

import pytest
from django.contrib.auth.models import Permission

from portal.federation.models import Partner, PartnerRequest, PartnerToken
from tests.federation.conftest import post


def denied(response) -> bool:
    """The admin answers a forbidden action with a redirect to its dashboard (and a message)."""
    return response.status_code == 302 and response.url == "/admin/"


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.coop", "admin-password")
    client.force_login(admin)
    return client


def test_a_partner_is_made_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/partners/new/",
        {
            "name": "Hills Co-op",
            "slug": "hills",
            "base_url": "https://hills.example",
            "contact_name": "Ada",
            "contact_email": "ada@hills.example",
            "allowed_origins": "https://hills.example\nhttps://Docs.Hills.example/",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Partner.objects.get(slug="hills").origins == ["https://hills.example", "https://docs.hills.example"]


def test_origins_must_be_origins(admin_client):
    response = admin_client.post(
        "/admin/partners/new/",
        {"name": "Hills", "slug": "hills", "base_url": "https://hills.example", "allowed_origins": "hills.example/x"},
    )
    assert response.status_code == 200
    assert not Partner.objects.exists()


def test_a_new_token_is_shown_once(admin_client, partner, client):
    response = admin_client.post(
        "/admin/partner_tokens/new/", {"partner": partner.pk, "name": "Mirror", "scope": "members", "rate_limit": "30"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = re.search(r"<code id=\"partner-token\" data-token>(cpp_[^<]+)</code>", response.content.decode()).group(1)
    record = PartnerToken.objects.get()
    assert (record.partner, record.scope, record.rate_limit, record.last_four) == (partner, "members", 30, text[-4:])
    assert PartnerToken.find(text) == record
    # Afterwards the admin shows its last four characters only.
    listing = admin_client.get("/admin/partner_tokens/").content.decode()
    assert record.last_four in listing and text not in listing
    assert text not in admin_client.get(f"/admin/partner_tokens/edit/{record.pk}/").content.decode()


def test_a_token_is_revoked_in_the_admin(admin_client, partner, public_token):
    record, text = public_token
    assert f"/admin/partner_tokens/revoke/{record.pk}/" in admin_client.get("/admin/partner_tokens/").content.decode()
    assert admin_client.get(f"/admin/partner_tokens/revoke/{record.pk}/").status_code == 200
    assert admin_client.post(f"/admin/partner_tokens/revoke/{record.pk}/").status_code == 302
    record.refresh_from_db()
    assert record.revoked_at is not None
    assert post(admin_client, "{ locales { code } }", text).status_code == 401


def test_tokens_are_revoked_not_deleted(admin_client, public_token):
    record, _text = public_token
    assert denied(admin_client.post(f"/admin/partner_tokens/delete/{record.pk}/"))
    assert PartnerToken.objects.filter(pk=record.pk).exists()


def test_the_request_log_is_listed_and_read_only(admin_client, partner, public_token, client):
    record, text = public_token
    post(client, "query Languages { locales { code } }", text)
    entry = PartnerRequest.objects.get()
    listing = admin_client.get("/admin/partner_requests/").content.decode()
    assert "Languages" in listing and record.last_four in listing and partner.name in listing
    assert denied(admin_client.get("/admin/partner_requests/new/"))
    assert denied(admin_client.get(f"/admin/partner_requests/edit/{entry.pk}/"))
    assert denied(admin_client.post(f"/admin/partner_requests/delete/{entry.pk}/"))
    assert PartnerRequest.objects.filter(pk=entry.pk).exists()


def test_people_without_permission_see_none_of_it(client, django_user_model, partner):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in ("/admin/partners/", "/admin/partner_tokens/", "/admin/partner_requests/"):
        assert denied(client.get(url))
