"""The NextCloud backend on nc-py-api, the official Nextcloud client (NextCloud 27 and later).

nc-py-api's synchronous client is deprecated (to be removed in 0.31), so this backend drives its asynchronous one
on an event loop of its own, in a daemon thread, and waits for each call there. Every request has the connect and
read timeouts (niquests takes them as a pair), TLS certificates are always verified (against NEXTCLOUD_CA_BUNDLE
when set), and a whole call never takes longer than the two timeouts together. Transport failures, timeouts, 5xx
and maintenance mode become NextcloudUnavailable; other answers NextcloudError, with messages free of credentials.
"""

import asyncio
import concurrent.futures
import json
import logging
import os
import threading
from collections.abc import Awaitable, Callable, Collection
from urllib.parse import quote, urlsplit
from xml.parsers.expat import ExpatError

import niquests
from django.core.exceptions import ImproperlyConfigured
from nc_py_api import AsyncNextcloud, NextcloudException
from nc_py_api.files import FsNode, ShareType

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

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024
# OCS status codes (https://docs.nextcloud.com, "Instruction set for users" and OCS API overview).
OCS_USER_EXISTS = 102
OCS_INVITATION_NOT_SENT = 109
OCS_GROUP_EXISTS = 102
OCS_NOT_FOUND = (404, 998)
OCS_UNAUTHORISED = (401, 997)
OCS_SERVER_ERROR = (996, 999)


