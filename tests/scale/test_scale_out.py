"""Two gunicorn instances of the portal share one PostgreSQL database and one Redis, as production's web processes
do: a publish made anywhere shows at once on every instance, through the API and the readers' sites, although
both keep answers in the shared cache (portal/api/cache.py, frontends/cache.py, keyed by the content version)."""

import json
import re

import requests

from bench.load import Gunicorn
from tests.conftest import SMALL_DEMO
from tests.scale.conftest import manage

LANGUAGE = "es"
PAGE_QUERY = 'query($path: String!) { page(locale: "es", path: $path) { title } }'

LOAD_DEMO = f"""
import json
from pathlib import Path
from cms.demo.loader import DemoLoader
from cms.handbook.models import HandbookPage
from cms.visibility import visible_pages
DemoLoader(Path({str(SMALL_DEMO)!r})).run()
page = visible_pages(HandbookPage.objects.filter(locale__language_code={LANGUAGE!r})).order_by("path").last()
print(json.dumps({{"id": page.pk, "path": page.handbook_path(), "title": page.title}}))
"""
# A change made behind the portal's back (no publish, no signal): the caches must keep serving what they have.
UNANNOUNCED = """
from cms.handbook.models import HandbookPage
HandbookPage.objects.filter(pk={id}).update(title="Unannounced title")
"""
# An editor's publish, made by another process of the deployment (as the admin or the task worker would).
PUBLISH = """
from cms.handbook.models import HandbookPage
page = HandbookPage.objects.get(pk={id})
page.title = {title!r}
page.save_revision().publish()
"""


def shell(env: dict, code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code)


def api_title(port: int, path: str) -> str:
    response = requests.post(
        f"http://127.0.0.1:{port}/graphql/", json={"query": PAGE_QUERY, "variables": {"path": path}}, timeout=60
    )
    assert response.status_code == 200, response.text[:500]
    return response.json()["data"]["page"]["title"]


def front_end_heading(port: int, path: str) -> str:
    """The page's title as the readers' site shows it: its only <h1>."""
    response = requests.get(f"http://127.0.0.1:{port}/{LANGUAGE}{path}", timeout=60)
    assert response.status_code == 200, response.text[:500]
    headings = re.findall(r"<h1>(.*?)</h1>", response.text)
    assert len(headings) == 1, headings
    return headings[0]


def cached_kinds(services: dict) -> set[str]:
    """Which caches hold entries in the shared Redis: Django keys are "<prefix>:<version>:<key>"."""
    keys = (key.decode() for key in services["redis"].scan_iter(match=f"{services['key_prefix']}:*"))
    return {key.split(":", 2)[2].rsplit(":", 1)[0] for key in keys}


def test_a_publish_shows_at_once_on_every_instance_through_the_api_and_the_readers_site(shared_services):
    env, work = shared_services["env"], shared_services["work"]
    page = json.loads(shell(env, LOAD_DEMO).strip().splitlines()[-1])
    path, title = page["path"], page["title"]

    with Gunicorn(env, work / "first.log") as first, Gunicorn(env, work / "second.log") as second:
        ports = (first.port, second.port)
        for port in ports:
            for _ in range(3):  # each instance has two workers; the shared cache serves them all
                assert api_title(port, path) == title
                assert front_end_heading(port, path) == title
        assert {"api:response", "frontends:page"} <= cached_kinds(shared_services)

        shell(env, UNANNOUNCED.format(id=page["id"]))
        for port in ports:
            assert api_title(port, path) == title  # served from the shared cache, not the database
            assert front_end_heading(port, path) == title

        shell(env, PUBLISH.format(id=page["id"], title="Espacios compartidos"))
        for port in ports:
            assert api_title(port, path) == "Espacios compartidos"
            assert front_end_heading(port, path) == "Espacios compartidos"
