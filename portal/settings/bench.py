"""The benchmark (bench/): production-like, on loopback, with Wagtail's REST API v2 mounted to compare with.

Like the other settings modules it reads no environment itself: bench/ sets DATABASE_URL (an SQLite file) and
STATIC_ROOT (a temporary folder it collects static files into) for base.py to read.
"""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

DEBUG = False
SECRET_KEY = "bench-only-throwaway-key"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "portal.bench_urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
WAGTAILAPI_LIMIT_MAX = None  # v2 lists a whole handbook in one request, as the GraphQL API does
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
