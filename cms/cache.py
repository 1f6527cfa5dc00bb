"""The content version: one number in the shared cache that every publish moves on.

Caches of rendered content (the API's responses) put the version in their keys, so a publish makes every older
entry unreachable in every process sharing the cache at once, without finding and deleting entries one by one.
"""

from django.core.cache import cache

CONTENT_VERSION_KEY = "cms:content-version"


def content_version() -> int:
    return cache.get(CONTENT_VERSION_KEY, 1)


def bump_content_version() -> int:
    """Move the version on atomically (Redis INCR), so concurrent publishes in other processes are never lost."""
    try:
        return cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # no version yet: readers saw the default, 1
        # add() does nothing if another process created the key meanwhile; then that process's value is moved on.
        if cache.add(CONTENT_VERSION_KEY, 2, timeout=None):
            return 2
        return cache.incr(CONTENT_VERSION_KEY)
