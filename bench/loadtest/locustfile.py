"""The load test's clients, for locust (`python -m bench.loadtest` runs it headless against gunicorn).

A mix of what the portal serves in production, on loopback: anonymous readers of the sites in five languages,
programs reading the API (pages, trees, searches), signed-in members (their pages are never cached) who also use a
personal API token, and partner sites keeping a copy up to date through the feed of changes. Every answer is
checked, not just its status: a GraphQL error or a page without its heading counts as a failure. LOAD_PLAN names the
JSON file that bench/loadtest/plan.py wrote.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, between, constant, task

with open(os.environ["LOAD_PLAN"]) as plan_file:
    PLAN = json.load(plan_file)
LANGUAGES = sorted(PLAN["paths"])

PAGE = """query($locale: String!, $path: String!) { page(locale: $locale, path: $path) { id title summary body {
  __typename ... on HeadingBlock { text level } ... on ParagraphBlock { html } } translations { locale path } } }"""
TREE = "query($locale: String!) { handbook(locale: $locale) { entries { id title path depth parentId } } }"
SEARCH = """query($locale: String!, $query: String!) { search(locale: $locale, query: $query, first: 20) {
  results { page { title path } excerpt } } }"""
CHANGES = """query($locale: String!, $since: String) { changes(locale: $locale, since: $since, first: 100) {
  changes { cursor kind locale pageId } endCursor hasMore } }"""
PAGE_BY_ID = (
    "query($locale: String!, $id: ID!) { page(locale: $locale, id: $id) { id title path body { __typename } } }"
)
VIEWER = "{ viewer { displayName } }"  # null, so a failure, unless the token signs the member in
SIGN_OUT = "/account/sign-out/"  # the header's form for signed-in readers
SESSIONS = itertools.count()


class Client(FastHttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.language = random.choice(LANGUAGES)  # noqa: S311 (not for security)

    def page_path(self) -> str:
        return random.choice(PLAN["paths"][self.language])  # noqa: S311

    def read_page(self, name: str, headers: dict | None = None, expect: str = "<h1>"):
        path = f"/{self.language}{self.page_path()}"
        with self.client.get(path, headers=headers, name=name, catch_response=True) as response:
            if response.status_code == 200 and expect not in response.text:
                response.failure(f"{expect} is not in the page")

    def graphql(self, name: str, document: str, headers: dict | None = None, **variables) -> dict | None:
        body = {"query": document, "variables": variables}
        with self.client.post("/graphql/", json=body, headers=headers, name=name, catch_response=True) as reply:
            if reply.status_code != 200:
                return None  # counted as a failure by locust
            answer = reply.json()
            if answer.get("errors") or not all(answer.get("data", {}).values()):
                reply.failure(f"GraphQL: {str(answer)[:200]}")
                return None
            return answer["data"]


class Reader(Client):
    """An anonymous reader of one language's site: pages mostly, now and then the home page or a search."""

    weight = 12

    @task(8)
    def page(self):
        self.read_page("site: page")

    @task(1)
    def home(self):
        self.client.get(f"/{self.language}/", name="site: home")

    @task(1)
    def search(self):
        self.client.get(f"/{self.language}/search/?q={PLAN['search']}", name="site: search")


class ApiClient(Client):
    """A program reading the API anonymously (an app, another site): pages, the whole tree, searches."""

    weight = 8

    @task(5)
    def page(self):
        self.graphql("API: page", PAGE, locale=self.language, path=self.page_path())

    @task(2)
    def tree(self):
        self.graphql("API: tree", TREE, locale=self.language)

    @task(2)
    def search(self):
        self.graphql("API: search", SEARCH, locale=self.language, query=PLAN["search"])


class Member(Client):
    """A signed-in member: reads the site with their session and the API with their personal token."""

    weight = 8

    def on_start(self):
        super().on_start()
        member = PLAN["member"]
        self.token = {"Authorization": f"Bearer {member['token']}"}
        self.session = {"Cookie": f"{member['cookie']}={member['sessions'][next(SESSIONS)]}"}

    def graphql(self, name, document, **variables):
        return super().graphql(name, document, headers=self.token, **variables)

    @task(6)
    def page(self):
        self.read_page("member: site page", self.session, expect=SIGN_OUT)

    @task(2)
    def api_page(self):
        self.graphql("member: API page (token)", PAGE, locale=self.language, path=self.page_path())

    @task(1)
    def viewer(self):
        self.graphql("member: API viewer (token)", VIEWER)


class Partner(Client):
    """A partner's site keeping a copy of one language: it reads the feed of changes to its end when it starts
    (its copy is up to date), then asks for newer changes every two seconds and fetches each changed page."""

    weight = 4
    wait_time = constant(2)

    def on_start(self):
        super().on_start()
        self.cursor = None
        while (feed := self.changes("partner: changes, catching up")) is not None and feed["hasMore"]:
            pass

    def changes(self, name: str) -> dict | None:
        data = self.graphql(name, CHANGES, locale=self.language, since=self.cursor)
        if data is None:
            return None
        feed = data["changes"]
        self.cursor = feed["endCursor"] or self.cursor
        return feed

    @task
    def poll(self):
        feed = self.changes("partner: changes")
        for change in feed["changes"] if feed else []:
            if change["pageId"]:
                self.graphql("partner: changed page", PAGE_BY_ID, locale=change["locale"], id=change["pageId"])
