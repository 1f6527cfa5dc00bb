"""One contract, two backends: the in-memory one, and nc-py-api against the loopback NextCloud double."""

import pytest

from portal.nextcloud.backends.base import READ_ONLY, READ_WRITE, Entry, Permission
from portal.nextcloud.exceptions import NextcloudError, NextcloudNotFound, UnsafePath

# Users -----------------------------------------------------------------------------------------------------------


def test_ensure_user_creates_an_enabled_user(harness):
    user = harness.backend.ensure_user("alice", "Alice Liddell", "alice@example.coop")

    assert (user.user_id, user.display_name, user.email, user.enabled) == (
        "alice",
        "Alice Liddell",
        "alice@example.coop",
        True,
    )


def test_ensure_user_is_idempotent_and_updates_name_and_email(harness):
    harness.backend.ensure_user("alice", "Alice", "alice@example.coop")
    again = harness.backend.ensure_user("alice", "Alice Liddell", "liddell@example.coop")

    assert (again.display_name, again.email) == ("Alice Liddell", "liddell@example.coop")
    assert harness.backend.ensure_user("alice", "Alice Liddell", "liddell@example.coop") == again


def test_ensure_user_links_an_existing_user_and_keeps_their_groups(harness):
    harness.add_user("bob", "Bob", "bob@example.coop", groups=["Designers"])

    user = harness.backend.ensure_user("bob", "Bob Builder", "bob@example.coop")

    assert user.display_name == "Bob Builder"
    assert user.groups == ("Designers",)


def test_a_new_user_needs_an_email_address(harness):
    with pytest.raises(NextcloudError):
        harness.backend.ensure_user("carol", "Carol", "")


def test_a_user_is_created_even_when_nextcloud_cannot_send_the_welcome_email(fake_nextcloud, nc_backend):
    fake_nextcloud.mail_fails = True

    user = nc_backend.ensure_user("alice", "Alice", "alice@example.coop")

    assert (user.user_id, user.enabled) == ("alice", True)


@pytest.mark.parametrize("user_id", ["../admin", "alice/../bob", "", " alice", "al%2fice", "alice\x00", "-rf"])
def test_odd_user_ids_are_refused_before_any_request(harness, user_id):
    before = harness.requests()

    with pytest.raises(UnsafePath):
        harness.backend.ensure_user(user_id, "Someone", "someone@example.coop")
    with pytest.raises(UnsafePath):
        harness.backend.set_user_enabled(user_id, False)

    assert harness.requests() == before


def test_users_are_disabled_and_enabled_again(harness):
    harness.backend.ensure_user("alice", "Alice", "alice@example.coop")

    assert harness.backend.set_user_enabled("alice", False).enabled is False
    assert harness.backend.set_user_enabled("alice", False).enabled is False
    assert harness.backend.set_user_enabled("alice", True).enabled is True


def test_disabling_an_unknown_user_is_not_found(harness):
    with pytest.raises(NextcloudNotFound):
        harness.backend.set_user_enabled("nobody", False)


# Groups ----------------------------------------------------------------------------------------------------------


def test_ensure_group_is_idempotent(harness):
    harness.backend.ensure_group("Members")
    harness.backend.ensure_group("Members")
    harness.backend.ensure_user("alice", "Alice", "alice@example.coop")

    assert harness.backend.set_user_groups("alice", ["Members"], managed=["Members"]).groups == ("Members",)


def test_set_user_groups_adds_missing_groups_and_removes_only_managed_ones(harness):
    harness.add_user("alice", groups=["Members", "Operational", "Designers"])

    user = harness.backend.set_user_groups(
        "alice", ["Members", "Newsletter"], managed=["Members", "Operational", "Newsletter"]
    )

    # "Operational" is managed and no longer wanted; "Designers" is NextCloud's own business; "Newsletter" is new.
    assert user.groups == ("Designers", "Members", "Newsletter")
    assert harness.backend.set_user_groups("alice", ["Members", "Newsletter"], managed=["Operational"]) == user


def test_set_groups_of_an_unknown_user_is_not_found(harness):
    with pytest.raises(NextcloudNotFound):
        harness.backend.set_user_groups("nobody", ["Members"], managed=["Members"])


