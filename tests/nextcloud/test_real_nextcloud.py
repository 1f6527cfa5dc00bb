"""The whole provisioning and file life cycle against a real NextCloud (27 or later).

Runs when NEXTCLOUD_TEST_URL, NEXTCLOUD_TEST_USER and NEXTCLOUD_TEST_PASSWORD name an admin account and its app
password, e.g. against `docker run -p 8080:80 nextcloud` after creating an admin and an app password. Everything it
makes carries a random suffix and is removed at the end: a user, two groups and a folder tree.
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
