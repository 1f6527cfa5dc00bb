"""Settings shared by every environment. Every environment variable the portal reads is read here.

dev, test and production modules only override values; they never read the environment themselves.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def parse_fallbacks(spec: str) -> dict[str, list[str]]:
    """Parse "ca:es>en;pt:es" into {"ca": ["es", "en"], "pt": ["es"]}."""
    chains: dict[str, list[str]] = {}
    for entry in filter(None, (part.strip() for part in spec.split(";"))):
        code, _, chain = entry.partition(":")
        if not chain:
            raise ImproperlyConfigured(f"PORTAL_LANGUAGE_FALLBACKS entry {entry!r} needs the form code:a>b")
        chains[code.strip()] = [c.strip() for c in chain.split(">") if c.strip()]
    return chains


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "portal.nextcloud",
    "portal.members",
    "portal.federation",
    "cms.handbook",
    "cms.glossary",
    "cms.governance",
    "cms.translations",
    "cms.feedback",
    "cms.changes",
    "cms.mirrors",
    "cms.demo",
    "frontends",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "graphene_django",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis shared by every process when REDIS_URL is set, else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks: run immediately unless TASKS_BACKEND=database (production: a worker process runs them).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

# django-axes first: it refuses a locked-out user name and address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Content languages are configuration; English is the source language.
PORTAL_LANGUAGE_NAMES = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "de": "Deutsch",
    "ar": "العربية",
    "ca": "Català",
    "pt": "Português",
    "it": "Italiano",
    "nl": "Nederlands",
}
PORTAL_LANGUAGES = env_list("PORTAL_LANGUAGES", "en,es,fr,de,ar")
unknown = [code for code in PORTAL_LANGUAGES if code not in PORTAL_LANGUAGE_NAMES]
if unknown:
    raise ImproperlyConfigured(f"PORTAL_LANGUAGES names languages the portal has no name for: {unknown}")
LANGUAGE_CODE = PORTAL_LANGUAGES[0]
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, PORTAL_LANGUAGE_NAMES[code]) for code in PORTAL_LANGUAGES
]
# Fallback chains: every language falls back to the default language unless configured otherwise.
PORTAL_LANGUAGE_FALLBACKS = parse_fallbacks(os.environ.get("PORTAL_LANGUAGE_FALLBACKS", ""))
WAGTAIL_I18N_ENABLED = True
# A page submitted for translation stays a draft ("in progress" on the translators' dashboard) until its translator
# publishes it; meanwhile readers get the fallback language rather than untranslated text under their language.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation stays off unless the co-op runs a LibreTranslate server and names it here.
LIBRETRANSLATE_URL = os.environ.get("LIBRETRANSLATE_URL", "").rstrip("/")
if LIBRETRANSLATE_URL:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL,
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
            "TIMEOUT": int(os.environ.get("LIBRETRANSLATE_TIMEOUT", "10")),
        },
    }
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = os.environ.get("PORTAL_SITE_NAME", "The co-op portal")
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Task start/finish and Wagtail's publish notices are noise at INFO; problems still show.
    "loggers": {
        name: {"level": "WARNING"}
        for name in (
            "django_tasks",
            "wagtail",
            "wagtail_localize",
            "modelsearch",
            "wagtail.contrib.redirects",
        )
    },
}
GRAPHENE = {"SCHEMA": "portal.schema.schema"}

# Security headers (portal/security.py). Readers' sites and every other path: no inline script or style, nothing
# from another origin, no framing. The Wagtail admin has its own policy: its templates and widgets (inline panels,
# date pickers, Draftail, wagtail-localize's React editor) run inline scripts and set inline styles, it shows avatars
# and embed previews from other sites, and it frames its own previews. A policy is a dict: directive -> sources.
PORTAL_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PORTAL_CONTENT_SECURITY_POLICY_BY_PATH = {
    "/admin/": {
        **PORTAL_CONTENT_SECURITY_POLICY,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https:"],
        "frame-ancestors": ["'self'"],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Sign-in throttling (django-axes) for the admin's and the members' sign-in alike: after PORTAL_SIGN_IN_FAILURES
# wrong passwords for one user name from one address, that pair is locked out for PORTAL_SIGN_IN_LOCKOUT_MINUTES.
# Failures are kept in the database, so every web process sees them; a successful sign-in clears them. The address
# is the one the feedback limits use (PORTAL_CLIENT_IP_HEADER behind a proxy).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_SIGN_IN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("PORTAL_SIGN_IN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "cms.feedback.readers.client_address"
AXES_LOCKOUT_CALLABLE = "portal.security.locked_out"
AXES_VERBOSE = False

# Content API limits (every violation is a GraphQL error with HTTP 400).
PORTAL_API_MAX_DEPTH = int(os.environ.get("PORTAL_API_MAX_DEPTH", "10"))
PORTAL_API_MAX_ALIASES = int(os.environ.get("PORTAL_API_MAX_ALIASES", "20"))
PORTAL_API_MAX_DOCUMENT_BYTES = int(os.environ.get("PORTAL_API_MAX_DOCUMENT_BYTES", str(10 * 1024)))
PORTAL_API_MAX_PAGE_SIZE = int(os.environ.get("PORTAL_API_MAX_PAGE_SIZE", "100"))
PORTAL_API_MAX_SEARCH_LENGTH = int(os.environ.get("PORTAL_API_MAX_SEARCH_LENGTH", "200"))
# Keep each language's built handbook tree and the view restrictions in memory per content version.
PORTAL_CONTENT_MEMO = env_bool("PORTAL_CONTENT_MEMO", True)
# How long anonymous API responses stay in the cache; publishing invalidates them sooner.
PORTAL_API_CACHE_SECONDS = int(os.environ.get("PORTAL_API_CACHE_SECONDS", "3600"))
# Bearer tokens the API accepts: one resolver per kind of token (portal/api/auth.py).
PORTAL_API_TOKEN_RESOLVERS = ["portal.members.tokens.user_for_token", "portal.federation.tokens.user_for_token"]
# Partner co-ops (portal/federation/): requests per minute a partner token may make unless the token says otherwise,
# and how long browsers may keep a CORS preflight's answer.
PORTAL_PARTNER_RATE_LIMIT = int(os.environ.get("PORTAL_PARTNER_RATE_LIMIT", "120"))
PORTAL_PARTNER_CORS_MAX_AGE = int(os.environ.get("PORTAL_PARTNER_CORS_MAX_AGE", "600"))
# How many days of partners' request log `manage.py prune_partner_log` keeps.
PORTAL_PARTNER_LOG_DAYS = int(os.environ.get("PORTAL_PARTNER_LOG_DAYS", "90"))
# The change feed holds back changes younger than this, so that one committed a moment late is never skipped.
PORTAL_CHANGES_SETTLE_SECONDS = float(os.environ.get("PORTAL_CHANGES_SETTLE_SECONDS", "1"))
# Federation (portal/federation/webhooks, mirror): the key partners' secrets are encrypted with (default: derived from
# SECRET_KEY); webhook requests' connect and read timeouts, tries and back-off, and how many failures in a row pause
# a subscription; mirror pulls' timeouts, the largest answer accepted and how often the scheduled pull runs.
PORTAL_FEDERATION_KEY = os.environ.get("PORTAL_FEDERATION_KEY", "")
PORTAL_WEBHOOK_TIMEOUT = (
    float(os.environ.get("PORTAL_WEBHOOK_CONNECT_TIMEOUT", "3")),
    float(os.environ.get("PORTAL_WEBHOOK_READ_TIMEOUT", "10")),
)
PORTAL_WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("PORTAL_WEBHOOK_MAX_ATTEMPTS", "8"))
PORTAL_WEBHOOK_RETRY_SECONDS = float(os.environ.get("PORTAL_WEBHOOK_RETRY_SECONDS", "30"))
PORTAL_WEBHOOK_RETRY_MAX_SECONDS = float(os.environ.get("PORTAL_WEBHOOK_RETRY_MAX_SECONDS", "21600"))
PORTAL_WEBHOOK_PAUSE_AFTER = int(os.environ.get("PORTAL_WEBHOOK_PAUSE_AFTER", "10"))
PORTAL_MIRROR_TIMEOUT = (
    float(os.environ.get("PORTAL_MIRROR_CONNECT_TIMEOUT", "3")),
    float(os.environ.get("PORTAL_MIRROR_READ_TIMEOUT", "15")),
)
PORTAL_MIRROR_MAX_BYTES = int(os.environ.get("PORTAL_MIRROR_MAX_BYTES", str(2 * 1024 * 1024)))
PORTAL_MIRROR_PULL_MINUTES = float(os.environ.get("PORTAL_MIRROR_PULL_MINUTES", "60"))

# NextCloud (portal/nextcloud/): the portal works as one service account, a NextCloud admin signing in with an app
# password. Without NEXTCLOUD_URL an in-memory stand-in serves (one process only: for development). Every request
# has the connect and read timeouts; after NEXTCLOUD_CIRCUIT_FAILURES outages in a row NextCloud is left alone for
# NEXTCLOUD_CIRCUIT_RESET_SECONDS. NEXTCLOUD_CA_BUNDLE verifies a private CA; certificates are always verified.
NEXTCLOUD_URL = os.environ.get("NEXTCLOUD_URL", "").rstrip("/")
NEXTCLOUD = {
    "BACKEND": os.environ.get(
        "NEXTCLOUD_BACKEND",
        "portal.nextcloud.backends.nc_py_api.NcPyApiBackend"
        if NEXTCLOUD_URL
        else "portal.nextcloud.backends.memory.MemoryBackend",
    ),
    "OPTIONS": {
        "url": NEXTCLOUD_URL,
        "user": os.environ.get("NEXTCLOUD_USER", ""),
        "app_password": os.environ.get("NEXTCLOUD_APP_PASSWORD", ""),
        "connect_timeout": float(os.environ.get("NEXTCLOUD_CONNECT_TIMEOUT", "3")),
        "read_timeout": float(os.environ.get("NEXTCLOUD_READ_TIMEOUT", "10")),
        "ca_bundle": os.environ.get("NEXTCLOUD_CA_BUNDLE", ""),
    },
    "CIRCUIT": {
        "FAILURES": int(os.environ.get("NEXTCLOUD_CIRCUIT_FAILURES", "5")),
        "RESET_SECONDS": float(os.environ.get("NEXTCLOUD_CIRCUIT_RESET_SECONDS", "30")),
    },
}
# Members' personal folders: <this folder>/<user id> in the service account's home, shared with each member.
NEXTCLOUD_MEMBERS_FOLDER = os.environ.get("NEXTCLOUD_MEMBERS_FOLDER", "Members")
# The co-op's shared folders (paths in the service account's home, comma-separated, e.g. "Co-op/Handbook,Co-op/Forms"),
# shared with every active member: read-only with user members, read-write with operational members. Each is known in
# "My files" addresses by its last segment, which must therefore differ between them.
NEXTCLOUD_SHARED_FOLDERS = [
    folder.strip().strip("/") for folder in os.environ.get("NEXTCLOUD_SHARED_FOLDERS", "").split(",") if folder.strip()
]
# Provisioning that finds NextCloud unavailable tries again after RETRY_SECONDS, doubling each time up to
# RETRY_MAX_SECONDS, for as long as it takes (with the database task backend; see portal/nextcloud/tasks.py).
NEXTCLOUD_PROVISIONING = {
    "RETRY_SECONDS": float(os.environ.get("NEXTCLOUD_PROVISIONING_RETRY_SECONDS", "60")),
    "RETRY_MAX_SECONDS": float(os.environ.get("NEXTCLOUD_PROVISIONING_RETRY_MAX_SECONDS", "3600")),
}
# Handbook pages' NextCloud file blocks: who may see the file and what it is (cms/files.py asks this callable).
CMS_FILE_REFERENCE_RESOLVER = "portal.nextcloud.handbook.resolve_file_reference"

# Readers' feedback (cms/feedback): how many translation suggestions and requests for missing pages one reader (a
# session or an account) may send, as count/period (5/10m: five in ten minutes); an address may send four times as
# many. Behind a proxy, PORTAL_CLIENT_IP_HEADER names the header that carries the reader's address (X-Real-IP,
# or X-Forwarded-For, whose last entry is the one the proxy added).
PORTAL_FEEDBACK_SUGGESTION_RATE = os.environ.get("PORTAL_FEEDBACK_SUGGESTION_RATE", "5/10m")
PORTAL_FEEDBACK_REQUEST_RATE = os.environ.get("PORTAL_FEEDBACK_REQUEST_RATE", "30/10m")
PORTAL_CLIENT_IP_HEADER = os.environ.get("PORTAL_CLIENT_IP_HEADER", "")

# Readers' sites (frontends/). They read content only through the GraphQL API: in-process by default, or from a
# remote portal's API when FRONTENDS_API_URL is set (FRONTENDS_API_TOKEN, if given, is sent as a bearer token).
FRONTENDS_API_URL = os.environ.get("FRONTENDS_API_URL", "")
if FRONTENDS_API_URL:
    FRONTENDS_TRANSPORT = {
        "BACKEND": "frontends.transport.HttpTransport",
        "OPTIONS": {
            "url": FRONTENDS_API_URL,
            "token": os.environ.get("FRONTENDS_API_TOKEN", ""),
            "connect_timeout": float(os.environ.get("FRONTENDS_API_CONNECT_TIMEOUT", "3.05")),
            "read_timeout": float(os.environ.get("FRONTENDS_API_READ_TIMEOUT", "10")),
        },
    }
else:
    FRONTENDS_TRANSPORT = {"BACKEND": "frontends.transport.InProcessTransport", "OPTIONS": {}}


def parse_hosts(spec: str) -> dict[str, str]:
    """Parse "es.example.coop=es,fr.example.coop=fr" into {"es.example.coop": "es", "fr.example.coop": "fr"}."""
    hosts: dict[str, str] = {}
    for entry in filter(None, (part.strip() for part in spec.split(","))):
        host, _, code = entry.partition("=")
        if code.strip() not in PORTAL_LANGUAGES:
            raise ImproperlyConfigured(
                f"FRONTENDS_HOSTS entry {entry!r} needs the form host=language, a content language"
            )
        hosts[host.strip().lower()] = code.strip()
    return hosts


# Host names that serve one language at their root (the others are served at /<language>/), and the address of
# the site that serves languages without a host of their own, for links from the language hosts.
FRONTENDS_HOSTS = parse_hosts(os.environ.get("FRONTENDS_HOSTS", ""))
FRONTENDS_BASE_URL = os.environ.get("FRONTENDS_BASE_URL", "").rstrip("/")
# How long anonymous readers' rendered pages stay in the shared cache (0: not at all); publishing retires them sooner.
FRONTENDS_PAGE_CACHE_SECONDS = int(os.environ.get("FRONTENDS_PAGE_CACHE_SECONDS", "3600"))
