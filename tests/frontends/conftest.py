import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs(django_test_environment):
    """The pages are checked in five languages, so the catalogs must be compiled (as `make test` does first).

    Compiling after a language was first used in this process would not be seen: changing LOCALE_PATHS (to its
    own value) makes Django drop the translations it has loaded.
    """
    call_command("compile_catalogs", stdout=io.StringIO())
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        pass


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def html(client):
    """The page at `url` as text, checking its status."""

    def get(url, status=200, **kwargs):
        response = client.get(url, **kwargs)
        assert response.status_code == status, response.content.decode()[:2000]
        return response.content.decode()

    return get
