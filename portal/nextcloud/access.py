"""Which NextCloud folders a member reaches through the portal: the one rule "My files" and handbook file blocks use.

An active member with a NextCloud user id reaches their personal folder (NEXTCLOUD_MEMBERS_FOLDER/<user id>) and the
co-op's shared folders (NEXTCLOUD_SHARED_FOLDERS); nobody else reaches anything. Addresses name a folder by a key,
never by its path: "mine" for the personal folder, a shared folder's last segment for it. What a member adds to an
address (a sub-folder, a file name) is checked by `paths.join_path` and joined below that folder, so no address
leads to another member's folder.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.nextcloud.exceptions import UnsafePath
from portal.nextcloud.paths import clean_relative_path, join_path, member_folder

PERSONAL = "mine"


class NoSuchFolder(LookupError):
    """The address names no folder this member reaches."""


@dataclass(frozen=True)
class Root:
    key: str
    path: str
    personal: bool

    @property
    def name(self) -> str:
        return self.path.rpartition("/")[2]


def shared_folders() -> list[Root]:
    roots = [
        Root(key=folder.rpartition("/")[2], path=clean_relative_path(folder), personal=False)
        for folder in settings.NEXTCLOUD_SHARED_FOLDERS
    ]
    keys = [root.key for root in roots]
    if len(set(keys)) != len(keys) or PERSONAL in keys or "" in keys:
        raise ImproperlyConfigured(
            f"NEXTCLOUD_SHARED_FOLDERS: each folder needs its own last segment, other than {PERSONAL!r}: {keys}"
        )
    return roots


def may_use_files(member) -> bool:
    from portal.members.models import MemberStatus

    return member is not None and member.status == MemberStatus.ACTIVE and bool(member.nextcloud_user_id)


def personal_root(member) -> Root | None:
    try:
        return Root(key=PERSONAL, path=member_folder(member.nextcloud_user_id), personal=True)
    except UnsafePath:  # an id the portal would never have made: reach nothing rather than something odd
        return None


def roots_of(member) -> list[Root]:
    """The member's folders: their own first, then the shared ones."""
    if not may_use_files(member):
        return []
    personal = personal_root(member)
    return [*([personal] if personal else []), *shared_folders()]


def locate(member, key: str, relative: str = "") -> tuple[Root, str]:
    """The root named `key` and the path of `relative` below it; NoSuchFolder or UnsafePath otherwise."""
    for root in roots_of(member):
        if root.key == key:
            return root, join_path(root.path, relative)
    raise NoSuchFolder(key)


def relative_to(root: Root, path: str) -> str | None:
    """`path` (the service account's) below `root`, as "a/b"; "" for the root itself; None when outside it."""
    if path == root.path:
        return ""
    if path.startswith(f"{root.path}/"):
        return path[len(root.path) + 1 :]
    return None


def find_root(member, path: str) -> tuple[Root, str] | None:
    """Which of the member's folders holds `path`, and where below it; None when none does."""
    path = clean_relative_path(path)
    for root in roots_of(member):
        relative = relative_to(root, path)
        if relative is not None:
            return root, relative
    return None
