"""NextCloud down, slow, failing or in maintenance: every call answers NextcloudUnavailable, within the timeouts."""

import asyncio
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from nc_py_api import NextcloudException

from portal.nextcloud.backends.base import READ_ONLY
from portal.nextcloud.backends.nc_py_api import EventLoopThread, NcPyApiBackend, translate
from portal.nextcloud.exceptions import NextcloudError, NextcloudNotFound, NextcloudUnavailable
from tests.nextcloud.conftest import make_nc_backend

CALLS = {
    "ensure_user": lambda backend: backend.ensure_user("alice", "Alice", "alice@example.coop"),
    "set_user_enabled": lambda backend: backend.set_user_enabled("alice", False),
    "ensure_group": lambda backend: backend.ensure_group("Members"),
    "set_user_groups": lambda backend: backend.set_user_groups("alice", ["Members"], managed=["Members"]),
    "ensure_folder": lambda backend: backend.ensure_folder("Members/alice"),
    "share_folder": lambda backend: backend.share_folder("Members/alice", "alice", READ_ONLY),
    "unshare": lambda backend: backend.unshare("Members/alice", "alice"),
    "list_shares": lambda backend: backend.list_shares(with_user="alice"),
    "stat": lambda backend: backend.stat("Members/alice/notes.txt"),
    "list_folder": lambda backend: backend.list_folder("Members/alice"),
    "open_download": lambda backend: backend.open_download("Members/alice/notes.txt"),
    "health": lambda backend: backend.health(),
}


@pytest.fixture
def scene(harness):
    """A NextCloud where every call above would succeed."""
    harness.add_user("alice")
    harness.add_file("Members/alice/notes.txt", b"notes")
    harness.backend.share_folder("Members/alice", "alice", READ_ONLY)
    return harness


@pytest.mark.parametrize("kind", ["down", "timeout", "maintenance", "error"])
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_every_call_reports_an_outage_as_unavailable(scene, kind, call):
    scene.outage(kind)

    with pytest.raises(NextcloudUnavailable) as raised:
        call(scene.backend)

    assert raised.value.user_message == "Files are unavailable right now."


def test_a_read_timeout_is_reported_as_such(fake_nextcloud):
    backend = make_nc_backend(fake_nextcloud, read_timeout=0.25)
    fake_nextcloud.mode = "hang"
    try:
        with pytest.raises(NextcloudUnavailable, match="did not answer in time"):
            backend.list_folder("")
    finally:
        backend.close()


def test_calls_succeed_again_once_nextcloud_recovers(fake_nextcloud):
    backend = make_nc_backend(fake_nextcloud, read_timeout=0.25)
    try:
        for mode in ("hang", "maintenance", "error"):
            fake_nextcloud.mode = mode
            with pytest.raises(NextcloudUnavailable):
                backend.list_folder("")
            fake_nextcloud.mode = "ok"
            fake_nextcloud.release.set()  # let the hanging handler go
            assert backend.list_folder("") == []
            fake_nextcloud.release.clear()
    finally:
        backend.close()


def test_maintenance_is_named_in_the_message(harness):
    harness.outage("maintenance")

    with pytest.raises(NextcloudUnavailable, match="maintenance"):
        harness.backend.list_folder("")


def test_a_whole_call_is_bounded_even_when_each_read_is_quick():
    """A server that drips bytes never trips the read timeout; the call's own deadline stops it."""
    loop = EventLoopThread()

    with pytest.raises(NextcloudUnavailable, match="did not finish answering"):
        loop.run(asyncio.sleep(60), timeout=0.05)


def test_every_request_has_both_timeouts_and_verifies_tls(nc_backend):
    nc_backend.health()
    session = nc_backend._nextcloud()._session

    for adapter in (session.adapter, session.adapter_dav):
        assert adapter.timeout == (2.0, 5.0)
        assert adapter.verify is True


def test_a_private_ca_bundle_replaces_but_never_disables_verification(fake_nextcloud):
    backend = NcPyApiBackend(fake_nextcloud.url, "portal", "secret", ca_bundle="/etc/ssl/coop-ca.pem")

    assert backend.verify == "/etc/ssl/coop-ca.pem"
    assert backend._nextcloud()._session.adapter_dav.verify == "/etc/ssl/coop-ca.pem"


def test_the_default_timeouts_are_three_and_ten_seconds(fake_nextcloud):
    backend = NcPyApiBackend(fake_nextcloud.url, "portal", "secret")

    assert backend.timeouts == (3.0, 10.0)
    assert backend.call_timeout == 13.0


@pytest.mark.parametrize(
    ("url", "user", "password"),
    [
        ("", "portal", "secret-app-password"),
        ("cloud.example.coop", "portal", "secret-app-password"),
        ("https://portal:secret-app-password@cloud.example.coop", "portal", "secret-app-password"),
        ("https://cloud.example.coop", "", "secret-app-password"),
        ("https://cloud.example.coop", "portal", ""),
    ],
)
def test_incomplete_configuration_is_refused_without_echoing_secrets(url, user, password):
    with pytest.raises(ImproperlyConfigured) as raised:
        NcPyApiBackend(url, user, password)

    assert "secret-app-password" not in str(raised.value)


@pytest.mark.parametrize("kind", ["down", "timeout", "maintenance", "error"])
def test_outage_messages_and_logs_never_hold_credentials(harness, kind, caplog):
    harness.outage(kind)

    with caplog.at_level(logging.DEBUG), pytest.raises(NextcloudUnavailable) as raised:
        harness.backend.list_folder("")

    password = getattr(harness, "fake", None) and harness.fake.password
    for text in (str(raised.value), repr(raised.value), caplog.text, repr(harness.backend)):
        assert not password or password not in text


def test_refused_credentials_are_an_error_without_the_password(fake_nextcloud, caplog):
    backend = NcPyApiBackend(fake_nextcloud.url, "portal", "Wrong-app-password-42")
    try:
        with caplog.at_level(logging.DEBUG), pytest.raises(NextcloudError, match="credentials") as raised:
            backend.list_folder("")
    finally:
        backend.close()

    assert "Wrong-app-password-42" not in str(raised.value) + caplog.text + repr(backend)


def test_a_refused_connection_is_unavailable(fake_nextcloud):
    backend = make_nc_backend(fake_nextcloud)
    fake_nextcloud.refuse_connections()
    try:
        with pytest.raises(NextcloudUnavailable, match="cannot reach NextCloud"):
            backend.health()
    finally:
        backend.close()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (500, NextcloudUnavailable),
        (502, NextcloudUnavailable),
        (503, NextcloudUnavailable),
        (408, NextcloudUnavailable),
        (429, NextcloudUnavailable),
        (996, NextcloudUnavailable),
        (999, NextcloudUnavailable),
        (401, NextcloudError),
        (997, NextcloudError),
        (403, NextcloudError),
        (102, NextcloudError),
        (404, NextcloudNotFound),
        (998, NextcloudNotFound),
    ],
)
def test_nextcloud_answers_are_sorted_into_outages_and_errors(status, expected):
    error = translate("list Shared", NextcloudException(status, reason="NextCloud's reason", info="request: GET /x"))

    assert type(error) is expected
    assert str(error).startswith("list Shared: ")
