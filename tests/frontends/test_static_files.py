"""The readers' stylesheet and script as production serves them: hashed names, cached for a year, compressed.

The test settings keep Django's plain storage; here the storage of portal/settings/base.py collects the front
ends' static files into a folder of their own, and WhiteNoise (a new client, so a new middleware that reads that
folder) serves them.
"""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

import frontends
from portal.settings import base
from tests.frontends.helpers import parse

APP_STATIC = Path(frontends.__file__).parent / "static"
ONE_YEAR = 365 * 24 * 3600


@pytest.fixture
def collected(tmp_path, settings):
    """The front ends' static files collected with the production storage into a temporary STATIC_ROOT."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": base.STORAGES["staticfiles"]}
    settings.STATIC_ROOT = tmp_path
    # Only the front ends' own files: collecting (and compressing) the admin's hundreds of files proves nothing more.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = [APP_STATIC]
    call_command("collectstatic", "--no-input", verbosity=0)
    return tmp_path


def max_age(response) -> int:
    found = re.search(r"max-age=(\d+)", response["Cache-Control"])
    assert found, response["Cache-Control"]
    return int(found.group(1))


def test_production_collects_hashed_and_compressed_copies(collected):
    assert base.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    names = {path.name for path in (collected / "frontends").iterdir()}
    for stem, suffix in (("site", "css"), ("offline-search", "js"), ("glossary", "js")):
        hashed = [name for name in names if re.fullmatch(rf"{stem}\.[0-9a-f]{{12}}\.{suffix}", name)]
        assert len(hashed) == 1, names
        assert {f"{hashed[0]}.gz", f"{hashed[0]}.br"} <= names, names


def test_pages_link_the_hashed_stylesheet_which_is_cached_for_a_year(small_demo, collected):
    client = Client()
    page = parse(client.get("/es/1-principios/principios/espacios/").content.decode())
    stylesheets = [link.attrs["href"] for link in page.find_all("link", rel="stylesheet")]
    assert len(stylesheets) == 1
    assert re.fullmatch(r"/static/frontends/site\.[0-9a-f]{12}\.css", stylesheets[0]), stylesheets

    response = client.get(stylesheets[0])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "immutable" in cache_control, cache_control
    assert max_age(response) >= ONE_YEAR
    assert b"".join(response.streaming_content) == (APP_STATIC / "frontends/site.css").read_bytes()

    # Compressed for browsers that take it, still under the same name.
    for encoding in ("br", "gzip"):
        compressed = client.get(stylesheets[0], headers={"Accept-Encoding": encoding})
        assert compressed["Content-Encoding"] == encoding
        assert int(compressed["Content-Length"]) < (APP_STATIC / "frontends/site.css").stat().st_size
        assert "Accept-Encoding" in compressed["Vary"]


def test_the_unhashed_name_is_kept_only_briefly(collected):
    """A new release changes the hashed name; the plain name may change under the same URL, so it is revalidated."""
    response = Client().get("/static/frontends/site.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert max_age(response) <= 60
