"""Webhook subscriptions, their delivery log and the partner's secrets for mirroring in the admin."""

import re

from portal.federation.models import Partner, WebhookDelivery, WebhookSubscription
from portal.federation.webhooks import signing
from tests.federation.test_admin import admin_client, denied  # noqa: F401  (fixture)


def test_a_subscription_shows_its_secret_once(admin_client, partner):  # noqa: F811
    response = admin_client.post(
        "/admin/webhook_subscriptions/new/",
        {"partner": partner.pk, "url": "https://rivers.example/hooks/", "events": "page.published", "languages": "es"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = re.search(r'<code id="webhook-secret" data-secret>(whsec_[^<]+)</code>', response.content.decode())[1]
    record = WebhookSubscription.objects.get()
    assert (record.event_list, record.language_list, record.secret) == (["page.published"], ["es"], secret)
    assert secret not in record.secret_encrypted
    headers = signing.signed_headers(record.secret, b"{}")
    signing.verify(secret, b"{}", headers[signing.TIMESTAMP_HEADER], headers[signing.SIGNATURE_HEADER])
    edit = admin_client.get(f"/admin/webhook_subscriptions/edit/{record.pk}/")
    assert edit.status_code == 200 and secret not in edit.content.decode()


def test_unknown_events_and_languages_are_refused(admin_client, partner):  # noqa: F811
    for events, languages in [("page.published page.eaten", ""), ("page.published", "es xx")]:
        response = admin_client.post(
            "/admin/webhook_subscriptions/new/",
            {"partner": partner.pk, "url": "https://rivers.example/hooks/", "events": events, "languages": languages},
        )
        assert response.status_code == 200 and not WebhookSubscription.objects.exists()


def test_a_paused_subscription_is_resumed(admin_client, partner):  # noqa: F811
    record = WebhookSubscription.objects.create(
        partner=partner, url="https://rivers.example/hooks/", status="paused", consecutive_failures=10
    )
    listing = admin_client.get("/admin/webhook_subscriptions/").content.decode()
    assert f"/admin/webhook_subscriptions/resume/{record.pk}/" in listing
    assert admin_client.get(f"/admin/webhook_subscriptions/resume/{record.pk}/").status_code == 405
    response = admin_client.post(f"/admin/webhook_subscriptions/resume/{record.pk}/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.consecutive_failures, record.paused_reason) == ("active", 0, "")


def test_the_delivery_log_is_read_only(admin_client, partner):  # noqa: F811
    record = WebhookSubscription.objects.create(partner=partner, url="https://rivers.example/hooks/")
    delivery = WebhookDelivery.objects.create(
        subscription=record,
        event="page.published",
        payload={},
        status="failed",
        attempts=8,
        response_code=502,
        error="HTTP 502: bad gateway",
    )
    listing = admin_client.get("/admin/webhook_deliveries/")
    assert listing.status_code == 200 and "HTTP 502: bad gateway" in listing.content.decode()
    assert denied(admin_client.get(f"/admin/webhook_deliveries/edit/{delivery.pk}/"))
    assert denied(admin_client.post(f"/admin/webhook_deliveries/delete/{delivery.pk}/"))
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()


def test_the_partners_secrets_for_mirroring_are_written_never_shown(admin_client, partner):  # noqa: F811
    data = {
        "name": partner.name,
        "slug": partner.slug,
        "base_url": partner.base_url,
        "is_active": "on",
        "mirror_section": "/1-principles/",
        "licence": "CC BY-SA 4.0",
        "outbound_token": "cpp_0123456789ab_their-token-text-is-long",
        "inbound_webhook_secret": "whsec_theirs",
    }
    assert admin_client.post(f"/admin/partners/edit/{partner.pk}/", data).status_code == 302
    partner.refresh_from_db()
    assert partner.outbound_token == data["outbound_token"] and partner.inbound_webhook_secret == "whsec_theirs"
    assert "their-token" not in partner.outbound_token_encrypted
    page = admin_client.get(f"/admin/partners/edit/{partner.pk}/").content.decode()
    assert "their-token" not in page and "whsec_theirs" not in page
    # Saved again with the fields empty, the secrets stay.
    data.update(outbound_token="", inbound_webhook_secret="", licence="CC BY 4.0")
    assert admin_client.post(f"/admin/partners/edit/{partner.pk}/", data).status_code == 302
    partner = Partner.objects.get(pk=partner.pk)
    assert (partner.outbound_token, partner.inbound_webhook_secret, partner.licence) == (
        "cpp_0123456789ab_their-token-text-is-long",
        "whsec_theirs",
        "CC BY 4.0",
    )


def test_old_finished_deliveries_are_pruned(partner, settings):
    import io
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.PORTAL_PARTNER_LOG_DAYS = 30
    record = WebhookSubscription.objects.create(partner=partner, url="https://rivers.example/hooks/")
    old = timezone.now() - timedelta(days=31)
    for status, created_at in [("delivered", old), ("failed", old), ("retrying", old), ("delivered", timezone.now())]:
        WebhookDelivery.objects.create(
            subscription=record, event="page.published", payload={}, status=status, created_at=created_at
        )
    call_command("prune_partner_log", stdout=io.StringIO())
    assert sorted(WebhookDelivery.objects.values_list("status", flat=True)) == ["delivered", "retrying"]


def test_a_mirrored_partner_is_pulled_from_the_listing(admin_client, partner):  # noqa: F811
    assert f"/admin/partners/pull/{partner.pk}/" not in admin_client.get("/admin/partners/").content.decode()
    partner.outbound_token = "cpp_0123456789ab_theirs-theirs-theirs"
    partner.base_url = "http://127.0.0.1:9"
    partner.save()
    assert f"/admin/partners/pull/{partner.pk}/" in admin_client.get("/admin/partners/").content.decode()
    assert admin_client.get(f"/admin/partners/pull/{partner.pk}/").status_code == 405
    response = admin_client.post(f"/admin/partners/pull/{partner.pk}/", follow=True)
    assert "is queued" in response.content.decode()
    partner.refresh_from_db()  # the immediate backend ran it: the partner is down
    assert "could not be reached" in partner.last_pull_error
    assert "could not be reached" in response.content.decode()  # in the listing