def test_odd_group_ids_are_refused(harness):
    harness.backend.ensure_user("alice", "Alice", "alice@example.coop")

    with pytest.raises(UnsafePath):
        harness.backend.set_user_groups("alice", ["../admin"], managed=[])
    with pytest.raises(UnsafePath):
        harness.backend.ensure_group("admin\nx")


# Folders ---------------------------------------------------------------------------------------------------------


def test_ensure_folder_creates_parents_and_is_idempotent(harness):
    folder = harness.backend.ensure_folder("Members/alice/Reports")
    again = harness.backend.ensure_folder("Members/alice/Reports")

    assert (folder.name, folder.path, folder.is_dir) == ("Reports", "Members/alice/Reports", True)
    assert again.file_id == folder.file_id
    assert folder.web_url.endswith(f"/index.php/f/{folder.file_id}")
    assert [entry.name for entry in harness.backend.list_folder("Members/alice")] == ["Reports"]


def test_ensure_folder_where_a_file_is_fails(harness):
    harness.add_file("Members/alice", b"not a folder")

    with pytest.raises(NextcloudError):
        harness.backend.ensure_folder("Members/alice")


@pytest.mark.parametrize("path", ["/Members", "../portal", "Members/../../etc", "Members/%2e%2e/x", "a\\b", "a\x00b"])
def test_unsafe_paths_are_refused_before_any_request(harness, path):
    before = harness.requests()

    for call in (
        lambda: harness.backend.ensure_folder(path),
        lambda: harness.backend.list_folder(path),
        lambda: harness.backend.stat(path),
        lambda: harness.backend.open_download(path),
        lambda: harness.backend.share_folder(path, "alice", READ_ONLY),
    ):
        with pytest.raises(UnsafePath):
            call()

    assert harness.requests() == before


def test_list_folder_gives_folders_first_then_files_by_name(harness):
    harness.backend.ensure_folder("Shared/Handbook/Drafts")
    harness.add_file("Shared/Handbook/zebra.txt", b"z" * 10)
    harness.add_file("Shared/Handbook/apple.pdf", b"%PDF-1.4 " + b"a" * 100)

    entries = harness.backend.list_folder("Shared/Handbook")

    assert [(entry.name, entry.is_dir) for entry in entries] == [
        ("Drafts", True),
        ("apple.pdf", False),
        ("zebra.txt", False),
    ]
    pdf = entries[1]
    assert isinstance(pdf, Entry)
    assert (pdf.path, pdf.size, pdf.content_type) == ("Shared/Handbook/apple.pdf", 109, "application/pdf")
    assert pdf.modified is not None and pdf.modified.tzinfo is not None
    assert pdf.etag and pdf.file_id
    assert pdf.web_url.endswith(f"/index.php/f/{pdf.file_id}")


def test_list_folder_sizes_folders_by_their_content(harness):
    harness.add_file("Shared/a/one.txt", b"1" * 30)
    harness.add_file("Shared/a/b/two.txt", b"2" * 12)

    (folder,) = harness.backend.list_folder("Shared")

    assert (folder.name, folder.size) == ("a", 42)


def test_list_folder_of_nothing_or_of_a_file_fails(harness):
    harness.add_file("Shared/notes.txt", b"notes")

    with pytest.raises(NextcloudNotFound):
        harness.backend.list_folder("Shared/missing")
    with pytest.raises(NextcloudError):
        harness.backend.list_folder("Shared/notes.txt")


def test_stat_describes_a_file_or_a_folder_as_the_listing_does(harness):
    harness.add_file("Shared/Handbook/apple.pdf", b"%PDF-1.4 " + b"a" * 100)

    pdf = harness.backend.stat("Shared/Handbook/apple.pdf")
    folder = harness.backend.stat("Shared/Handbook")

    assert pdf == harness.backend.list_folder("Shared/Handbook")[0]
    assert (pdf.name, pdf.is_dir, pdf.size, pdf.content_type) == ("apple.pdf", False, 109, "application/pdf")
    assert (folder.name, folder.path, folder.is_dir) == ("Handbook", "Shared/Handbook", True)
    with pytest.raises(NextcloudNotFound):
        harness.backend.stat("Shared/Handbook/missing.pdf")


# Shares ----------------------------------------------------------------------------------------------------------


