"""My files while NextCloud is down, slow, failing or in maintenance: the page renders with the notice, in the
reader's language, and the circuit breaker stops the portal from asking again and again."""

import pytest

from tests.nextcloud.conftest import SHORT_READ_TIMEOUT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_folders")]

FILES = "/en/account/files/"
NOTICE = "Files are unavailable right now."


@pytest.fixture
def alice(make_member, nextcloud, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member = make_member("alice")
    nextcloud.add_file("Members/alice/notes.txt", b"notes")
    return member


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice.user)
    return client


@pytest.mark.parametrize("outage", ["down", "timeout", "maintenance", "error"])
@pytest.mark.parametrize("address", ["", "browse/mine/", "browse/Handbook/", "download/mine/notes.txt"])
def test_every_files_page_renders_the_notice(as_alice, nextcloud, outage, address):
    nextcloud.simulate(outage)

    response = as_alice.get(FILES + address)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert NOTICE in page
    assert "<footer" in page  # the whole page, in the readers' frame
    assert "/en/account/files/browse/Handbook/" in page  # and the way to the other folders


def test_the_notice_is_in_the_readers_language(as_alice, nextcloud):
    nextcloud.simulate("maintenance")

    page = as_alice.get("/es/account/files/").content.decode()

    assert "Los archivos no están disponibles en este momento." in page


def test_the_circuit_breaker_stops_asking_nextcloud(as_alice, nextcloud):
    nextcloud.simulate("down")
    for _ in range(3):  # the test settings open the circuit after three outages in a row
        as_alice.get(FILES)
    calls = nextcloud.calls

    for address in ("", "browse/mine/", "download/mine/notes.txt"):
        response = as_alice.get(FILES + address)
        assert response.status_code == 503
        assert NOTICE in response.content.decode()

    assert nextcloud.calls == calls


def test_pages_render_within_the_timeouts_of_a_hanging_nextcloud(as_alice, fake_nextcloud, settings, alice):
    """The nc-py-api backend against a NextCloud that never answers: the read timeout ends the wait."""
    fake_nextcloud.add_user("alice", "alice", "alice@example.coop", ["Members"])
    fake_nextcloud.add_file("Members/alice/notes.txt", b"notes")
    settings.NEXTCLOUD = {
        "BACKEND": "portal.nextcloud.backends.nc_py_api.NcPyApiBackend",
        "OPTIONS": {
            "url": fake_nextcloud.url,
            "user": fake_nextcloud.service_user,
            "app_password": fake_nextcloud.password,
            "connect_timeout": 1.0,
            "read_timeout": SHORT_READ_TIMEOUT,
        },
    }
    assert "notes.txt" in as_alice.get(FILES).content.decode()
    fake_nextcloud.mode = "hang"

    for address in ("", "download/mine/notes.txt"):
        response = as_alice.get(FILES + address)
        assert response.status_code == 503
        assert NOTICE in response.content.decode()
    fake_nextcloud.release.set()


@pytest.mark.parametrize("mode", ["maintenance", "error"])
def test_nextclouds_503_and_500_answers_render_the_notice(as_alice, fake_nextcloud, settings, alice, mode):
    fake_nextcloud.add_file("Members/alice/notes.txt", b"notes")
    settings.NEXTCLOUD = {
        "BACKEND": "portal.nextcloud.backends.nc_py_api.NcPyApiBackend",
        "OPTIONS": {"url": fake_nextcloud.url, "user": "portal", "app_password": fake_nextcloud.password},
    }
    fake_nextcloud.mode = mode

    response = as_alice.get(FILES + "download/mine/notes.txt")

    assert response.status_code == 503
    assert NOTICE in response.content.decode()
    assert fake_nextcloud.count() >= 1  # NextCloud was asked, and its answer understood


def test_files_come_back_with_nextcloud(as_alice, nextcloud):
    nextcloud.simulate("maintenance")
    assert as_alice.get(FILES).status_code == 503

    nextcloud.simulate(None)

    response = as_alice.get(FILES)
    assert response.status_code == 200
    assert "notes.txt" in response.content.decode()
