"""A pull that cannot be trusted changes nothing: the partner down, slow, refusing, or answering something
malformed, partial or too large; and the HTML it sends is sanitised."""

import json

import pytest
from django.test import override_settings

from cms.mirrors.models import MirroredPage
from portal.federation.mirror.client import PartnerAPI, PullError
from portal.federation.mirror.html import body_html, sanitise
from portal.federation.mirror.pull import pull
from tests.federation.loopback import Loopback, serve
from tests.federation.mirror_helpers import ClientAPI, api, source  # noqa: F401  (fixtures)


@pytest.fixture
def partner_site():
    loopback = Loopback()
    url, stop = serve(loopback)
    loopback.url = url
    yield loopback
    stop()


def answering(*answers):
    """The loopback answers these, in turn, then the last one again."""
    queue = list(answers)

    def answer(request):
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return answer


def json_answer(data, status=200):
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


def mirror_state(source):  # noqa: F811
    source.refresh_from_db()
    return (
        sorted(MirroredPage.objects.values_list("pk", "title", "latest_revision_id")),
        source.mirror_cursor,
    )


@pytest.fixture
def mirrored_once(small_demo, source, api):  # noqa: F811
    pull(source, api=api)
    return mirror_state(source)


FEED = {"data": {"changes": {"changes": [], "endCursor": "Y2hhbmdlOjE", "hasMore": False}}}
LOCALES = {"data": {"locales": [{"code": "en"}]}}
ENTRY = {"path": "/a/", "translationKey": "0e1f6c1e-2a1b-4c3d-8e9f-0a1b2c3d4e5f", "isFallback": False}


@pytest.mark.parametrize(
    "answers, message",
    [
        ([(500, {}, b"oops")], "HTTP 500"),
        ([(200, {}, b"<html>not json</html>")], "not JSON"),
        ([json_answer({"errors": [{"message": "Bad token"}]})], "Bad token"),
        ([json_answer({"data": None})], "without data"),
        ([json_answer(FEED), json_answer({"data": {"locales": "en"}}), json_answer({"data": {}})], "malformed"),
        # The handbook lists a page that cannot then be read: partial.
        (
            [
                json_answer(FEED),
                json_answer(LOCALES),
                json_answer({"data": {"handbook": {"title": "H", "entries": [ENTRY]}}}),
                json_answer(
                    {
                        "data": {
                            "page": {
                                "__typename": "HandbookIndexPage",
                                "translationKey": "7d0f6c1e-2a1b-4c3d-8e9f-0a1b2c3d4e5f",
                                "title": "H",
                                "path": "/",
                                "summary": "",
                                "servedLocale": "en",
                                "isFallback": False,
                                "lastPublishedAt": None,
                                "body": [],
                            }
                        }
                    }
                ),
                json_answer({"data": {"p0": None}}),
            ],
            "partial",
        ),
        ([json_answer({"data": {"changes": {"changes": [{"kind": 1}], "endCursor": None}}})], "malformed"),
    ],
)
def test_a_bad_answer_changes_nothing(mirrored_once, source, partner_site, answers, message):  # noqa: F811
    partner_site.answer = answering(*answers)
    with pytest.raises(PullError, match=message):
        pull(source, api=PartnerAPI(partner_site.url, "cpp_token"), full=True)
    assert mirror_state(source) == mirrored_once
    assert message.split()[0] in source.last_pull_error


def test_an_oversized_answer_is_refused(mirrored_once, source, partner_site):  # noqa: F811
    partner_site.answer = answering(json_answer({"data": {"changes": {"changes": [], "padding": "x" * 5000}}}))
    with pytest.raises(PullError, match="more than 1000 bytes"):
        pull(source, api=PartnerAPI(partner_site.url, "cpp_token", max_bytes=1000), full=True)
    assert mirror_state(source) == mirrored_once


@override_settings(PORTAL_MIRROR_TIMEOUT=(1, 0.2))
def test_a_slow_partner_times_out(mirrored_once, source, partner_site):  # noqa: F811
    partner_site.delay = 1.0
    with pytest.raises(PullError, match="did not answer MirrorChanges within 0.2 seconds"):
        pull(source, api=PartnerAPI(partner_site.url, "cpp_token"))
    assert mirror_state(source) == mirrored_once


def test_a_partner_that_is_down(mirrored_once, source):  # noqa: F811
    with pytest.raises(PullError, match="could not be reached"):
        pull(source, api=PartnerAPI("http://127.0.0.1:9", "cpp_token"))
    assert mirror_state(source) == mirrored_once


def test_a_failure_half_way_through_writing_changes_nothing(mirrored_once, source, client, monkeypatch):  # noqa: F811
    from portal.federation.mirror import store

    real = store.LocaleMirror.upsert
    calls = []

    def failing(self, page):
        calls.append(page)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return real(self, page)

    monkeypatch.setattr(store.LocaleMirror, "upsert", failing)
    MirroredPage.objects.filter(slug="rivers").update(title="Stale")  # so that the pull has something to write
    stale = mirror_state(source)
    with pytest.raises(RuntimeError):
        pull(source, api=ClientAPI(client, source.outbound_token), full=True)
    assert mirror_state(source) == stale


def test_without_a_stored_token_nothing_is_asked(db, source):  # noqa: F811
    source.outbound_token_encrypted = ""
    source.save()
    with pytest.raises(PullError, match="No API token"):
        pull(source)


def test_html_is_sanitised():
    dirty = (
        '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<a href="/es/otra/">rel</a><img src=x onerror=alert(1)><style>p{}</style><iframe src="//evil"></iframe>'
        '<strong>bold</p><h2 class="x">T</h2>'
    )
    clean = sanitise(dirty, "https://rivers.example")
    assert clean == (
        '<p>Hi <a>x</a><a href="https://rivers.example/es/otra/" rel="noopener">rel</a><strong>bold</strong></p>'
        "<h2>T</h2>"
    )


def test_blocks_become_html():
    blocks = [
        {"__typename": "HeadingBlock", "text": "Rooms & <rules>", "level": 2},
        {"__typename": "ParagraphBlock", "html": "<p>Text</p>"},
        {"__typename": "QuoteBlock", "text": "Q", "attribution": "A"},
        {"__typename": "TableBlock", "caption": None, "header": ["H"], "rows": [["<b>c</b>"]]},
        {"__typename": "NextcloudFileBlock"},
        {"__typename": "SomethingNew"},
    ]
    assert body_html(blocks, "https://rivers.example") == (
        "<h2>Rooms &amp; &lt;rules&gt;</h2><p>Text</p><blockquote><p>Q</p><footer>A</footer></blockquote>"
        "<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>&lt;b&gt;c&lt;/b&gt;</td></tr></tbody></table>"
    )


def test_a_rate_limited_request_waits_as_asked_then_goes_on(partner_site):
    partner_site.answer = answering((429, {"Retry-After": "0"}, b""), json_answer(LOCALES))
    assert PartnerAPI(partner_site.url, "cpp_token").query("MirrorLocales", "{ locales { code } }") == LOCALES["data"]
    assert len(partner_site.received) == 2
    # Asked to wait longer than a pull waits: a clear error, at once.
    partner_site.answer = answering((429, {"Retry-After": "3600"}, b""))
    with pytest.raises(PullError, match="HTTP 429"):
        PartnerAPI(partner_site.url, "cpp_token").query("MirrorLocales", "{ locales { code } }")
    assert len(partner_site.received) == 3
