"""The NextCloud backend interface: exactly what member provisioning and "My files" need.

Everything happens as one service account: a NextCloud admin that signs in with an app password
(NEXTCLOUD_USER, NEXTCLOUD_APP_PASSWORD). Admin rights cover users and groups; WebDAV, however, only reaches the
service account's own home, so folders live there and members reach them through shares:

- a member's personal folder is "Members/<user id>" (NEXTCLOUD_MEMBERS_FOLDER), created by the service account
  and shared with the member read-write. It shows up in the member's NextCloud as a folder named after them; what
  they put in it stays when they leave (provisioning only removes the share).
- the co-op's shared folders are folders of the service account, shared read-only with user members and
  read-write with operational members.

So every path here is relative to the service account's home, without a leading slash ("Members/alice/Notes"),
and checked by `portal.nextcloud.paths`. The portal lists and downloads members' files as the service account,
after its own permission check.

Every method either answers or raises NextcloudUnavailable (unreachable, timeout, 5xx, maintenance),
NextcloudNotFound, NextcloudError (another answer the portal did not expect) or UnsafePath (a bad id or path,
refused before any request).
"""

import enum
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime


class Permission(enum.IntFlag):
    """NextCloud's share permissions (the OCS share API's `permissions`)."""

    READ = 1
    UPDATE = 2
    CREATE = 4
    DELETE = 8
    SHARE = 16


READ_ONLY = Permission.READ
READ_WRITE = Permission.READ | Permission.UPDATE | Permission.CREATE | Permission.DELETE


@dataclass(frozen=True)
class NextcloudUser:
    user_id: str
    display_name: str
    email: str
    enabled: bool
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A file or folder. `path` is relative to the service account's home; `web_url` opens it in NextCloud for
    anyone who can see it (NextCloud's internal link by file id works through shares too)."""

    name: str
    path: str
    is_dir: bool
    size: int
    modified: datetime | None
    etag: str
    file_id: int | None
    content_type: str
    web_url: str


@dataclass(frozen=True)
class Share:
    """A share of one of the service account's folders with one user."""

    share_id: str
    path: str
    share_with: str
    permissions: Permission


@dataclass(frozen=True)
class Download:
    """A file being downloaded: iterate `chunks` once (closing it releases the connection)."""

    name: str
    size: int | None
    content_type: str
    etag: str
    chunks: Iterator[bytes]


@dataclass(frozen=True)
class Health:
    version: str
    service_user: str


def web_url(base_url: str, file_id: int | None) -> str:
    return f"{base_url.rstrip('/')}/index.php/f/{file_id}" if file_id is not None else ""


class NextcloudBackend(ABC):
    """Configured as NEXTCLOUD = {"BACKEND": dotted path, "OPTIONS": {...}}; see portal.nextcloud.backends."""

    @abstractmethod
    def ensure_user(self, user_id: str, display_name: str, email: str) -> NextcloudUser:
        """Create the user, or link an existing one with this id (updating its display name and email).

        A new user gets NextCloud's welcome email to set a password.
        """

    @abstractmethod
    def set_user_enabled(self, user_id: str, enabled: bool) -> NextcloudUser:
        """Enable or disable the user; nothing of theirs is deleted."""

    @abstractmethod
    def ensure_group(self, group_id: str) -> None:
        """Create the group unless it exists."""

    @abstractmethod
    def set_user_groups(self, user_id: str, groups: Collection[str], *, managed: Collection[str]) -> NextcloudUser:
        """Put the user in `groups` (created when missing) and take them out of the `managed` groups not wanted.

        Groups outside `managed` (set by NextCloud's admins) are left alone.
        """

    @abstractmethod
    def ensure_folder(self, path: str) -> Entry:
        """Create the folder and its parents unless they exist; return it."""

    @abstractmethod
    def share_folder(self, path: str, with_user: str, permissions: Permission) -> Share:
        """Share the folder with the user; an existing share with them is kept, its permissions set."""

    @abstractmethod
    def unshare(self, path: str, with_user: str) -> bool:
        """Remove the folder's shares with the user; False when there was none (or no such folder)."""

    @abstractmethod
    def list_shares(self, path: str | None = None, with_user: str | None = None) -> list[Share]:
        """The service account's user shares, of one folder and/or with one user."""

    @abstractmethod
    def stat(self, path: str) -> Entry:
        """The file or folder at `path`."""

    @abstractmethod
    def list_folder(self, path: str) -> list[Entry]:
        """The folder's entries, folders first, then by name."""

    @abstractmethod
    def open_download(self, path: str) -> Download:
        """Start streaming the file."""

    @abstractmethod
    def health(self) -> Health:
        """NextCloud answers, is not in maintenance and accepts the service account."""

    def close(self) -> None:  # noqa: B027 (optional: only backends holding connections need it)
        """Release connections."""
