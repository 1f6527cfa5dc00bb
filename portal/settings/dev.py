"""Local development: SQLite, local-memory cache, tasks run immediately, e-mail to the console."""

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = True
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
