"""Migrations run from an empty database, and over the demo data: each app's latest migration reversed and applied
again over populated tables, losing nothing. On SQLite always; also on PostgreSQL when DATABASE_URL points there (in
a database of its own, made and dropped here). Each step runs in its own process, as `manage.py migrate` would."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(database_url: str, *args: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)  # a cache of its own: the demo's publishing must not touch the suite's shared one
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # noqa: S603
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def manage(database_url: str, *args: str) -> str:
    return run(database_url, sys.executable, "manage.py", *args)


def step(database_url: str, name: str) -> str:
    return run(database_url, sys.executable, "-c", f"from tests.portal.migration_steps import {name}; {name}()")


def postgres_database():
    """A new, empty PostgreSQL database on the server DATABASE_URL names, dropped afterwards."""
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"portal_migrations_{uuid.uuid4().hex[:8]}"
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        user = config["USER"] or ""
        password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
        yield f"postgres://{user}{password}@{config['HOST'] or 'localhost'}:{config['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(**server) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


DATABASES = ["sqlite"]
if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    DATABASES.append("postgresql")


@pytest.fixture(params=DATABASES)
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    else:
        yield from postgres_database()


def test_migrations_run_from_empty_and_over_the_demo_data(empty_database):
    manage(empty_database, "migrate", "--no-input")
    plan = manage(empty_database, "showmigrations", "--plan")
    assert "[X]" in plan
    assert "[ ]" not in plan

    step(empty_database, "load_demo")
    before = json.loads(step(empty_database, "summary"))
    assert before["members"] == [["member", "active"]]
    assert {language for language, _path, _title in before["pages"]} >= {"en", "es", "ar"}

    latest = json.loads(step(empty_database, "latest_migrations"))
    assert latest, "no app of the project has a second migration to reverse"
    for app, names in latest.items():
        manage(empty_database, "migrate", app, names["previous"], "--no-input")
    assert "[ ]" in manage(empty_database, "showmigrations", "--plan")
    manage(empty_database, "migrate", "--no-input")
    assert "[ ]" not in manage(empty_database, "showmigrations", "--plan")
    assert json.loads(step(empty_database, "summary")) == before
