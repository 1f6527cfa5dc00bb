"""A NextCloud kept in memory, for tests and for running the portal without one.

It behaves like the nc-py-api backend against a real NextCloud (the same contract tests run on both), and can
simulate an outage. Its state lives in one process: never use it where several processes serve the portal.
"""

import contextlib
import itertools
import mimetypes
import threading
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils import timezone

from portal.nextcloud.backends.base import (
    Download,
    Entry,
    Health,
    NextcloudBackend,
    NextcloudUser,
    Permission,
    Share,
    web_url,
)
from portal.nextcloud.exceptions import NextcloudError, NextcloudNotFound, NextcloudUnavailable
from portal.nextcloud.paths import check_group_id, check_user_id, clean_relative_path

OUTAGES = {
    "down": "cannot reach NextCloud (connection refused)",
    "timeout": "NextCloud did not answer within the read timeout",
    "maintenance": "NextCloud is in maintenance mode (503)",
    "error": "NextCloud failed (500)",
}
CHUNK_SIZE = 64 * 1024


@dataclass
class _Node:
    is_dir: bool
    file_id: int
    modified: datetime
    etag: str = field(default_factory=lambda: uuid.uuid4().hex)
    content: bytes = b""


class MemoryBackend(NextcloudBackend):
    def __init__(self, url: str = "https://nextcloud.invalid", user: str = "portal", **options):
        self.base_url = url or "https://nextcloud.invalid"
        self.service_user = user or "portal"
        self.options = options
        self.outage: str | None = None
        self.calls = 0  # requests that "reached" NextCloud: the circuit breaker tests count them
        self._lock = threading.RLock()
        self._file_ids = itertools.count(1)
        self._share_ids = itertools.count(1)
        self.users: dict[str, NextcloudUser] = {}
        self.groups: set[str] = {"admin"}
        self.shares: dict[str, Share] = {}
        self.nodes: dict[str, _Node] = {"": self._node(is_dir=True)}

    # Test helpers --------------------------------------------------------------------------------------------

    def simulate(self, outage: str | None) -> None:
        """Fail every call as NextCloud "down", on "timeout", in "maintenance" or in "error" would; None heals."""
        if outage is not None and outage not in OUTAGES:
            raise ValueError(f"Unknown outage {outage!r}; one of {sorted(OUTAGES)}")
        self.outage = outage

    def add_file(self, path: str, content: bytes) -> Entry:
        """Put a file in the service account's home, as a member uploading into a shared folder would."""
        with self._lock:
            path = clean_relative_path(path)
            parent = path.rpartition("/")[0]
            self._make_dirs(parent)
            self.nodes[path] = self._node(is_dir=False, content=content)
            return self._entry(path)

    # The interface -------------------------------------------------------------------------------------------

    def ensure_user(self, user_id, display_name, email):
        check_user_id(user_id)
        with self._request():
            existing = self.users.get(user_id)
            if existing is None:
                if not email:
                    raise NextcloudError(f"create user {user_id}: an email address is required (OCS 108)")
                existing = NextcloudUser(user_id, display_name, email, enabled=True, groups=())
            self.users[user_id] = replace(
                existing, display_name=display_name or existing.display_name, email=email or existing.email
            )
            return self.users[user_id]

    def set_user_enabled(self, user_id, enabled):
        check_user_id(user_id)
        with self._request():
            self.users[user_id] = replace(self._user(user_id), enabled=bool(enabled))
            return self.users[user_id]

    def ensure_group(self, group_id):
        check_group_id(group_id)
        with self._request():
            self.groups.add(group_id)

    def set_user_groups(self, user_id, groups: Collection[str], *, managed: Collection[str]):
        check_user_id(user_id)
        wanted = {check_group_id(group) for group in groups}
        unwanted = {check_group_id(group) for group in managed} - wanted
        with self._request():
            user = self._user(user_id)
            self.groups |= wanted
            self.users[user_id] = replace(user, groups=tuple(sorted((set(user.groups) | wanted) - unwanted)))
            return self.users[user_id]

    def ensure_folder(self, path):
        path = clean_relative_path(path)
        with self._request():
            self._make_dirs(path)
            return self._entry(path)

    def share_folder(self, path, with_user, permissions):
        path = clean_relative_path(path)
        check_user_id(with_user)
        permissions = Permission(int(permissions))
        with self._request():
            self._existing(path)
            self._user(with_user)
            for share in self.shares.values():
                if share.path == path and share.share_with == with_user:
                    self.shares[share.share_id] = replace(share, permissions=permissions)
                    return self.shares[share.share_id]
            share = Share(str(next(self._share_ids)), path, with_user, permissions)
            self.shares[share.share_id] = share
            return share

    def unshare(self, path, with_user):
        path = clean_relative_path(path)
        check_user_id(with_user)
        with self._request():
            doomed = [s.share_id for s in self.shares.values() if s.path == path and s.share_with == with_user]
            for share_id in doomed:
                del self.shares[share_id]
            return bool(doomed)

    def list_shares(self, path=None, with_user=None):
        path = None if path is None else clean_relative_path(path)
        if with_user is not None:
            check_user_id(with_user)
        with self._request():
            if path is not None:
                self._existing(path)
            return [
                share
                for share in self.shares.values()
                if (path is None or share.path == path) and (with_user is None or share.share_with == with_user)
            ]

    def stat(self, path):
        path = clean_relative_path(path)
        with self._request():
            self._existing(path)
            return self._entry(path)

    def list_folder(self, path):
        path = clean_relative_path(path)
        with self._request():
            if not self._existing(path).is_dir:
                raise NextcloudError(f"list {path}: not a folder")
            prefix = f"{path}/" if path else ""
            children = [key for key in self.nodes if key.startswith(prefix) and key and "/" not in key[len(prefix) :]]
            entries = [self._entry(child) for child in children if child != path]
            return sorted(entries, key=lambda entry: (not entry.is_dir, entry.name))

    def open_download(self, path):
        path = clean_relative_path(path)
        with self._request():
            node = self._existing(path)
            if node.is_dir:
                raise NextcloudError(f"download {path}: a folder, not a file")
            entry = self._entry(path)
            content = node.content
            chunks = (content[i : i + CHUNK_SIZE] for i in range(0, len(content), CHUNK_SIZE))
            return Download(entry.name, len(content), entry.content_type, entry.etag, chunks)

    def health(self):
        with self._request():
            return Health(version="memory", service_user=self.service_user)

    # Internals -----------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _request(self):
        with self._lock:
            self.calls += 1
            if self.outage:
                raise NextcloudUnavailable(OUTAGES[self.outage])
            yield

    def _node(self, *, is_dir: bool, content: bytes = b"") -> _Node:
        return _Node(is_dir=is_dir, file_id=next(self._file_ids), modified=timezone.now(), content=content)

    def _user(self, user_id: str) -> NextcloudUser:
        if user_id not in self.users:
            raise NextcloudNotFound(f"user {user_id}: no such user")
        return self.users[user_id]

    def _existing(self, path: str) -> _Node:
        if path not in self.nodes:
            raise NextcloudNotFound(f"{path or '/'}: no such file or folder")
        return self.nodes[path]

    def _make_dirs(self, path: str) -> None:
        parts = path.split("/") if path else []
        for depth in range(1, len(parts) + 1):
            ancestor = "/".join(parts[:depth])
            node = self.nodes.get(ancestor)
            if node is None:
                self.nodes[ancestor] = self._node(is_dir=True)
            elif not node.is_dir:
                raise NextcloudError(f"create folder {path}: {ancestor} is a file")

    def _entry(self, path: str) -> Entry:
        node = self.nodes[path]
        name = path.rpartition("/")[2]
        if node.is_dir:
            prefix = f"{path}/" if path else ""
            size = sum(len(other.content) for key, other in self.nodes.items() if key.startswith(prefix))
            content_type = "httpd/unix-directory"
        else:
            size = len(node.content)
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Entry(
            name=name,
            path=path,
            is_dir=node.is_dir,
            size=size,
            modified=node.modified,
            etag=node.etag,
            file_id=node.file_id,
            content_type=content_type,
            web_url=web_url(self.base_url, node.file_id),
        )