class EventLoopThread:
    """An asyncio loop in a daemon thread; synchronous code hands it coroutines and waits for the result.

    Started on first use and again in a forked child (a gunicorn worker), since threads do not survive a fork.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid: int | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._pid != os.getpid():
                self._loop = asyncio.new_event_loop()
                self._pid = os.getpid()
                threading.Thread(target=self._loop.run_forever, name="nextcloud-client", daemon=True).start()
            return self._loop

    def run(self, coroutine: Awaitable, timeout: float):
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise NextcloudUnavailable(f"NextCloud did not finish answering within {timeout:g}s") from None


LOOP = EventLoopThread()


class NcPyApiBackend(NextcloudBackend):
    def __init__(
        self,
        url: str,
        user: str,
        app_password: str,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        ca_bundle: str = "",
        loop: EventLoopThread = LOOP,
    ):
        parts = urlsplit(url or "")
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ImproperlyConfigured("NEXTCLOUD_URL must be NextCloud's address, e.g. https://cloud.example.coop")
        if parts.username or parts.password:
            raise ImproperlyConfigured("Put the credentials in NEXTCLOUD_USER and NEXTCLOUD_APP_PASSWORD, not the URL")
        if not user or not app_password:
            raise ImproperlyConfigured("NEXTCLOUD_USER and NEXTCLOUD_APP_PASSWORD are needed with NEXTCLOUD_URL")
        self.base_url = url.rstrip("/")
        self.user = user
        self._password = app_password
        self.timeouts = (float(connect_timeout), float(read_timeout))
        self.call_timeout = sum(self.timeouts)
        self.verify: bool | str = ca_bundle or True
        self._loop = loop
        self._client: AsyncNextcloud | None = None
        self._client_pid: int | None = None

    def __repr__(self):
        return f"<NcPyApiBackend {self.base_url} as {self.user}>"

    # The interface -------------------------------------------------------------------------------------------

    def ensure_user(self, user_id, display_name, email):
        check_user_id(user_id)

        async def ensure(nc: AsyncNextcloud):
            try:
                info = await nc.users.get_user(user_id)
            except NextcloudException as exc:
                if exc.status_code not in OCS_NOT_FOUND:
                    raise
                if not email:
                    raise NextcloudError(f"create user {user_id}: an email address is needed") from None
                try:
                    await nc.users.create(user_id, display_name=display_name, email=email)
                except NextcloudException as exc:
                    if exc.status_code == OCS_INVITATION_NOT_SENT:  # the user exists; NextCloud's mail does not work
                        logger.warning("NextCloud created user %s but could not send them the welcome email", user_id)
                    elif exc.status_code != OCS_USER_EXISTS:  # created meanwhile by another worker: link it
                        raise
                info = await nc.users.get_user(user_id)
            if display_name and info.display_name != display_name:
                await nc.users.edit(user_id, displayname=display_name)
            if email and info.email != email:
                await nc.users.edit(user_id, email=email)
            return await nc.users.get_user(user_id)

        return self._user(self._run(f"ensure user {user_id}", ensure))

    def set_user_enabled(self, user_id, enabled):
        check_user_id(user_id)

        async def set_enabled(nc: AsyncNextcloud):
            info = await nc.users.get_user(user_id)
            if info.enabled != bool(enabled):
                await (nc.users.enable(user_id) if enabled else nc.users.disable(user_id))
                info = await nc.users.get_user(user_id)
            return info

        return self._user(self._run(f"{'enable' if enabled else 'disable'} user {user_id}", set_enabled))

    def ensure_group(self, group_id):
        check_group_id(group_id)
        self._run(f"ensure group {group_id}", lambda nc: self._ensure_group(nc, group_id))

    def set_user_groups(self, user_id, groups: Collection[str], *, managed: Collection[str]):
        check_user_id(user_id)
        wanted = {check_group_id(group) for group in groups}
        unwanted = {check_group_id(group) for group in managed} - wanted

        async def set_groups(nc: AsyncNextcloud):
            current = set((await nc.users.get_user(user_id)).groups)
            for group in sorted(wanted - current):
                await self._ensure_group(nc, group)
                await nc.users.add_to_group(user_id, group)
            for group in sorted(unwanted & current):
                await nc.users.remove_from_group(user_id, group)
            return await nc.users.get_user(user_id)

        return self._user(self._run(f"set groups of user {user_id}", set_groups))

    def ensure_folder(self, path):
        path = clean_relative_path(path)

        async def ensure(nc: AsyncNextcloud):
            try:
                node = await nc.files.by_path(path)
            except NextcloudException as exc:
                if exc.status_code not in OCS_NOT_FOUND:
                    raise
                await nc.files.makedirs(path, exist_ok=True)
                node = await nc.files.by_path(path)
            return node

        node = self._run(f"create folder {path}", ensure)
        if not node.is_dir:
            raise NextcloudError(f"create folder {path}: a file is in the way")
        return self._entry(node)

    def share_folder(self, path, with_user, permissions):
        path = clean_relative_path(path)
        check_user_id(with_user)
        permissions = Permission(int(permissions))

        async def share(nc: AsyncNextcloud):
            for existing in await self._user_shares(nc, path):
                if existing.share_with == with_user:
                    if existing.permissions != permissions:
                        return await nc.files.sharing.update(existing.share_id, permissions=permissions)
                    return existing
            return await nc.files.sharing.create(f"/{path}", ShareType.TYPE_USER, permissions, share_with=with_user)

        return self._share(self._run(f"share {path} with {with_user}", share))

    def unshare(self, path, with_user):
        path = clean_relative_path(path)
        check_user_id(with_user)

        async def unshare(nc: AsyncNextcloud):
            try:
                shares = [s for s in await self._user_shares(nc, path) if s.share_with == with_user]
            except NextcloudException as exc:
                if exc.status_code in OCS_NOT_FOUND:  # no such folder: nothing shared
                    return False
                raise
            for share in shares:
                try:
                    await nc.files.sharing.delete(share.share_id)
                except NextcloudException as exc:
                    if exc.status_code not in OCS_NOT_FOUND:  # removed meanwhile
                        raise
            return bool(shares)

        return self._run(f"unshare {path} with {with_user}", unshare)

    def list_shares(self, path=None, with_user=None):
        path = None if path is None else clean_relative_path(path)
        if with_user is not None:
            check_user_id(with_user)

        async def shares(nc: AsyncNextcloud):
            return [s for s in await self._user_shares(nc, path) if with_user is None or s.share_with == with_user]

        return [self._share(share) for share in self._run(f"list shares of {path or 'everything'}", shares)]

    def stat(self, path):
        path = clean_relative_path(path)

        async def look_up(nc: AsyncNextcloud):
            return await nc.files.by_path(path)

        node = self._run(f"look up {path or '/'}", look_up)
        if node is None:
            raise NextcloudNotFound(f"look up {path}: no such file or folder")
        return self._entry(node)

    def list_folder(self, path):
        path = clean_relative_path(path)

        async def listing(nc: AsyncNextcloud):
            return await nc.files.listdir(path, depth=1, exclude_self=False)

        nodes = self._run(f"list {path or '/'}", listing)
        folder = next((node for node in nodes if node.user_path.strip("/") == path), None)
        if folder is None or not folder.is_dir:
            raise NextcloudError(f"list {path}: not a folder")
        entries = [self._entry(node) for node in nodes if node is not folder]
        return sorted(entries, key=lambda entry: (not entry.is_dir, entry.name))

    def open_download(self, path):
        path = clean_relative_path(path)

        async def start(nc: AsyncNextcloud):
            node = await nc.files.by_path(path)
            if node is None:
                raise NextcloudNotFound(f"download {path}: no such file")
            if node.is_dir:
                raise NextcloudError(f"download {path}: a folder, not a file")
            # nc-py-api writes downloads into a file object; streaming them needs its DAV session directly.
            session = nc._session  # noqa: SLF001
            url = quote(f"/files/{await nc.user}/{path}")
            response = await session.adapter_dav.get(url, stream=True)
            if response.status_code >= 400:
                await response.close()
                raise NextcloudException(response.status_code, reason=response.reason or "", info=f"GET {path}")
            return node, response, await response.iter_content(CHUNK_SIZE)

        operation = f"download {path}"
        node, response, chunks = self._run(operation, start)
        size = response.headers.get("Content-Length")
        return Download(
            name=node.name,
            size=int(size) if size and size.isdigit() else node.info.content_length,
            content_type=response.headers.get("Content-Type") or node.info.mimetype or "application/octet-stream",
            etag=node.etag_unquoted,
            chunks=self._stream(operation, response, chunks),
        )

    def health(self):
        async def check(nc: AsyncNextcloud):
            await nc.update_server_info()
            return Health(version=(await nc.srv_version)["string"], service_user=(await nc.user))

        return self._run("health check", check)

    def close(self):
        if self._client is None or self._client_pid != os.getpid():
            return
        session = self._client._session  # noqa: SLF001
        self._client = None

        async def close():
            await session.adapter.close()
            await session.adapter_dav.close()

        try:
            self._loop.run(close(), self.call_timeout)
        except NextcloudUnavailable:
            logger.warning("NextCloud connections did not close in time")

    # Internals -----------------------------------------------------------------------------------------------

    def _run(self, operation: str, call: Callable[[AsyncNextcloud], Awaitable]):
        async def with_client():
            return await call(self._nextcloud())

        try:
            return self._loop.run(with_client(), self.call_timeout)
        except NextcloudException as exc:
            raise translate(operation, exc) from exc
        except niquests.exceptions.Timeout:
            raise NextcloudUnavailable(f"{operation}: NextCloud did not answer in time") from None
        except niquests.exceptions.RequestException as exc:
            raise NextcloudUnavailable(f"{operation}: cannot reach NextCloud ({type(exc).__name__})") from None
        except (json.JSONDecodeError, ExpatError):
            raise NextcloudUnavailable(f"{operation}: NextCloud's answer could not be read") from None

    def _nextcloud(self) -> AsyncNextcloud:
        """The client, made on the loop's thread (its connection pools belong to that loop), once per process."""
        if self._client is None or self._client_pid != os.getpid():
            self._client = AsyncNextcloud(
                nextcloud_url=self.base_url,
                nc_auth_user=self.user,
                nc_auth_pass=self._password,
                npa_timeout=self.timeouts,
                npa_timeout_dav=self.timeouts,
                npa_nc_cert=self.verify,
            )
            self._client_pid = os.getpid()
        return self._client

    def _stream(self, operation: str, response, chunks):
        try:
            while True:
                chunk = self._run(operation, lambda nc: anext(chunks, b""))
                if not chunk:
                    return
                yield chunk
        finally:
            try:
                self._loop.run(response.close(), self.call_timeout)
            except NextcloudUnavailable:
                logger.warning("%s: the connection did not close in time", operation)

    @staticmethod
    async def _ensure_group(nc: AsyncNextcloud, group_id: str) -> None:
        try:
            await nc.users_groups.create(group_id)
        except NextcloudException as exc:
            if exc.status_code != OCS_GROUP_EXISTS:
                raise

    @staticmethod
    async def _user_shares(nc: AsyncNextcloud, path: str | None):
        shares = await nc.files.sharing.get_list(path=f"/{path}" if path is not None else "")
        return [share for share in shares if share.share_type == ShareType.TYPE_USER]

    @staticmethod
    def _user(info) -> NextcloudUser:
        return NextcloudUser(
            user_id=info.user_id,
            display_name=info.display_name,
            email=info.email,
            enabled=bool(info.enabled),
            groups=tuple(sorted(info.groups)),
        )

    @staticmethod
    def _share(share) -> Share:
        return Share(
            share_id=str(share.share_id),
            path=share.path.strip("/"),
            share_with=share.share_with,
            permissions=Permission(int(share.permissions)),
        )

    def _entry(self, node: FsNode) -> Entry:
        return Entry(
            name=node.name,
            path=node.user_path.strip("/"),
            is_dir=node.is_dir,
            size=node.info.size if node.is_dir else node.info.content_length,
            modified=node.info.last_modified,
            etag=node.etag_unquoted,
            file_id=node.info.fileid or None,
            content_type=node.info.mimetype or ("httpd/unix-directory" if node.is_dir else "application/octet-stream"),
            web_url=web_url(self.base_url, node.info.fileid or None),
        )


