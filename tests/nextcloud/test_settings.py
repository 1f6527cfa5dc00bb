"""The NEXTCLOUD_* environment variables, as portal/settings/base.py reads them."""

import importlib
import os

import pytest

import portal.settings.base


@pytest.fixture
def load_settings(monkeypatch):
    for name in [name for name in os.environ if name.startswith("NEXTCLOUD_")]:
        monkeypatch.delenv(name)

    def load(**environment):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(portal.settings.base)

    yield load
    monkeypatch.undo()
    importlib.reload(portal.settings.base)


def test_without_a_url_the_memory_backend_serves(load_settings):
    settings = load_settings()

    assert settings.NEXTCLOUD["BACKEND"] == "portal.nextcloud.backends.memory.MemoryBackend"
    assert settings.NEXTCLOUD["OPTIONS"]["connect_timeout"] == 3.0
    assert settings.NEXTCLOUD["OPTIONS"]["read_timeout"] == 10.0
    assert settings.NEXTCLOUD["CIRCUIT"] == {"FAILURES": 5, "RESET_SECONDS": 30.0}
    assert settings.NEXTCLOUD_MEMBERS_FOLDER == "Members"
    assert "portal.nextcloud" in settings.INSTALLED_APPS


def test_a_url_and_a_service_account_configure_nc_py_api(load_settings):
    settings = load_settings(
        NEXTCLOUD_URL="https://cloud.example.coop/",
        NEXTCLOUD_USER="portal",
        NEXTCLOUD_APP_PASSWORD="app-password",
        NEXTCLOUD_CONNECT_TIMEOUT="2.5",
        NEXTCLOUD_READ_TIMEOUT="20",
        NEXTCLOUD_CIRCUIT_FAILURES="8",
        NEXTCLOUD_CIRCUIT_RESET_SECONDS="60",
    )

    assert settings.NEXTCLOUD == {
        "BACKEND": "portal.nextcloud.backends.nc_py_api.NcPyApiBackend",
        "OPTIONS": {
            "url": "https://cloud.example.coop",
            "user": "portal",
            "app_password": "app-password",
            "connect_timeout": 2.5,
            "read_timeout": 20.0,
            "ca_bundle": "",
        },
        "CIRCUIT": {"FAILURES": 8, "RESET_SECONDS": 60.0},
    }
