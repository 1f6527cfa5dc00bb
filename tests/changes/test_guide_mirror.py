"""The mirror in docs/partners.md, run against this portal: it adds, updates and drops pages as the feed says."""

import io
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from portal.federation.models import Partner, PartnerToken, Scope
from tests.changes.conftest import make_members_only

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "partners.md"


@pytest.fixture
def mirror(client, db, monkeypatch):
    """The guide's Python example, with its HTTP requests answered by the test client."""
    partner = Partner.objects.create(name="Rivers", slug="rivers", base_url="https://rivers.example")
    _record, token = PartnerToken.issue(partner, "Mirror", Scope.PUBLIC)

    def urlopen(request, timeout):
        assert timeout
        response = client.post(
            "/graphql/", request.data, content_type="application/json", headers=dict(request.header_items())
        )
        if response.status_code != 200:
            raise urllib.error.HTTPError(request.full_url, response.status_code, "", response.headers, None)
        return io.BytesIO(response.content)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    code = re.search(r"```python\n(.*?)```", GUIDE.read_text(), re.S).group(1)
    namespace: dict = {}
    exec(compile(code, str(GUIDE), "exec"), namespace)  # noqa: S102  (our own documentation's example)
    namespace["TOKEN"] = token
    return namespace["sync"]


def titles(store):
    return sorted(page["title"] for page in store.values())


def test_the_guides_mirror_follows_the_feed(mirror, book, committed):
    store: dict = {}
    cursor = mirror(store, None)
    assert titles(store) == ["Chapter", "First", "Second"]  # the index was made before the journal began
    first = book["first"]
    first.title = "First, edited"
    with committed():
        first.save_revision().publish()
        book["second"].unpublish()
    cursor = mirror(store, cursor)
    assert titles(store) == ["Chapter", "First, edited"]
    with committed():
        make_members_only(book["chapter"])
    cursor = mirror(store, cursor)
    assert store == {}
    # Nothing new: the cursor stays.
    assert mirror(store, cursor) == cursor
