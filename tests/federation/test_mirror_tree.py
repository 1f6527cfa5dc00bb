"""The mirror keeps the partner's tree: when the partner moves a page to another parent or changes the order of
siblings, the next pull (incremental or whole) does the same here, in every language, once."""

import json

import pytest

from cms.mirrors.models import MirroredPage
from portal.federation.mirror.client import PullError
from portal.federation.mirror.pull import pull
from tests.changes.conftest import committed  # noqa: F401  (fixture)
from tests.federation.mirror_helpers import ClientAPI, api, source  # noqa: F401  (fixtures)

HANDBOOK = """query Handbook($locale: String!) { handbook(locale: $locale) { entries { path } } }"""
LANGUAGES = ("en", "es")


class RecordingAPI(ClientAPI):
    """The partner's API, noting the operations a pull sends; `broken` operations are answered malformed."""

    def __init__(self, client, token, broken=()):
        super().__init__(client, token)
        self.operations, self.broken = [], set(broken)

    def post(self, body, operation):
        self.operations.append(operation)
        if operation in self.broken:
            entries = [{"path": "/1-principles/", "isFallback": False}]  # no translation key
            return 200, json.dumps({"data": {"handbook": {"title": "H", "entries": entries}}}).encode()
        return super().post(body, operation)


@pytest.fixture
def partner(small_demo, source, committed):  # noqa: F811
    """The partner's first chapter in English and Spanish: principles (spaces, privacy policy), then commoning."""
    spanish = small_demo.locale("es")
    with committed():
        for key in ("privacy-policy", "commoning"):
            small_demo.page(key).copy_for_translation(spanish).save_revision().publish()
    return small_demo


def reshape(demo, committed):  # noqa: F811
    """In both languages: spaces moves up from principles to lead the chapter, and commoning comes before
    principles. The chapter reads spaces, commoning, principles (privacy policy)."""
    with committed():
        for code in LANGUAGES:
            demo.page("spaces", code).move(demo.page("principles", code), pos="left")
            demo.page("commoning", code).move(demo.page("principles", code), pos="left")


def copy_of(demo, key, code):
    return MirroredPage.objects.get(locale__language_code=code, source_translation_key=demo.page(key).translation_key)


def children(demo, key, code):
    """The partner's pages (by content key) whose copies are the children of the copy of `key`, in our order."""
    names = {demo.page(name).translation_key: name for name in ("spaces", "privacy-policy", "principles", "commoning")}
    return [names[child.specific.source_translation_key] for child in copy_of(demo, key, code).get_children()]


def partner_children(demo, key, code):
    return [child.slug for child in demo.page(key, code).get_children()]


def mirror_state(source):  # noqa: F811
    source.refresh_from_db()
    pages = MirroredPage.objects.values_list("pk", "path", "url_path", "source_path", "latest_revision_id")
    return sorted(pages), source.mirror_cursor


def reading_order(client, demo, code):
    """Our readers' handbook in that language: the mirrored copy of the partner's first chapter, in reading order."""
    body = json.dumps({"query": HANDBOOK, "variables": {"locale": code}})
    entries = client.post("/graphql/", body, content_type="application/json").json()["data"]["handbook"]["entries"]
    chapter = "/partners/rivers" + demo.page("1-principles", code).handbook_path()
    return [
        entry["path"][len(chapter) :]
        for entry in entries
        if entry["path"].startswith(chapter) and entry["path"] != chapter
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("full", [False, True], ids=["incremental", "full"])
def test_moves_and_reorders_follow_the_partner_in_every_language(partner, source, api, committed, client, full):  # noqa: F811
    pull(source, api=api)
    for code in LANGUAGES:
        assert children(partner, "1-principles", code) == ["principles", "commoning"]
        assert children(partner, "principles", code) == ["spaces", "privacy-policy"]
    reshape(partner, committed)
    slugs = [partner.page(key, "es").slug for key in ("spaces", "commoning", "principles")]
    assert partner_children(partner, "1-principles", "es") == slugs

    counts = pull(source, api=api, full=full)
    assert (counts.created, counts.removed) == (0, 0)
    assert counts.reordered >= 2  # at least spaces and commoning, in each language a move at least
    for code in LANGUAGES:
        assert children(partner, "1-principles", code) == ["spaces", "commoning", "principles"]
        assert children(partner, "principles", code) == ["privacy-policy"]
        assert children(partner, "spaces", code) == []
        spaces, principles = partner.page("spaces", code), partner.page("principles", code)
        copy = copy_of(partner, "spaces", code)
        assert copy.source_path == spaces.handbook_path()
        assert copy.url_path.endswith("/partners/rivers" + spaces.handbook_path())
        assert reading_order(client, partner, code) == [
            f"{spaces.slug}/",
            f"{partner.page('commoning', code).slug}/",
            f"{principles.slug}/",
            f"{principles.slug}/{partner.page('privacy-policy', code).slug}/",
        ]

    # Pulling again, either way, changes nothing: no page moves, no revision is added.
    after = mirror_state(source)
    for again in (False, True):
        counts = pull(source, api=api, full=again)
        assert (counts.created, counts.updated, counts.removed, counts.reordered) == (0, 0, 0, 0)
        assert mirror_state(source)[0] == after[0]


@pytest.mark.django_db
def test_the_order_is_read_again_only_when_something_moved_or_is_new(partner, source, client, committed):  # noqa: F811
    recording = RecordingAPI(client, source.outbound_token)
    pull(source, api=recording)
    spaces = partner.page("spaces")
    spaces.title = "Spaces, edited"
    with committed():
        spaces.save_revision().publish()
    recording.operations.clear()
    assert pull(source, api=recording).updated == 1
    assert "MirrorHandbook" not in recording.operations  # an edit moves nothing
    reshape(partner, committed)
    recording.operations.clear()
    pull(source, api=recording)
    assert recording.operations.count("MirrorHandbook") == 3  # once for each language mirrored: en, es, ar


@pytest.mark.django_db
def test_a_malformed_order_changes_nothing(partner, source, client, committed):  # noqa: F811
    pull(source, api=ClientAPI(client, source.outbound_token))
    before = mirror_state(source)
    reshape(partner, committed)
    with pytest.raises(PullError, match="malformed"):
        pull(source, api=RecordingAPI(client, source.outbound_token, broken={"MirrorHandbook"}))
    assert mirror_state(source) == before
    for code in LANGUAGES:
        assert children(partner, "1-principles", code) == ["principles", "commoning"]
