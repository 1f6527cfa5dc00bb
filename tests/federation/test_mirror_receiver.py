"""Our webhook endpoint for partners' events, the pull command and the mirrored pages' place in the admin."""

import time

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_tasks import default_task_backend

from cms.mirrors.models import MirroredPage
from portal.federation.mirror.tasks import pull_partner
from portal.federation.models import Partner
from portal.federation.webhooks import signing
from tests.federation.test_admin import admin_client  # noqa: F401  (fixture)

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def mirrored_partner(db):
    partner = Partner(name="Hills", slug="hills", base_url="http://127.0.0.1:9")
    partner.outbound_token = "cpp_0123456789ab_theirs-theirs-theirs"
    partner.inbound_webhook_secret = "whsec_from_hills"
    partner.save()
    return partner


def send(client, partner_id, secret, body=b'{"type":"page.published"}', now=None):
    headers = signing.signed_headers(secret, body, now=now)
    return client.post(
        f"/federation/webhook/{partner_id}/",
        body,
        content_type="application/json",
        headers={
            signing.TIMESTAMP_HEADER: headers[signing.TIMESTAMP_HEADER],
            **{signing.SIGNATURE_HEADER: headers[signing.SIGNATURE_HEADER]},
        },
    )


def queued_pulls():
    return [result.args for result in default_task_backend.results if result.task.func is pull_partner.func]


@override_settings(TASKS=DUMMY_TASKS)
def test_a_signed_event_queues_a_pull(client, mirrored_partner):
    default_task_backend.clear()
    response = send(client, mirrored_partner.pk, "whsec_from_hills")
    assert response.status_code == 202
    assert queued_pulls() == [[mirrored_partner.pk]]
    assert default_task_backend.results[-1].task.run_after is not None  # after the partner's feed settles


@override_settings(TASKS=DUMMY_TASKS)
def test_anything_else_is_refused_alike(client, mirrored_partner):
    default_task_backend.clear()

    refused = [
        send(client, mirrored_partner.pk, "whsec_wrong"),
        send(client, mirrored_partner.pk, "whsec_from_hills", now=time.time() - 400),
        send(client, mirrored_partner.pk + 1, "whsec_from_hills"),
        client.post(f"/federation/webhook/{mirrored_partner.pk}/", b"{}", content_type="application/json"),
    ]
    assert [response.status_code for response in refused] == [403, 403, 403, 403]
    assert len({response.content for response in refused}) == 1
    assert client.get(f"/federation/webhook/{mirrored_partner.pk}/").status_code == 405
    mirrored_partner.is_active = False
    mirrored_partner.save()
    assert send(client, mirrored_partner.pk, "whsec_from_hills").status_code == 403
    assert queued_pulls() == []


def test_the_command_reports_a_partner_that_is_down(mirrored_partner, capsys):
    with pytest.raises(CommandError, match="stay as they were"):
        call_command("federation_pull", "hills")
    assert "could not be reached" in capsys.readouterr().err
    mirrored_partner.refresh_from_db()
    assert "could not be reached" in mirrored_partner.last_pull_error
    with pytest.raises(CommandError, match="No active partner"):
        call_command("federation_pull", "nobody")


@pytest.mark.django_db
def test_mirrored_pages_cannot_be_edited_in_the_admin(admin_client, small_demo):  # noqa: F811
    from portal.federation.mirror.pull import pull
    from portal.federation.models import PartnerToken, Scope
    from tests.federation.mirror_helpers import ClientAPI

    partner = Partner.objects.create(name="Rivers", slug="rivers", base_url="http://testserver")
    _record, token = PartnerToken.issue(partner, "Mirror", Scope.PUBLIC, rate_limit=100_000)
    pull(partner, api=ClientAPI(admin_client, token))
    page = MirroredPage.objects.filter(locale__language_code="es").last()
    title = page.title
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 302 and response.url == f"/admin/pages/{page.get_parent().pk}/"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", {"title": "Mine now", "slug": page.slug})
    assert response.status_code == 302
    for action in ("delete", "copy", f"move/{page.get_parent().get_parent().pk}/confirm"):
        assert admin_client.get(f"/admin/pages/{page.pk}/{action}/").status_code == 302
    assert admin_client.post(f"/admin/pages/{page.pk}/delete/").status_code == 302
    page.refresh_from_db()
    assert page.title == title


@override_settings(TASKS=DUMMY_TASKS, PORTAL_MIRROR_PULL_MINUTES=30)
def test_the_scheduled_pull_pulls_every_partner_and_comes_again(mirrored_partner):
    from django.utils import timezone

    from portal.federation.mirror.tasks import pull_all_partners

    default_task_backend.clear()
    call_command("federation_pull", "--schedule")
    [scheduled] = [result for result in default_task_backend.results if result.task.func is pull_all_partners.func]
    outcome = pull_all_partners.call()
    assert outcome.startswith("hills: failed: ") and "could not be reached" in outcome
    again = default_task_backend.results[-1]
    assert again.task.func is pull_all_partners.func
    minutes = (again.task.run_after - timezone.now()).total_seconds() / 60
    assert 29 < minutes <= 30
