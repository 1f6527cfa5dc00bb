"""The whole provisioning and file life cycle against a real NextCloud (27 or later): the backend's calls one by
one, then the portal's own provisioning task, "My files" pages and downloads for a member of the register.

Runs when NEXTCLOUD_TEST_URL, NEXTCLOUD_TEST_USER and NEXTCLOUD_TEST_PASSWORD name an admin account and its app
password, e.g. against `docker run -p 8080:80 nextcloud` after creating an admin and an app password. Everything it
makes carries a random suffix and is removed at the end: users, groups (those the test made) and a folder tree.
"""

import os
import uuid

import pytest

from portal.nextcloud.backends.base import READ_ONLY, READ_WRITE
from portal.nextcloud.backends.nc_py_api import NcPyApiBackend
from portal.nextcloud.exceptions import NextcloudNotFound

ENVIRONMENT = ("NEXTCLOUD_TEST_URL", "NEXTCLOUD_TEST_USER", "NEXTCLOUD_TEST_PASSWORD")

pytestmark = pytest.mark.skipif(
    not all(os.environ.get(name) for name in ENVIRONMENT),
    reason="no real NextCloud: set NEXTCLOUD_TEST_URL, NEXTCLOUD_TEST_USER and NEXTCLOUD_TEST_PASSWORD "
    "(an admin's app password) to run the life cycle against one",
)


@pytest.fixture
def backend():
    backend = NcPyApiBackend(
        url=os.environ["NEXTCLOUD_TEST_URL"],
        user=os.environ["NEXTCLOUD_TEST_USER"],
        app_password=os.environ["NEXTCLOUD_TEST_PASSWORD"],
    )
    yield backend
    backend.close()


@pytest.fixture
def names(backend):
    suffix = uuid.uuid4().hex[:8]
    names = {
        "user": f"portal-test-{suffix}",
        "members": f"PortalTest Members {suffix}",
        "operational": f"PortalTest Operational {suffix}",
        "root": f"PortalTest-{suffix}",
    }
    yield names

    async def clean_up(nc):
        for call in (
            lambda: nc.users.delete(names["user"]),
            lambda: nc.users_groups.delete(names["members"]),
            lambda: nc.users_groups.delete(names["operational"]),
            lambda: nc.files.delete(names["root"], not_fail=True),
        ):
            try:
                await call()
            except Exception:  # noqa: BLE001, S110 (clean up what exists, whatever failed earlier)
                pass

    backend._run("clean up the life cycle test", clean_up)


def test_member_life_cycle(backend, names):
    user_id, root = names["user"], names["root"]
    personal, shared = f"{root}/Members/{user_id}", f"{root}/Shared/Handbook"
    managed = [names["members"], names["operational"]]

    assert backend.health().version

    # A member becomes active: user, groups, personal folder, shared folders.
    user = backend.ensure_user(user_id, "Portal Test", f"{user_id}@example.invalid")
    assert (user.user_id, user.enabled) == (user_id, True)
    assert backend.ensure_user(user_id, "Portal Test Member", f"{user_id}@example.invalid").display_name == (
        "Portal Test Member"
    )
    assert set(backend.set_user_groups(user_id, managed, managed=managed).groups) >= set(managed)
    assert names["operational"] not in backend.set_user_groups(user_id, [names["members"]], managed=managed).groups
    assert backend.ensure_folder(personal).is_dir
    assert backend.ensure_folder(personal).path == personal
    assert backend.ensure_folder(shared).is_dir
    personal_share = backend.share_folder(personal, user_id, READ_WRITE)
    shared_share = backend.share_folder(shared, user_id, READ_ONLY)
    assert backend.share_folder(shared, user_id, READ_ONLY).share_id == shared_share.share_id
    assert {share.share_id for share in backend.list_shares(with_user=user_id)} >= {
        personal_share.share_id,
        shared_share.share_id,
    }

    # My files: listing and download.
    content = b"Minutes of the general assembly\n" * 5000
    backend._run("upload", lambda nc: nc.files.upload(f"{personal}/minutes.txt", content))
    (entry,) = backend.list_folder(personal)
    assert (entry.name, entry.is_dir, entry.size) == ("minutes.txt", False, len(content))
    assert entry.web_url.endswith(f"/index.php/f/{entry.file_id}")
    download = backend.open_download(entry.path)
    assert download.size == len(content)
    assert b"".join(download.chunks) == content

    # The member is suspended: disabled, shares removed, data kept.
    assert backend.set_user_enabled(user_id, False).enabled is False
    assert backend.unshare(personal, user_id) is True
    assert backend.unshare(shared, user_id) is True
    assert backend.unshare(shared, user_id) is False
    assert [share for share in backend.list_shares(with_user=user_id) if share.path.startswith(root)] == []
    assert [entry.name for entry in backend.list_folder(personal)] == ["minutes.txt"]
    with pytest.raises(NextcloudNotFound):
        backend.list_folder(f"{root}/Missing")