def translate(operation: str, exc: NextcloudException) -> Exception:
    """nc-py-api's exception as the portal's: the status and NextCloud's own reason, never the request's headers."""
    status = exc.status_code
    reason = f" {exc.reason}" if exc.reason else ""
    response = getattr(exc, "response", None)
    maintenance = response is not None and response.headers.get("X-Nextcloud-Maintenance-Mode") == "1"
    if status == 503 or maintenance:
        return NextcloudUnavailable(f"{operation}: NextCloud is in maintenance mode or overloaded (503)")
    if status == 408:
        return NextcloudUnavailable(f"{operation}: NextCloud did not answer in time")
    if status == 429:  # NextCloud's rate limiting or brute-force protection: try again later
        return NextcloudUnavailable(f"{operation}: NextCloud asks to slow down (429)")
    if 500 <= status < 600 or status in OCS_SERVER_ERROR:
        return NextcloudUnavailable(f"{operation}: NextCloud failed ({status}{reason})")
    if status in OCS_UNAUTHORISED:
        return NextcloudError(f"{operation}: NextCloud refused the service account's credentials ({status})")
    if status in OCS_NOT_FOUND:
        return NextcloudNotFound(f"{operation}: not found ({status}{reason})")
    return NextcloudError(f"{operation}: NextCloud answered {status}{reason}")
