"""From the readers' forms to the translation dashboard: what readers send on the site is what translators see."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.translations.dashboard import build_grid
from tests.feedback.test_frontend import SITE, suggestion


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="x")


def reader() -> Client:
    """Another reader: a browser of their own."""
    return Client()


def ask(client, handbook, page) -> str:
    form = {"lang": "es", "path": f"/{page.slug}/", "key": handbook.key(page)}
    return client.post("/feedback/request/", form, headers=SITE).url


def suggest(client, handbook, **fields) -> str:
    return client.post("/feedback/suggest/", suggestion(handbook, **fields), headers=SITE).url


def spanish_cell(grid, page):
    row = next(row for row in grid.rows if row.key == page.translation_key)
    return row.cell("es")


def test_what_readers_send_from_the_site_appears_in_the_dashboard(handbook, superuser):
    first, second = reader(), reader()
    assert ask(first, handbook, handbook.commoning).endswith("feedback=asked#feedback-status")
    assert ask(first, handbook, handbook.commoning).endswith("feedback=asked-before#feedback-status")  # counts once
    assert ask(second, handbook, handbook.commoning).endswith("feedback=asked#feedback-status")
    assert suggest(first, handbook).endswith("feedback=sent#feedback-status")
    suggest(second, handbook, website="http://spam.example")  # the honeypot: thanked for, never stored

    grid = build_grid(superuser)
    assert spanish_cell(grid, handbook.commoning).requests == 2
    assert spanish_cell(grid, handbook.spaces).suggestions == 1
    assert [(item.row.title, item.cell.locale.language_code, item.count) for item in grid.most_requested] == [
        ("Commoning", "es", 2)
    ]

    admin = Client()
    admin.force_login(superuser)
    dashboard = admin.get(reverse("translations_dashboard")).content.decode()
    assert 'data-requests="2"' in dashboard and 'data-suggestions="1"' in dashboard
    assert "Most requested missing pages" in dashboard
