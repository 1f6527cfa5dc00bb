"""My files: a member's folder and the shared folders, listed and downloaded through the portal, and nothing else."""

import pytest

from portal.members.models import Member, MemberStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_folders")]

FILES = "/en/account/files/"


@pytest.fixture
def two_members(make_member, nextcloud, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alice = make_member("alice")
        bob = make_member("bob")
    nextcloud.add_file("Members/alice/Reports/2026/q1.txt", b"alice's q1")
    nextcloud.add_file("Members/alice/notes.txt", b"alice's notes")
    nextcloud.add_file("Members/bob/secret.txt", b"bob's secret")
    nextcloud.add_file("Co-op/Handbook/statutes.pdf", b"%PDF statutes")
    return alice, bob


@pytest.fixture
def as_alice(client, two_members):
    client.force_login(two_members[0].user)
    return client


def test_the_page_lists_the_members_folder_and_the_shared_folders(as_alice):
    response = as_alice.get(FILES)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Reports/" in page and "notes.txt" in page
    assert "13\xa0bytes" in page  # notes.txt
    assert "/en/account/files/browse/mine/Reports/" in page
    assert "/en/account/files/download/mine/notes.txt" in page
    assert "https://cloud.example.test/index.php/f/" in page  # open in NextCloud
    assert "/en/account/files/browse/Handbook/" in page and "/en/account/files/browse/Forms/" in page
    assert "secret.txt" not in page
    assert response["Cache-Control"] == "private, no-store"


def test_sub_folders_are_browsed_with_a_path_back(as_alice):
    page = as_alice.get(FILES + "browse/mine/Reports/2026/").content.decode()

    assert "q1.txt" in page and "notes.txt" not in page
    assert 'href="/en/account/files/browse/mine/Reports/"' in page
    assert 'href="/en/account/files/download/mine/Reports/2026/q1.txt"' in page


def test_shared_folders_are_browsed(as_alice):
    page = as_alice.get(FILES + "browse/Handbook/").content.decode()

    assert "statutes.pdf" in page
    assert "/en/account/files/download/Handbook/statutes.pdf" in page


def test_a_file_is_streamed_through_the_portal(as_alice):
    response = as_alice.get(FILES + "download/mine/Reports/2026/q1.txt")

    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == b"alice's q1"
    assert response["Content-Disposition"] == 'attachment; filename="q1.txt"'
    assert response["Content-Length"] == "10"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_page_speaks_the_readers_language(as_alice):
    page = as_alice.get("/es/account/files/").content.decode()

    assert '<html lang="es"' in page


def test_a_listing_costs_a_fixed_number_of_queries_and_one_nextcloud_call(
    as_alice, nextcloud, django_assert_max_num_queries
):
    as_alice.get(FILES)  # warm per-process caches (sites, languages)
    calls = nextcloud.calls
    with django_assert_max_num_queries(4):
        as_alice.get(FILES + "browse/mine/Reports/")
    assert nextcloud.calls == calls + 1


@pytest.mark.parametrize(
    "address",
    [
        "browse/mine/../bob/",
        "browse/mine/%2e%2e/bob/",
        "browse/mine/%2E%2E/%2E%2E/Members/bob/",
        "browse/mine/%252e%252e/bob/",
        "browse/mine/..%2fbob/",
        "browse/mine/Reports/../../bob/",
        "download/mine/../bob/secret.txt",
        "download/mine/%2e%2e/bob/secret.txt",
        "download/mine/..%5cbob%5csecret.txt",
        "download/mine//Members/bob/secret.txt",
        "download/mine/%2fMembers/bob/secret.txt",
        "download/mine/notes.txt%00.pdf",
        "download/Handbook/../../Members/bob/secret.txt",
    ],
)
def test_traversal_is_refused(as_alice, nextcloud, address):
    calls = nextcloud.calls

    response = as_alice.get(FILES + address)

    assert response.status_code == 400
    assert b"bob's secret" not in b"".join(getattr(response, "streaming_content", [response.content]))
    assert nextcloud.calls == calls  # refused before NextCloud was asked


@pytest.mark.parametrize(
    "address",
    [
        "browse/bob/",
        "browse/Members/bob/",
        "download/bob/secret.txt",
        "download/Members/bob/secret.txt",
        "browse/Co-op/Handbook/",
        "download/mine/secret.txt",
        "browse/mine/notes.txt/",
        "download/mine/Reports",
    ],
)
def test_other_members_folders_and_unknown_places_are_not_found(as_alice, address):
    assert as_alice.get(FILES + address).status_code == 404


# Only ids every database can store (PostgreSQL refuses NUL and the column holds 64 characters);
# NUL and over-long ids are refused by check_user_id itself (test_paths).
@pytest.mark.parametrize("odd_id", ["../bob", "bob/..", "/bob", "b%2e%2e", "bob\n", " bob", "-bob", "Members/bob"])
def test_an_odd_user_id_on_the_record_reaches_no_folder(as_alice, two_members, nextcloud, odd_id):
    Member.objects.filter(pk=two_members[0].pk).update(nextcloud_user_id=odd_id)
    calls = nextcloud.calls

    assert as_alice.get(FILES + "browse/mine/").status_code == 404
    assert as_alice.get(FILES + "download/mine/secret.txt").status_code == 404
    page = as_alice.get(FILES).content.decode()
    assert "secret.txt" not in page
    assert nextcloud.calls == calls


def test_bob_sees_only_his_own(client, two_members):
    client.force_login(two_members[1].user)

    page = client.get(FILES).content.decode()
    assert "secret.txt" in page and "notes.txt" not in page
    assert client.get(FILES + "download/mine/notes.txt").status_code == 404


def test_a_suspended_member_reaches_no_files(client, two_members, nextcloud, django_capture_on_commit_callbacks):
    alice = two_members[0]
    with django_capture_on_commit_callbacks(execute=True):
        alice.change_status(MemberStatus.SUSPENDED)
    client.force_login(alice.user)

    page = client.get(FILES).content.decode()
    assert "while your membership is active" in page
    assert "notes.txt" not in page
    assert client.get(FILES + "download/mine/notes.txt").status_code == 404
    assert client.get(FILES + "download/Handbook/statutes.pdf").status_code == 404


def test_anonymous_readers_are_sent_to_sign_in(client, two_members):
    response = client.get(FILES + "download/mine/notes.txt")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/sign-in/")


def test_people_outside_the_register_reach_no_files(client, django_user_model, two_members):
    client.force_login(django_user_model.objects.create_user("editor"))

    assert client.get(FILES).status_code == 302
    assert client.get(FILES + "download/Handbook/statutes.pdf").status_code == 302


def test_a_folder_not_yet_made_says_it_is_being_set_up(make_member, client):
    member = make_member("carol")  # active; its provisioning task has not run
    Member.objects.filter(pk=member.pk).update(nextcloud_user_id="carol")
    client.force_login(member.user)

    page = client.get(FILES).content.decode()

    assert "being set up" in page


def test_the_account_page_leads_to_my_files(as_alice):
    assert 'href="/en/account/files/"' in as_alice.get("/en/account/").content.decode()


def test_without_a_language_prefix_the_page_speaks_the_members_language(make_member, client):
    member = make_member("dora", language="fr")
    client.force_login(member.user)

    response = client.get("/account/files/")

    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()


def test_a_shared_folder_nextcloud_does_not_have_is_not_found(make_member, client, settings, nextcloud):
    member = make_member("carol")  # provisioning has not run: nothing exists in NextCloud
    Member.objects.filter(pk=member.pk).update(nextcloud_user_id="carol")
    client.force_login(member.user)

    assert client.get(FILES + "browse/Forms/").status_code == 404
