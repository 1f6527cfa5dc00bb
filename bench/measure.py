"""The in-process half of the benchmark, for one database: what to request, SQL queries per request, static files.

`python -m bench.measure SEARCH_WORD`, with DJANGO_SETTINGS_MODULE=portal.settings.bench and the database and
static folder in the environment (bench/__main__.py sets them). Checks every answer, counts the SQL queries of
each request with Django's test client (gunicorn's workers cannot report them), writes a static file with the
same bytes as each GraphQL answer into STATIC_ROOT/bench/, and prints the requests as JSON for the HTTP driver.
"""

import json
import sys

import django

LOCALE = "es"
NONCE = "bench"  # a variable no operation declares: GraphQL ignores it, the API's response cache does not

TREE = "query { handbook(locale: $locale) { title entries { id title path depth parentId } } }"
PAGE = """query($path: String!) { page(locale: $locale, path: $path) { id title summary keywords body { __typename
  ... on HeadingBlock { id text level } ... on ParagraphBlock { id html } ... on QuoteBlock { id text attribution }
  ... on CalloutBlock { id kind html } ... on TableBlock { id header rows caption } } } }"""
TRANSLATIONS = """query($path: String!) { page(locale: $locale, path: $path) { id title
  translations { locale status title path } } }"""
SEARCH = """query($query: String!) { search(locale: $locale, query: $query, first: 20) {
  results { page { id title path } excerpt } } }"""
KINDS = ("tree", "page", "translations", "search", "site")
STATIC_NAMES = {"site": "site.html"}  # the others: <kind>.json


def with_nonce(request: dict, nonce: int) -> tuple[str, dict | None]:
    """The request's path and body made unique by a nonce, so no cache has its answer.

    A GraphQL request carries it as an undeclared variable; a page gets it in the query string, always eight digits
    long, as the page links back to its own address (sign in) and each answer must keep its size.
    """
    body = request["body"]
    if body is None:
        return f"{request['path']}?{NONCE}={nonce:08d}", None
    return request["path"], {**body, "variables": {**body["variables"], NONCE: nonce}}


def graphql(document: str, **variables) -> dict:
    document = document.replace("$locale", json.dumps(LOCALE))
    return {"method": "POST", "path": "/graphql/", "body": {"query": document, "variables": variables}}


def get(path: str) -> dict:
    return {"method": "GET", "path": path, "body": None}


def requests_for(target: dict) -> dict:
    """Per kind: the GraphQL request, and Wagtail API v2's request for the same data."""
    v2, page_id, word = "/api/v2/pages/", target["id"], target["word"]
    return {
        "tree": (graphql(TREE), get(f"{v2}?locale={LOCALE}&limit={target['pages']}&fields=parent")),
        "page": (graphql(PAGE, path=target["path"]), get(f"{v2}{page_id}/")),
        "translations": (graphql(TRANSLATIONS, path=target["path"]), get(f"{v2}?translation_of={page_id}")),
        "search": (graphql(SEARCH, query=word), get(f"{v2}?search={word}&locale={LOCALE}&limit=20")),
    }


def main(word: str):
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.handbook.book import Book
    from cms.handbook.models import HandbookPage
    from cms.visibility import Viewer, visible_pages

    pages = list(visible_pages(HandbookPage.objects.filter(locale__language_code=LOCALE)).order_by("path"))
    page = pages[len(pages) // 2]  # a page in the middle of the book, in Spanish
    spanish = visible_pages().filter(locale__language_code=LOCALE).count()
    book = Book(LOCALE, Viewer()).reading_order
    target = {"id": page.pk, "path": page.handbook_path(), "word": word, "pages": spanish, "entries": len(book)}
    target["fallbacks"] = sum(node.is_fallback for node in book)
    client = Client(HTTP_HOST="127.0.0.1")

    def send(request, nonce=None):
        path, body = with_nonce(request, nonce) if nonce is not None else (request["path"], request["body"])
        if request["method"] == "GET":
            return client.get(path)
        return client.post(path, json.dumps(body), content_type="application/json")

    def measure(request, unique=False) -> tuple[int, bytes]:
        """SQL queries of a request, after one like it has warmed the process (and for repeats, the cache)."""
        send(request, 1 if unique else None)
        with CaptureQueriesContext(connection) as queries:
            response = send(request, 2 if unique else None)
        content = response.getvalue()  # whitenoise's answers are streamed
        graphql_data = json.loads(content).get("data") if request["path"] == "/graphql/" else {}
        is_page = response["Content-Type"].startswith("text/html")
        if response.status_code != 200 or not all(graphql_data.values()) or (is_page and b"<h1>" not in content):
            raise SystemExit(f"bench: {request['path']} answered {response.status_code}: {content[:300]!r}")
        return len(queries), content

    def case(kind, server, request, unique=False) -> bytes:
        queries, content = measure(request, unique)
        cases.append({"kind": kind, "server": server, **request, "unique": unique, "queries": queries})
        cases[-1]["bytes"] = len(content)
        return content

    cases = []
    static_dir = settings.STATIC_ROOT / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    for kind, (request, v2_request) in requests_for(target).items():
        case(kind, "uncached", request, unique=True)
        content = case(kind, "cached", request)
        case(kind, "v2", v2_request)
        (static_dir / f"{kind}.json").write_bytes(content)  # the same bytes; whitenoise finds it when it starts
    # The readers' site: the same page as (b), rendered as HTML; anonymous, so kept in the page cache.
    site = get(f"/{LOCALE}{target['path']}")
    case("site", "uncached", site, unique=True)
    (static_dir / STATIC_NAMES["site"]).write_bytes(case("site", "cached", site))
    client = Client(HTTP_HOST="127.0.0.1")  # a new client: whitenoise looks into STATIC_ROOT when first used
    for kind in KINDS:
        case(kind, "static", get(f"{settings.STATIC_URL}bench/{STATIC_NAMES.get(kind, f'{kind}.json')}"))
    print(json.dumps({"target": target, "cases": cases}))


if __name__ == "__main__":
    main(sys.argv[1])
