"""Two portals federating: B mirrors A's handbook, and follows A's edits through A's signed webhooks.

Each instance is gunicorn on loopback with its own SQLite database (migrated and loaded with the small demo once,
then copied) and tasks run at once (the immediate backend): A's publish sends the webhook from the publishing
process, B's endpoint checks it and pulls A's change feed before it answers. Nothing is stubbed.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import SMALL_DEMO

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
PAGE = "query($locale: String!, $path: String!) { page(locale: $locale, path: $path) { title summary body { ... on ParagraphBlock { html } } } }"  # noqa: E501

LOAD = f"""
from pathlib import Path
from cms.demo.loader import DemoLoader
DemoLoader(Path({str(SMALL_DEMO)!r})).run()
"""
FIND = """
import json
from cms.demo.loader import translation_key
from wagtail.models import Page
page = Page.objects.get(translation_key=translation_key("page", {key!r}), locale__language_code={code!r}).specific
print(json.dumps({{"path": page.handbook_path(), "title": page.title}}))
"""
B_KNOWS_A = """
from portal.federation.models import Partner
partner = Partner(name="Rivers Co-op", slug="rivers", base_url={a_url!r}, licence="CC BY-SA 4.0")
partner.save()
print(partner.pk)
"""
A_KNOWS_B = """
import json
from portal.federation.models import Partner, PartnerToken, Scope, WebhookSubscription
partner = Partner.objects.create(name="Hills Co-op", slug="hills", base_url={b_url!r})
_record, token = PartnerToken.issue(partner, "Mirror of our handbook", Scope.PUBLIC, rate_limit=100000)
subscription = WebhookSubscription(partner=partner, url={hook!r})
secret = subscription.set_secret()
subscription.save()
print(json.dumps({{"token": token, "secret": secret}}))
"""
B_STORES_SECRETS = """
from portal.federation.models import Partner
partner = Partner.objects.get(slug="rivers")
partner.outbound_token = {token!r}
partner.inbound_webhook_secret = {secret!r}
partner.save()
"""
A_EDITS = """
from cms.demo.loader import translation_key
from cms.handbook.models import HandbookPage
page = HandbookPage.objects.get(translation_key=translation_key("page", {key!r}), locale__language_code={code!r})
page.summary = {text!r}
page.body = [{{"type": "paragraph", "value": "<p>" + {text!r} + "</p>"}}]
page.save_revision().publish()
"""
A_UNPUBLISHES = """
from cms.demo.loader import translation_key
from cms.handbook.models import HandbookPage
HandbookPage.objects.get(translation_key=translation_key("page", {key!r}), locale__language_code={code!r}).unpublish()
"""
A_RESTRICTS = """
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction
from cms.demo.loader import translation_key
from wagtail.models import Page
from portal.members.groups import MEMBERS
page = Page.objects.get(translation_key=translation_key("page", {key!r}), locale__language_code="en")
restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
restriction.groups.set([Group.objects.get_or_create(name=MEMBERS)[0]])
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Portal:
    """One instance: its environment, database, and gunicorn (one worker: its memory cache is the only one)."""

    def __init__(self, name: str, work: Path, database: Path, **settings):
        self.name, self.port = name, free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log = work / f"{name}.log"
        self.env = {key: value for key, value in os.environ.items() if not key.startswith(("PORTAL_", "GUNICORN"))}
        self.env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.test",
            DATABASE_URL=f"sqlite:///{database}",
            PORTAL_VAR_DIR=str(work / name),
            PORTAL_FEDERATION_KEY=f"{name}-federation-key",
            **settings,
        )

    def manage(self, *args: str) -> str:
        command = [sys.executable, "manage.py", *args]
        result = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300)  # noqa: S603
        if result.returncode:
            raise AssertionError(f"{self.name}: manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def start(self):
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        command = [gunicorn, "portal.wsgi", "-w", "1", "--threads", "4", "-b", f"{HOST}:{self.port}", "-t", "120"]
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"{self.name} exited; see {self.log}"
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"{self.name} did not start; see {self.log}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def page(self, locale: str, path: str):
        body = {"query": PAGE, "variables": {"locale": locale, "path": path}}
        response = requests.post(f"{self.url}/graphql/", json=body, timeout=60)
        assert response.status_code == 200, response.text[:500]
        return response.json()["data"]["page"]


@pytest.fixture(scope="module")
def portals():
    work = Path(tempfile.mkdtemp(prefix="portal-federation-"))
    seeded = work / "seeded.sqlite3"
    a = Portal("a", work, work / "a.sqlite3", PORTAL_CHANGES_SETTLE_SECONDS="0", PORTAL_WEBHOOK_READ_TIMEOUT="60")
    b = Portal("b", work, work / "b.sqlite3")
    started = []
    try:
        seed = Portal("seed", work, seeded)
        seed.manage("migrate", "--no-input")
        seed.shell(LOAD)
        shutil.copy(seeded, work / "a.sqlite3")
        shutil.copy(seeded, work / "b.sqlite3")
        a_id = b.shell(B_KNOWS_A.format(a_url=a.url))
        secrets = json.loads(a.shell(A_KNOWS_B.format(b_url=b.url, hook=f"{b.url}/federation/webhook/{a_id}/")))
        b.shell(B_STORES_SECRETS.format(**secrets))
        for portal in (a, b):
            portal.start()
            started.append(portal)
        yield a, b
    finally:
        for portal in started:
            portal.stop()
        shutil.rmtree(work, ignore_errors=True)


def test_b_mirrors_a_and_follows_its_webhooks(portals):
    a, b = portals
    spaces = json.loads(a.shell(FIND.format(key="spaces", code="es")))
    mirrored_path = "/partners/rivers" + spaces["path"]

    print(b.manage("federation_pull", "rivers"))
    assert b.page("es", mirrored_path)["title"] == spaces["title"]

    # A edits and publishes the Spanish page: B hears of it, pulls, and shows the new text in Spanish.
    a.shell(A_EDITS.format(key="spaces", code="es", text="Texto nuevo de las cooperativas del río"))
    copy = b.page("es", mirrored_path)
    assert copy["summary"] == "Texto nuevo de las cooperativas del río"
    assert "Texto nuevo de las cooperativas del río" in copy["body"][0]["html"]
    readers = requests.get(f"{b.url}/es{mirrored_path}", timeout=60)
    assert readers.status_code == 200 and "Texto nuevo de las cooperativas del río" in readers.text
    assert f'href="{a.url}/es{spaces["path"]}"' in readers.text  # provenance: the original on A's site

    # A unpublishes it: B drops it.
    a.shell(A_UNPUBLISHES.format(key="spaces", code="es"))
    assert b.page("es", mirrored_path) is None

    # A makes a chapter members-only: B reads A with a public token, so the chapter goes, in every language.
    chapter = json.loads(a.shell(FIND.format(key="2-political-economy", code="en")))
    assert b.page("en", "/partners/rivers" + chapter["path"]) is not None
    a.shell(A_RESTRICTS.format(key="2-political-economy"))
    assert b.page("en", "/partners/rivers" + chapter["path"]) is None
    assert b.page("en", "/partners/rivers/") is not None  # the rest of the mirror stays
