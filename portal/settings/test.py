"""The test suite: like dev, but quiet, fast password hashing and plain static storage."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import STORAGES as _STORAGES

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**_STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests change content inside transactions that never commit, so the content version (moved on commit) stays put:
# the in-memory trees would go stale. tests/api/test_content_memo.py turns it on where commits are simulated.
PORTAL_CONTENT_MEMO = False
# NextCloud: the in-memory backend, whatever the environment says (tests/nextcloud drives nc-py-api on its own).
NEXTCLOUD = {
    "BACKEND": "portal.nextcloud.backends.memory.MemoryBackend",
    "OPTIONS": {"url": "https://cloud.example.test", "user": "portal"},
    "CIRCUIT": {"FAILURES": 3, "RESET_SECONDS": 30},
}
NEXTCLOUD_MEMBERS_FOLDER = "Members"

# Parallel test workers (pytest-xdist: gw0, gw1, ...) each get a database of their own from pytest-django; with
# Redis they also get a Redis database of their own (1 to 13; 14 is the scale tests'), since tests clear the cache.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _WORKER.startswith("gw"):  # noqa: F405
    _redis_db = 1 + int(_WORKER[2:]) % 13
    CACHES["default"]["LOCATION"] = urlunsplit(urlsplit(REDIS_URL)._replace(path=f"/{_redis_db}"))  # noqa: F405
