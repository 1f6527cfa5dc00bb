"""Brute force at the admin's and the members' sign-in: after five wrong passwords for one user name from one
address, that pair is refused (even with the right password) for the cool-off time; others are not."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

ADDRESS = "203.0.113.5"
OTHER_ADDRESS = "198.51.100.7"
LOCKED = "Too many attempts to sign in"


def member_sign_in(client, username, password, address=ADDRESS):
    return client.post("/en/account/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address)


def admin_sign_in(client, username, password, address=ADDRESS):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(sign_in, client, username, times, address=ADDRESS):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", address)
        assert response.status_code in (200, 429)
        assert not client.session.get("_auth_user_id")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", password="editor-password")


def test_four_failures_still_let_the_member_in(db, client, member):
    fail(member_sign_in, client, "member", 4)
    assert member_sign_in(client, "member", "member-password").status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_the_fifth_failure_locks_the_member_out_from_that_address(db, client, member):
    fail(member_sign_in, client, "member", 4)
    fifth = member_sign_in(client, "member", "wrong-password")
    assert fifth.status_code == 429
    response = member_sign_in(client, "member", "member-password")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "<script" not in response.content.decode() and "style=" not in response.content.decode()
    assert not client.session.get("_auth_user_id")
    # The failures are kept in the database, which every web process shares; a refused attempt counts too.
    assert AccessAttempt.objects.get(username="member", ip_address=ADDRESS).failures_since_start == 6


def test_the_lockout_page_speaks_the_readers_language(db, client, member):
    fail(member_sign_in, client, "member", 5)
    response = client.post(
        "/es/account/sign-in/", {"username": "member", "password": "member-password"}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 429
    assert response["Content-Language"] == "es"


def test_a_lockout_holds_only_that_user_name_and_address(db, client, member, django_user_model):
    django_user_model.objects.create_user("neighbour", password="neighbour-password")
    fail(member_sign_in, client, "member", 5)
    assert member_sign_in(client, "neighbour", "neighbour-password").status_code == 302
    client.logout()
    assert member_sign_in(client, "member", "member-password", OTHER_ADDRESS).status_code == 302


def test_a_success_clears_the_failures(db, client, member):
    fail(member_sign_in, client, "member", 4)
    assert member_sign_in(client, "member", "member-password").status_code == 302
    client.logout()
    fail(member_sign_in, client, "member", 4)
    assert member_sign_in(client, "member", "member-password").status_code == 302


def test_the_lockout_ends_after_the_cool_off_time(db, client, member):
    fail(member_sign_in, client, "member", 5)
    assert member_sign_in(client, "member", "member-password").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert member_sign_in(client, "member", "member-password").status_code == 302


def test_the_admin_sign_in_is_locked_out_alike(db, client, editor):
    fail(admin_sign_in, client, "editor", 5)
    response = admin_sign_in(client, "editor", "editor-password")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not client.session.get("_auth_user_id")
    assert admin_sign_in(client, "editor", "editor-password", OTHER_ADDRESS).status_code == 302


def test_behind_a_proxy_the_proxys_header_names_the_address(db, client, member, settings):
    settings.PORTAL_CLIENT_IP_HEADER = "X-Real-IP"
    for _ in range(5):
        client.post(
            "/en/account/sign-in/",
            {"username": "member", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_REAL_IP=ADDRESS,
        )
    assert AccessAttempt.objects.get(username="member").ip_address == ADDRESS
    # Another reader behind the same proxy is not locked out.
    response = client.post(
        "/en/account/sign-in/",
        {"username": "member", "password": "member-password"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_REAL_IP=OTHER_ADDRESS,
    )
    assert response.status_code == 302
