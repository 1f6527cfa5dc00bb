"""A circuit breaker in front of NextCloud, shared by every process through Django's cache.

Closed: calls go through; NEXTCLOUD["CIRCUIT"]["FAILURES"] outages in a row (NextcloudUnavailable) open it.
Open: for RESET_SECONDS every call fails at once with NextcloudUnavailable, so a NextCloud that is down or
overloaded is left alone and pages answer "files are unavailable" without waiting for timeouts.
Half-open: after that, one call (one process, decided by cache.add) tries NextCloud; success closes the circuit,
another outage opens it again. Answers such as "not found" show NextCloud is up: they count as successes.

With REDIS_URL the state is shared by all web processes and workers; with the local-memory cache each process
keeps its own.
"""

import functools
import logging
import time
from collections.abc import Callable, Iterator

from django.core.cache import caches

from portal.nextcloud.backends.base import Download, NextcloudBackend
from portal.nextcloud.exceptions import NextcloudError, NextcloudUnavailable

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(
        self,
        name: str = "nextcloud",
        failures: int = 5,
        reset_seconds: float = 30.0,
        cache_alias: str = "default",
        clock: Callable[[], float] = time.time,
    ):
        if failures < 1:
            raise ValueError("A circuit breaker needs at least one failure to open.")
        self.failures = failures
        self.reset_seconds = reset_seconds
        self.cache_alias = cache_alias
        self.clock = clock
        self.failures_key = f"{name}:circuit:failures"
        self.open_until_key = f"{name}:circuit:open-until"
        self.trial_key = f"{name}:circuit:trial"

    @property
    def cache(self):
        return caches[self.cache_alias]

    def state(self) -> str:
        open_until = self.cache.get(self.open_until_key)
        if open_until is None:
            return "closed"
        return "open" if self.clock() < open_until else "half-open"

    def call(self, function: Callable, *args, **kwargs):
        state = self._admit()
        try:
            result = function(*args, **kwargs)
        except NextcloudUnavailable:
            self.record_failure(trial=state == "half-open")
            raise
        except NextcloudError:  # NextCloud answered: it is up
            self.record_success(state)
            raise
        except BaseException:  # refused before any request (UnsafePath), or a bug: no verdict on NextCloud
            if state == "half-open":
                self.cache.delete(self.trial_key)
            raise
        self.record_success(state)
        return result

    def _admit(self) -> str:
        """Let the call through ("closed", or "half-open" for the one trial call), or fail fast."""
        values = self.cache.get_many([self.open_until_key, self.failures_key])
        open_until = values.get(self.open_until_key)
        if open_until is None:
            return "failing" if values.get(self.failures_key) else "closed"
        if self.clock() < open_until:
            raise NextcloudUnavailable("NextCloud is not being called for now: it failed repeatedly (circuit open)")
        # Only one caller, across all processes, makes the trial; the key expires in case it never reports back.
        if not self.cache.add(self.trial_key, self.clock(), timeout=max(self.reset_seconds, 1)):
            raise NextcloudUnavailable("NextCloud is being tried again by another request (circuit half-open)")
        return "half-open"

    def record_failure(self, *, trial: bool = False) -> None:
        if trial:
            self._open()
            self.cache.delete(self.trial_key)
            return
        self.cache.add(self.failures_key, 0, timeout=None)
        try:
            count = self.cache.incr(self.failures_key)
        except ValueError:  # expired between add and incr
            count = 1
            self.cache.set(self.failures_key, count, timeout=None)
        if count >= self.failures:
            self._open()

    def record_success(self, state: str) -> None:
        if state == "half-open":
            logger.warning("NextCloud answers again: circuit closed")
            self.cache.delete_many([self.open_until_key, self.failures_key, self.trial_key])
        elif state == "failing":
            self.cache.delete(self.failures_key)

    def reset(self) -> None:
        self.cache.delete_many([self.open_until_key, self.failures_key, self.trial_key])

    def _open(self) -> None:
        logger.warning("NextCloud is unavailable: not calling it for %ss", self.reset_seconds)
        self.cache.set(self.open_until_key, self.clock() + self.reset_seconds, timeout=None)
        self.cache.delete(self.failures_key)


class GuardedBackend:
    """A backend whose every call goes through the circuit breaker (what `get_backend()` returns)."""

    GUARDED = frozenset(NextcloudBackend.__abstractmethods__)

    def __init__(self, backend: NextcloudBackend, breaker: CircuitBreaker):
        self.backend = backend
        self.breaker = breaker

    def __getattr__(self, name):
        attribute = getattr(self.backend, name)
        if name not in self.GUARDED:
            return attribute

        @functools.wraps(attribute)
        def guarded(*args, **kwargs):
            result = self.breaker.call(attribute, *args, **kwargs)
            if isinstance(result, Download):
                return Download(result.name, result.size, result.content_type, result.etag, self._watch(result))
            return result

        return guarded

    def _watch(self, download: Download) -> Iterator[bytes]:
        """A download that breaks off midway counts as an outage too."""
        try:
            yield from download.chunks
        except NextcloudUnavailable:
            self.breaker.record_failure()
            raise
        finally:
            close = getattr(download.chunks, "close", None)
            if close is not None:
                close()