def test_share_folder_is_idempotent_and_sets_permissions(harness):
    harness.add_user("alice")
    harness.backend.ensure_folder("Members/alice")

    share = harness.backend.share_folder("Members/alice", "alice", READ_WRITE)
    again = harness.backend.share_folder("Members/alice", "alice", READ_WRITE)
    narrowed = harness.backend.share_folder("Members/alice", "alice", READ_ONLY)

    assert (share.path, share.share_with, share.permissions) == ("Members/alice", "alice", READ_WRITE)
    assert again.share_id == share.share_id
    assert (narrowed.share_id, narrowed.permissions) == (share.share_id, Permission.READ)
    assert harness.backend.list_shares(path="Members/alice") == [narrowed]


def test_sharing_what_does_not_exist_is_not_found(harness):
    harness.add_user("alice")
    harness.backend.ensure_folder("Shared/Handbook")

    with pytest.raises(NextcloudNotFound):
        harness.backend.share_folder("Shared/Missing", "alice", READ_ONLY)
    with pytest.raises(NextcloudNotFound):
        harness.backend.share_folder("Shared/Handbook", "nobody", READ_ONLY)


def test_unshare_removes_the_share_and_keeps_the_folder(harness):
    harness.add_user("alice")
    harness.backend.ensure_folder("Members/alice")
    harness.add_file("Members/alice/work.txt", b"work")
    harness.backend.share_folder("Members/alice", "alice", READ_WRITE)

    assert harness.backend.unshare("Members/alice", "alice") is True
    assert harness.backend.unshare("Members/alice", "alice") is False
    assert harness.backend.unshare("Members/never-made", "alice") is False
    assert harness.backend.list_shares(with_user="alice") == []
    assert [entry.name for entry in harness.backend.list_folder("Members/alice")] == ["work.txt"]


def test_list_shares_by_folder_and_by_user(harness):
    for user_id in ("alice", "bob"):
        harness.add_user(user_id)
    harness.backend.ensure_folder("Shared/Handbook")
    harness.backend.ensure_folder("Members/alice")
    handbook_alice = harness.backend.share_folder("Shared/Handbook", "alice", READ_ONLY)
    handbook_bob = harness.backend.share_folder("Shared/Handbook", "bob", READ_WRITE)
    personal = harness.backend.share_folder("Members/alice", "alice", READ_WRITE)

    def ids(shares):
        return sorted(share.share_id for share in shares)

    assert ids(harness.backend.list_shares(path="Shared/Handbook")) == ids([handbook_alice, handbook_bob])
    assert ids(harness.backend.list_shares(with_user="alice")) == ids([handbook_alice, personal])
    assert harness.backend.list_shares(path="Shared/Handbook", with_user="bob") == [handbook_bob]
    assert ids(harness.backend.list_shares()) == ids([handbook_alice, handbook_bob, personal])
    with pytest.raises(NextcloudNotFound):
        harness.backend.list_shares(path="Shared/Missing")


# Downloads and health --------------------------------------------------------------------------------------------


def test_open_download_streams_the_file(harness):
    content = bytes(range(256)) * 1000  # larger than one chunk
    harness.add_file("Members/alice/photo.png", content)

    download = harness.backend.open_download("Members/alice/photo.png")
    chunks = list(download.chunks)

    assert (download.name, download.size, download.content_type) == ("photo.png", len(content), "image/png")
    assert download.etag
    assert len(chunks) > 1
    assert b"".join(chunks) == content


def test_a_download_closed_early_can_be_followed_by_more_calls(harness):
    harness.add_file("Members/alice/big.bin", b"x" * 500_000)

    download = harness.backend.open_download("Members/alice/big.bin")
    next(download.chunks)
    download.chunks.close()

    assert [entry.name for entry in harness.backend.list_folder("Members/alice")] == ["big.bin"]


def test_downloading_a_folder_or_nothing_fails(harness):
    harness.backend.ensure_folder("Members/alice")

    with pytest.raises(NextcloudError):
        harness.backend.open_download("Members/alice")
    with pytest.raises(NextcloudNotFound):
        harness.backend.open_download("Members/alice/missing.txt")


def test_health_names_the_version_and_the_service_account(harness):
    health = harness.backend.health()

    assert health.service_user == "portal"
    assert health.version
