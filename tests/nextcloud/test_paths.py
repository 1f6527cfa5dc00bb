import pytest
from django.test import override_settings

from portal.nextcloud.exceptions import UnsafePath
from portal.nextcloud.paths import check_group_id, check_user_id, clean_relative_path, join_path, member_folder


@pytest.mark.parametrize(
    ("path", "clean"),
    [
        ("", ""),
        (".", ""),
        ("Reports", "Reports"),
        ("Reports/2024/q1.pdf", "Reports/2024/q1.pdf"),
        ("Reports//2024/./q1.pdf/", "Reports/2024/q1.pdf"),
        ("50%.txt", "50%.txt"),
        ("100%25 done.txt", "100%25 done.txt"),
        ("..notes", "..notes"),
        ("notes..", "notes.."),
        ("Café/Ünïcode ✓.md", "Café/Ünïcode ✓.md"),
    ],
)
def test_clean_relative_paths(path, clean):
    assert clean_relative_path(path) == clean


@pytest.mark.parametrize(
    "path",
    [
        "..",
        "../other",
        "Reports/../../other",
        "Reports/..",
        "%2e%2e/other",
        "%2E%2E/other",
        "Reports/%2e%2e",
        "%252e%252e/other",
        ".%2e/other",
        "Reports/%2e",
        "/etc/passwd",
        "//server/share",
        "C:/Windows",
        "c:evil",
        "Reports\\..\\other",
        "..\\other",
        "Reports/a\x00b",
        "Reports/%00.txt",
        "Reports%2f..%2fother",
        "Reports/%2Fetc",
        "line\nbreak",
        "tab\there",
        "x" * 1025,
    ],
)
def test_traversal_and_odd_paths_are_rejected(path):
    with pytest.raises(UnsafePath):
        clean_relative_path(path)


def test_only_strings_are_paths():
    with pytest.raises(UnsafePath):
        clean_relative_path(None)


def test_join_keeps_member_input_below_the_root():
    assert join_path("Members/alice", "Reports/q1.pdf") == "Members/alice/Reports/q1.pdf"
    assert join_path("Members/alice", "") == "Members/alice"
    with pytest.raises(UnsafePath):
        join_path("Members/alice", "../bob/secret.txt")
    with pytest.raises(UnsafePath):
        join_path("Members/alice", "/Members/bob")


@pytest.mark.parametrize("user_id", ["alice", "alice.smith", "a_b-c", "alice@example.coop", "A1", "7"])
def test_portal_user_ids_are_accepted(user_id):
    assert check_user_id(user_id) == user_id


@pytest.mark.parametrize(
    "user_id",
    ["", ".", "..", ".hidden", "-rf", "alice/bob", "alice bob", "al%2fice", "alice\x00", "a" * 65, None, 42, "ålice"],
)
def test_odd_user_ids_are_rejected(user_id):
    with pytest.raises(UnsafePath):
        check_user_id(user_id)


def test_group_ids_may_hold_spaces_but_nothing_odd():
    assert check_group_id("Operational members") == "Operational members"
    for group_id in ("", " Members", "Members ", "../admin", "a/b", "tab\tgroup"):
        with pytest.raises(UnsafePath):
            check_group_id(group_id)


def test_member_folders_live_under_the_configured_folder():
    assert member_folder("alice") == "Members/alice"
    with override_settings(NEXTCLOUD_MEMBERS_FOLDER="Co-op/People"):
        assert member_folder("alice") == "Co-op/People/alice"
    with pytest.raises(UnsafePath):
        member_folder("../portal")