@pytest.fixture
def portal_on_real_nextcloud(settings, backend, names):
    """The portal configured for the real NextCloud, its folders below the test's own root."""
    root = names["root"]
    settings.NEXTCLOUD = {
        "BACKEND": "portal.nextcloud.backends.nc_py_api.NcPyApiBackend",
        "OPTIONS": {
            "url": os.environ["NEXTCLOUD_TEST_URL"],
            "user": os.environ["NEXTCLOUD_TEST_USER"],
            "app_password": os.environ["NEXTCLOUD_TEST_PASSWORD"],
        },
        "CIRCUIT": {"FAILURES": 5, "RESET_SECONDS": 30},
    }
    settings.NEXTCLOUD_MEMBERS_FOLDER = f"{root}/Members"
    settings.NEXTCLOUD_SHARED_FOLDERS = [f"{root}/Handbook"]

    async def existing_groups(nc):
        return set(await nc.users_groups.get_list())

    made_groups = {"Members", "Operational members"} - backend._run("list groups", existing_groups)
    yield root

    async def clean_up(nc):
        for group in made_groups:
            try:
                await nc.users_groups.delete(group)
            except Exception:  # noqa: BLE001, S110 (clean up what exists, whatever failed earlier)
                pass

    backend._run("clean up the portal's groups", clean_up)


@pytest.mark.django_db
def test_provisioning_and_my_files_life_cycle(
    portal_on_real_nextcloud, backend, names, make_member, client, django_capture_on_commit_callbacks
):
    from portal.members.models import MemberStatus, ProvisioningStatus
    from portal.nextcloud.tasks import provision_member

    root, user_id = portal_on_real_nextcloud, names["user"]
    personal, shared = f"{root}/Members/{user_id}", f"{root}/Handbook"

    # Active: user, groups, personal folder, shared folder read-only.
    with django_capture_on_commit_callbacks(execute=True):
        member = make_member(user_id, email=f"{user_id}@example.invalid")
    member.refresh_from_db()
    assert (member.nextcloud_user_id, member.provisioning_status) == (user_id, ProvisioningStatus.PROVISIONED), (
        member.provisioning_error
    )
    assert set(backend.set_user_groups(user_id, [], managed=[]).groups) >= {"Members"}
    shares = {share.path: share.permissions for share in backend.list_shares(with_user=user_id)}
    assert (shares[personal], shares[shared]) == (READ_WRITE, READ_ONLY)
    assert provision_member.call(member.pk) == "provisioned"  # idempotent
    assert len(backend.list_shares(with_user=user_id)) == len(shares)

    # My files: listing and a streamed download through the portal.
    content = b"Budget 2026\n" * 10000
    backend._run("upload", lambda nc: nc.files.upload(f"{personal}/budget.txt", content))
    backend._run("upload", lambda nc: nc.files.upload(f"{shared}/statutes.txt", b"statutes"))
    client.force_login(member.user)
    page = client.get("/en/account/files/").content.decode()
    assert "budget.txt" in page
    assert "statutes.txt" in client.get("/en/account/files/browse/Handbook/").content.decode()
    download = client.get("/en/account/files/download/mine/budget.txt")
    assert b"".join(download.streaming_content) == content
    assert client.get("/en/account/files/download/mine/../../Handbook/statutes.txt").status_code == 400

    # Suspended: disabled, shares gone, files kept.
    with django_capture_on_commit_callbacks(execute=True):
        member.change_status(MemberStatus.SUSPENDED)
    member.refresh_from_db()
    assert member.provisioning_status == ProvisioningStatus.NOT_PROVISIONED, member.provisioning_error
    assert backend.set_user_enabled(user_id, False).enabled is False
    assert [share for share in backend.list_shares(with_user=user_id) if share.path.startswith(root)] == []
    assert [entry.name for entry in backend.list_folder(personal)] == ["budget.txt"]
    assert client.get("/en/account/files/download/mine/budget.txt").status_code == 404
