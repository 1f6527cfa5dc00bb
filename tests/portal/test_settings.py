"""Settings come from the environment in one place; production refuses to start half-configured."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import parse_fallbacks


def import_production(**environment):
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings.production"], env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "environment, missing",
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "coop.example"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_secret_key_and_hosts(environment, missing):
    result = import_production(**environment)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_starts_when_configured():
    result = import_production(SECRET_KEY="x" * 50, ALLOWED_HOSTS="coop.example")
    assert result.returncode == 0, result.stderr


def test_fallback_chains_parse():
    assert parse_fallbacks("ca:es>en; pt:es") == {"ca": ["es", "en"], "pt": ["es"]}
    assert parse_fallbacks("") == {}
    with pytest.raises(ImproperlyConfigured, match="code:a>b"):
        parse_fallbacks("ca")


def machine_translator_under(**environment) -> str:
    """The machine translator wagtail-localize picks when the portal starts with this environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("LIBRETRANSLATE")}
    env.update(environment, DJANGO_SETTINGS_MODULE="portal.settings.test")
    script = (
        "import django; django.setup();"
        "from wagtail_localize.machine_translators import get_machine_translator as get;"
        "translator = get(); print(type(translator).__name__ if translator else None,"
        " translator.get_api_endpoint() if translator else '', translator.options['API_KEY'] if translator else '')"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_machine_translation_is_off_unless_a_libretranslate_server_is_named():
    assert machine_translator_under() == "None"
    assert (
        machine_translator_under(LIBRETRANSLATE_URL="https://translate.example.coop/", LIBRETRANSLATE_API_KEY="k")
        == "LibreTranslator https://translate.example.coop k"
    )
