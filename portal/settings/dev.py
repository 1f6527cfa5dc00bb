"""Local development: SQLite, local-memory cache, tasks run immediately, e-mail to the console."""

from .base import *  # noqa: F403
from .base import PORTAL_CONTENT_SECURITY_POLICY as _POLICY
from .base import PORTAL_CONTENT_SECURITY_POLICY_BY_PATH as _BY_PATH
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = True
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# GraphiQL, served at /graphql/ with DEBUG, loads React and its styles from a CDN and starts with an inline script.
PORTAL_CONTENT_SECURITY_POLICY_BY_PATH = {
    **_BY_PATH,
    "/graphql/": {
        **_POLICY,
        "script-src": ["'self'", "'unsafe-inline'", "https://cdn.jsdelivr.net"],
        "style-src": ["'self'", "'unsafe-inline'", "https://cdn.jsdelivr.net"],
    },
}
