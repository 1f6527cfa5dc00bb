"""Scale-out tests: real gunicorn instances sharing one PostgreSQL database and one Redis.

They need a PostgreSQL server (trust or password in the URL) and a Redis server. The servers are those of
DATABASE_URL and REDIS_URL when they name PostgreSQL and Redis, else 127.0.0.1:5432 (user postgres) and
127.0.0.1:6379. The tests create their own database (dropped afterwards) and use their own Redis database number
and key prefix, so they never touch the suite's data. Unreachable servers skip them, unless DATABASE_URL names
PostgreSQL (as in CI's second run) or REQUIRE_SERVICES=1: then they fail.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379"
REDIS_DB = 14  # the suite's own runs use the URL's database (0 in CI)


def postgres_server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_POSTGRES


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "") or DEFAULT_REDIS
    return with_database(url, str(REDIS_DB))


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1" or postgres_server_url() != DEFAULT_POSTGRES


def unreachable() -> str | None:
    """Why the services cannot be used here, or None."""
    try:
        with psycopg.connect(with_database(postgres_server_url(), "postgres"), connect_timeout=3):
            pass
    except psycopg.Error as error:
        return f"PostgreSQL is not reachable ({error})"
    try:
        redis.Redis.from_url(redis_url(), socket_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable ({error})"
    return None


def pytest_collection_modifyitems(config, items):
    """Skip this folder's tests with the reason when a service is unreachable, unless they are required: then the
    `shared_services` fixture fails them."""
    here = Path(__file__).parent
    ours = [item for item in items if here in item.path.parents]
    reason = unreachable() if ours and not services_required() else None
    if reason is None:
        return
    skip = pytest.mark.skip(reason=f"scale-out tests skipped: {reason}; REQUIRE_SERVICES=1 fails instead")
    for item in ours:
        item.add_marker(skip)


def manage(env: dict, *args: str) -> str:
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    if result.returncode:
        raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@pytest.fixture(scope="module")
def shared_services():
    """A migrated PostgreSQL database of its own, collected static files and an empty Redis key space: the
    environment of every process (gunicorn, manage.py) of one deployment. Everything is removed afterwards."""
    reason = unreachable()
    if reason:
        pytest.fail(f"PostgreSQL and Redis are required here but {reason}", pytrace=False)
    name = f"scale_{secrets.token_hex(4)}"
    admin_url = with_database(postgres_server_url(), "postgres")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    work = Path(tempfile.mkdtemp(prefix="portal-scale-"))
    prefix = f"portal-{name}"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PORTAL_", "FRONTENDS_", "GUNICORN"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.bench",
        DATABASE_URL=with_database(postgres_server_url(), name),
        REDIS_URL=redis_url(),
        CACHE_KEY_PREFIX=prefix,
        STATIC_ROOT=str(work / "static"),
        PORTAL_VAR_DIR=str(work),
        TASKS_BACKEND="immediate",
    )
    cache = redis.Redis.from_url(redis_url())
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        yield {"env": env, "work": work, "redis": cache, "key_prefix": prefix}
    finally:
        for key in cache.scan_iter(match=f"{prefix}:*"):
            cache.delete(key)
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)
