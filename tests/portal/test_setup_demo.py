"""`make run`'s first-run step: demo content when the database is empty, and an admin account shown once."""

import io
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms.demo.loader import DemoLoader
from cms.handbook.models import HandbookIndexPage
from tests.conftest import SMALL_DEMO


def run_setup():
    out = io.StringIO()
    call_command("setup_demo", "--address", "http://127.0.0.1:8123", stdout=out)
    return out.getvalue()


def test_first_run_loads_the_demo_and_prints_the_admin_password_once(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(DemoLoader.__init__, "__defaults__", (SMALL_DEMO,))
    with django_capture_on_commit_callbacks(execute=True):
        first = run_setup()
    assert HandbookIndexPage.objects.count() == 3  # en, es, ar in the small demo
    password = re.search(r"password '([^']+)'", first).group(1)
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert "http://127.0.0.1:8123/admin/" in first
    assert "http://127.0.0.1:8123/graphql/" in first and "http://127.0.0.1:8123/es/" in first

    second = run_setup()
    assert "already has content" in second
    assert password not in second
    assert HandbookIndexPage.objects.count() == 3
