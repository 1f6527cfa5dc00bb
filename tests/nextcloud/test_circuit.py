"""The circuit breaker: it opens after repeated outages, then fails fast without NextCloud hearing a request."""

import pytest
from django.test import override_settings

from portal.nextcloud.backends import get_backend
from portal.nextcloud.backends.base import Download
from portal.nextcloud.backends.memory import MemoryBackend
from portal.nextcloud.circuit import CircuitBreaker, GuardedBackend
from portal.nextcloud.exceptions import NextcloudNotFound, NextcloudUnavailable, UnsafePath

NC_PY_API = "portal.nextcloud.backends.nc_py_api.NcPyApiBackend"


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def guarded(clock):
    """The memory backend behind a breaker that opens after 3 outages for 30 s."""
    return GuardedBackend(MemoryBackend(), CircuitBreaker(failures=3, reset_seconds=30, clock=clock))


def fail(guarded, times):
    for _ in range(times):
        with pytest.raises(NextcloudUnavailable):
            guarded.list_folder("")


@pytest.fixture
def nextcloud_behind_the_breaker(fake_nextcloud, clock):
    """get_backend() as configured in settings: nc-py-api against the loopback NextCloud, the clock under test."""
    config = {
        "BACKEND": NC_PY_API,
        "OPTIONS": {
            "url": fake_nextcloud.url,
            "user": fake_nextcloud.service_user,
            "app_password": fake_nextcloud.password,
        },
        "CIRCUIT": {"FAILURES": 3, "RESET_SECONDS": 30},
    }
    with override_settings(NEXTCLOUD=config):
        backend = get_backend()
        backend.breaker.clock = clock
        yield backend


def test_the_circuit_opens_after_repeated_outages_and_then_spares_nextcloud(
    nextcloud_behind_the_breaker, fake_nextcloud, clock
):
    backend = nextcloud_behind_the_breaker
    fake_nextcloud.mode = "maintenance"
    for expected_requests in (1, 2, 3):
        with pytest.raises(NextcloudUnavailable, match="maintenance"):
            backend.list_folder("")
        assert fake_nextcloud.count() == expected_requests

    for _ in range(5):
        with pytest.raises(NextcloudUnavailable, match="circuit open"):
            backend.list_folder("")
    fake_nextcloud.mode = "ok"
    clock.now += 29
    with pytest.raises(NextcloudUnavailable, match="circuit open"):
        backend.health()

    assert fake_nextcloud.count() == 3
    assert backend.breaker.state() == "open"


def test_the_circuit_closes_after_a_successful_trial(nextcloud_behind_the_breaker, fake_nextcloud, clock):
    backend = nextcloud_behind_the_breaker
    fake_nextcloud.mode = "error"
    fail(backend, 3)
    fake_nextcloud.mode = "ok"
    clock.now += 30

    assert backend.breaker.state() == "half-open"
    assert backend.list_folder("") == []
    assert backend.breaker.state() == "closed"
    requests = fake_nextcloud.count()
    backend.health()
    assert fake_nextcloud.count() > requests


def test_a_failed_trial_opens_the_circuit_again(guarded, clock):
    guarded.backend.simulate("down")
    fail(guarded, 3)
    clock.now += 30
    calls = guarded.backend.calls

    fail(guarded, 1)  # the trial
    assert guarded.backend.calls == calls + 1
    assert guarded.breaker.state() == "open"

    guarded.backend.simulate(None)
    clock.now += 29
    fail(guarded, 1)
    assert guarded.backend.calls == calls + 1
    clock.now += 1
    assert guarded.list_folder("") == []


def test_only_one_caller_makes_the_trial(guarded, clock):
    guarded.backend.simulate("timeout")
    fail(guarded, 3)
    guarded.backend.simulate(None)
    clock.now += 30
    seen_during_trial = []

    def trial():
        # Another request (another process) arrives while the trial call is still waiting for NextCloud.
        with pytest.raises(NextcloudUnavailable, match="half-open"):
            guarded.health()
        seen_during_trial.append(guarded.breaker.state())
        return "answered"

    assert guarded.breaker.call(trial) == "answered"
    assert seen_during_trial == ["half-open"]
    assert guarded.breaker.state() == "closed"


def test_answers_such_as_not_found_show_nextcloud_is_up(guarded):
    guarded.backend.simulate("maintenance")
    fail(guarded, 2)
    guarded.backend.simulate(None)
    with pytest.raises(NextcloudNotFound):
        guarded.list_folder("Missing")
    guarded.backend.simulate("maintenance")
    fail(guarded, 2)

    assert guarded.breaker.state() == "closed"


def test_refused_paths_say_nothing_about_nextcloud(guarded):
    guarded.backend.simulate("down")
    fail(guarded, 2)
    for _ in range(5):
        with pytest.raises(UnsafePath):
            guarded.list_folder("../etc")

    assert guarded.breaker.state() == "closed"


def test_processes_share_the_circuit_through_the_cache(clock):
    """Two breakers on the same cache, as in two web processes with REDIS_URL: one opens it for both."""
    web_1 = GuardedBackend(MemoryBackend(), CircuitBreaker(failures=3, reset_seconds=30, clock=clock))
    web_2 = GuardedBackend(MemoryBackend(), CircuitBreaker(failures=3, reset_seconds=30, clock=clock))
    web_1.backend.simulate("down")
    fail(web_1, 3)

    with pytest.raises(NextcloudUnavailable, match="circuit open"):
        web_2.list_folder("")
    assert web_2.backend.calls == 0


def test_a_download_that_breaks_off_counts_as_an_outage(guarded):
    def broken_chunks():
        yield b"first"
        raise NextcloudUnavailable("download: cannot reach NextCloud (ConnectionError)")

    class BreakingBackend(MemoryBackend):
        def open_download(self, path):
            return Download("report.pdf", 100, "application/pdf", "etag", broken_chunks())

    backend = GuardedBackend(BreakingBackend(), guarded.breaker)
    download = backend.open_download("report.pdf")
    with pytest.raises(NextcloudUnavailable):
        list(download.chunks)
    backend.backend.simulate("down")
    fail(backend, 2)

    assert guarded.breaker.state() == "open"


def test_helpers_outside_the_interface_are_not_guarded(guarded):
    guarded.backend.simulate("down")
    fail(guarded, 3)

    guarded.simulate(None)  # reaches the backend although the circuit is open
    assert guarded.add_file("Shared/a.txt", b"a").name == "a.txt"


def test_get_backend_follows_the_settings(fake_nextcloud):
    default = get_backend()
    assert isinstance(default.backend, MemoryBackend)
    assert get_backend() is default
    assert (default.breaker.failures, default.breaker.reset_seconds) == (3, 30.0)

    options = {"url": fake_nextcloud.url, "user": "portal", "app_password": fake_nextcloud.password}
    with override_settings(NEXTCLOUD={"BACKEND": NC_PY_API, "OPTIONS": options}):
        configured = get_backend()
        assert configured.backend.base_url == fake_nextcloud.url
        assert (configured.breaker.failures, configured.breaker.reset_seconds) == (5, 30.0)
        assert configured.health().version == "27.1.3"

    assert get_backend() is not configured
