"""Handbook pages' NextCloud file blocks: the file for readers who may open it, a sign-in hint for those who are not
signed in, nothing for anyone else, and "files are unavailable" when NextCloud is away; through the API and on the
readers' sites alike."""

import json

import pytest

from portal.members.models import MemberStatus
from tests.factories import add_page
from tests.frontends.helpers import parse

pytestmark = pytest.mark.usefixtures("shared_folders")

PAGE = "/en/welcome/files-we-keep/"
QUERY = """
query ($path: String!) {
  page(locale: "en", path: $path) {
    body {
      __typename
      ... on NextcloudFileBlock { id access title file { name size modified contentType downloadUrl openUrl } }
    }
  }
}
"""


def file_block(title, path):
    return {"type": "nextcloud_file", "value": {"title": title, "path": path}}


@pytest.fixture
def handbook(small_demo, nextcloud):
    nextcloud.add_file("Co-op/Handbook/statutes.pdf", b"%PDF statutes")
    nextcloud.add_file("Members/bob/secret.txt", b"bob's secret")
    page = add_page(
        small_demo.page("welcome"),
        "Files we keep",
        body=[
            file_block("Our statutes", "Co-op/Handbook/statutes.pdf"),
            file_block("Bob's secret", "Members/bob/secret.txt"),
            file_block("Gone", "Co-op/Handbook/missing.pdf"),
            file_block("A folder", "Co-op/Handbook"),
        ],
    )
    return page


@pytest.fixture
def alice(make_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_member("alice")


def blocks(client, path="/welcome/files-we-keep/"):
    response = client.post("/graphql/", json.dumps({"query": QUERY, "variables": {"path": path}}), "application/json")
    data = response.json()
    assert "errors" not in data, data
    return [block for block in data["data"]["page"]["body"] if block["__typename"] == "NextcloudFileBlock"]


def test_a_member_gets_the_shared_file_and_nothing_of_others(client, handbook, alice):
    client.force_login(alice.user)

    statutes, secret, gone, folder = blocks(client)

    assert (statutes["access"], statutes["title"]) == ("AVAILABLE", "Our statutes")
    assert statutes["file"]["name"] == "statutes.pdf"
    assert statutes["file"]["size"] == 13
    assert statutes["file"]["contentType"] == "application/pdf"
    assert statutes["file"]["downloadUrl"] == "http://testserver/en/account/files/download/Handbook/statutes.pdf"
    assert statutes["file"]["openUrl"].startswith("https://cloud.example.test/index.php/f/")
    for hidden in (secret, gone, folder):
        assert (hidden["access"], hidden["title"], hidden["file"]) == ("HIDDEN", None, None)


def test_the_download_address_works_for_that_member(client, handbook, alice):
    client.force_login(alice.user)
    (statutes, *_others) = blocks(client)

    response = client.get(statutes["file"]["downloadUrl"].removeprefix("http://testserver"))

    assert b"".join(response.streaming_content) == b"%PDF statutes"


def test_readers_who_are_not_signed_in_are_told_to_sign_in_and_see_nothing_else(client, handbook, nextcloud):
    calls = nextcloud.calls

    found = blocks(client)

    assert {(block["access"], block["title"], block["file"]) for block in found} == {("SIGN_IN", None, None)}
    assert nextcloud.calls == calls  # the same answer for all of them, without asking NextCloud


def test_signed_in_readers_outside_the_register_or_suspended_see_nothing(
    client, handbook, alice, outsider, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    assert {block["access"] for block in blocks(client)} == {"HIDDEN"}

    with django_capture_on_commit_callbacks(execute=True):
        alice.change_status(MemberStatus.SUSPENDED)
    client.force_login(alice.user)
    assert {block["access"] for block in blocks(client)} == {"HIDDEN"}


def test_nextcloud_away_says_files_are_unavailable(client, handbook, alice, nextcloud):
    client.force_login(alice.user)
    nextcloud.simulate("maintenance")

    statutes, secret, *_rest = blocks(client)

    assert (statutes["access"], statutes["title"], statutes["file"]) == ("UNAVAILABLE", "Our statutes", None)
    assert secret["access"] == "HIDDEN"  # decided before NextCloud is asked


def test_the_same_file_twice_on_a_page_is_looked_up_once(client, small_demo, nextcloud, alice):
    nextcloud.add_file("Co-op/Handbook/statutes.pdf", b"%PDF statutes")
    add_page(
        small_demo.page("welcome"),
        "Twice",
        body=[
            file_block("Statutes", "Co-op/Handbook/statutes.pdf"),
            file_block("Again", "Co-op/Handbook/statutes.pdf"),
        ],
    )
    client.force_login(alice.user)
    calls = nextcloud.calls

    assert [block["access"] for block in blocks(client, "/welcome/twice/")] == ["AVAILABLE", "AVAILABLE"]
    assert nextcloud.calls == calls + 1


def test_the_readers_site_shows_the_file_to_a_member(client, handbook, alice):
    client.force_login(alice.user)

    page = parse(client.get(PAGE).content.decode())

    link = page.find("a", class_="file-reference-download")
    assert (link.text, link.attrs["href"]) == (
        "Our statutes",
        "http://testserver/en/account/files/download/Handbook/statutes.pdf",
    )
    assert len(page.find_all("aside", class_="file-reference")) == 1
    assert "Bob's secret" not in client.get(PAGE).content.decode()


def test_the_readers_site_offers_anonymous_readers_to_sign_in(client, handbook):
    html = client.get(PAGE).content.decode()

    hints = parse(html).find_all("p", class_="file-reference file-reference-sign-in")
    assert len(hints) == 4
    assert hints[0].find("a").attrs["href"].startswith("/en/account/sign-in/?next=")
    assert "Our statutes" not in html and "statutes.pdf" not in html


def test_the_readers_site_says_files_are_unavailable(client, handbook, alice, nextcloud):
    client.force_login(alice.user)
    nextcloud.simulate("down")

    response = client.get(PAGE)

    assert response.status_code == 200
    notice = parse(response.content.decode()).find("p", class_="file-reference file-reference-unavailable")
    assert notice.text == "Our statutes: Files are unavailable right now."


def test_more_file_blocks_cost_no_more_queries(client, small_demo, nextcloud, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for name in ("a", "b", "c"):
        nextcloud.add_file(f"Co-op/Handbook/{name}.pdf", b"%PDF")
    add_page(small_demo.page("welcome"), "One", body=[file_block("A", "Co-op/Handbook/a.pdf")])
    add_page(
        small_demo.page("welcome"),
        "Three",
        body=[file_block(name.upper(), f"Co-op/Handbook/{name}.pdf") for name in ("a", "b", "c")],
    )
    client.force_login(alice.user)
    blocks(client, "/welcome/one/")  # warm per-process caches

    with CaptureQueriesContext(connection) as one:
        assert len(blocks(client, "/welcome/one/")) == 1
    with CaptureQueriesContext(connection) as three:
        assert [block["access"] for block in blocks(client, "/welcome/three/")] == ["AVAILABLE"] * 3

    assert len(three) == len(one)
