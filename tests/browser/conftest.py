"""Browser tests: the readers' sites in a real Chromium, driven by Playwright's Python driver.

They use Debian's Chromium at /usr/bin/chromium (the project never downloads a browser: no `playwright install`).
Without it the whole folder is skipped, unless REQUIRE_BROWSER=1 (as in CI), which turns the skip into a failure.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    return None


def pytest_collection_modifyitems(config, items):
    """Skip this folder's tests with the reason when the browser is missing; with REQUIRE_BROWSER=1 they fail."""
    reason = missing_browser()
    if reason is None or browser_required():
        return
    skip = pytest.mark.skip(reason=f"browser tests skipped: {reason}; set REQUIRE_BROWSER=1 to fail instead")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(skip)


@pytest.fixture(scope="package")
def migrated_contents(django_db_setup, django_db_blocker):
    """What the migrations put in each test database (the root page, the locales, the default site), serialized.

    Each browser test flushes the database after itself and the serialized rollback puts this back before the next
    one. After the last one it is put back here, for the tests that run later and expect it.
    """
    from django.db import connections

    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    yield serialized
    with django_db_blocker.unblock():
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias].creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="package")
def browser(migrated_contents):
    """One headless Chromium for the whole folder.

    While Playwright's sync API is started, its event loop counts as running in the main thread. Django then
    (1) refuses synchronous ORM calls there unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and (2) hands out other
    connection objects (per context rather than per thread), which lack the test database's serialized contents
    that the serialized rollback restores between tests: they are copied over. Both last only as long as the
    browser, which is scoped to this folder rather than the session on purpose, so that the rest of the suite
    runs without a running event loop and with Django's checks.
    """
    reason = missing_browser()
    if reason:
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        for alias, contents in migrated_contents.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        connections.close_all()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def compiled_catalogs(django_test_environment):
    """Compile the message catalogs once, so the sites speak Spanish and Arabic (see tests/frontends/conftest.py)."""
    call_command("compile_catalogs", stdout=io.StringIO())
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        pass


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, compiled_catalogs, live_server):
    """The small demo handbook (en, es, ar), committed so that the live server's thread sees it; its address.

    Each test's data is flushed afterwards; the serialized rollback puts back what the migrations made (the root
    page, the locales, the default site) for the next one.
    """
    from cms.demo.loader import DemoLoader
    from tests.conftest import SMALL_DEMO

    cache.clear()

    DemoLoader(SMALL_DEMO).run()
    yield live_server.url
    cache.clear()


@pytest.fixture
def page(browser, site):
    """A fresh tab (its own cookies) at a desktop size wide enough for the sidebar, main and aside columns."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site, reduced_motion="reduce")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
