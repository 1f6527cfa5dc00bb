"""A NextCloud double on 127.0.0.1 that answers the OCS and WebDAV requests nc-py-api makes, as NextCloud does.

Modelled on NextCloud's documentation (developer manual: "OCS API overview", "OCS Share API", "WebDAV Basic APIs";
admin manual: "Instruction set for users/groups") and its server code for the envelopes: OCS v1 answers HTTP 200
with the outcome in meta.statuscode (100 for success) except 401 for bad credentials (997); OCS v2 answers with the
HTTP status. Both speak JSON (format=json) and XML. OCS requests without the OCS-APIRequest header are refused, as
NextCloud's CSRF check does. WebDAV lives at /remote.php/dav/files/<user>/ (PROPFIND Depth 0/1 with a 207
multistatus, 200 and 404 propstats; MKCOL, PUT, GET, DELETE; Sabre error bodies).

Only the service account has a home here: that is all the portal uses. Switches for outages: `mode` =
"maintenance" (503 with X-Nextcloud-Maintenance-Mode: 1), "error" (500), "hang" (answers only after `release` is
set, or after a long while), and `refuse_connections()` (the port closes).
"""

import base64
import contextlib
import email.utils
import itertools
import json
import mimetypes
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.etree import ElementTree
from xml.sax.saxutils import escape

NAMESPACES = {"DAV:": "d", "http://owncloud.org/ns": "oc", "http://nextcloud.org/ns": "nc"}
INSTANCE_ID = "ocfake0001"
OCS_RESPOND_UNAUTHORISED = 997
OCS_RESPOND_NOT_FOUND = 998
OCS_RESPOND_SERVER_ERROR = 996
OCS_RESPOND_UNKNOWN_ERROR = 999
HANG_LIMIT_SECONDS = 30
APP_PASSWORD = "Fake-app-password-0123456789"


class OcsFailure(Exception):
    def __init__(self, code: int, message: str = ""):
        super().__init__(message)
        self.code = code
        self.message = message


class DavFailure(Exception):
    def __init__(self, status: int, exception: str, message: str):
        super().__init__(message)
        self.status = status
        self.exception = exception
        self.message = message


@dataclass
class Node:
    is_dir: bool
    file_id: int
    modified: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))
    etag: str = field(default_factory=lambda: uuid.uuid4().hex[:13])
    content: bytes = b""


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict


class FakeNextcloud:
    def __init__(self, user: str = "portal", password: str = APP_PASSWORD, version: str = "27.1.3"):
        self.service_user = user
        self.password = password
        self.version = version
        self.lock = threading.RLock()
        self.mode = "ok"
        self.mail_fails = False
        self.release = threading.Event()
        self.requests: list[Request] = []
        self._file_ids = itertools.count(100)
        self._share_ids = itertools.count(1)
        self.groups = {"admin"}
        self.users = {user: self._new_user(user, "Portal service", "portal@example.coop", ["admin"])}
        self.files: dict[str, Node] = {"": Node(is_dir=True, file_id=next(self._file_ids))}
        self.shares: dict[int, dict] = {}
        self.server: ThreadingHTTPServer | None = None
        self.url = ""

    # Running --------------------------------------------------------------------------------------------------

    def start(self) -> "FakeNextcloud":
        self.server = _Server(("127.0.0.1", 0), _handler_for(self))
        host, port = self.server.server_address[:2]
        self.url = f"http://{host}:{port}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), name="fake-nextcloud", daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server.drop_connections()
            self.server = None

    def refuse_connections(self) -> None:
        """Close the port: connections are refused, as when NextCloud's host is up but nothing listens."""
        self.stop()

    def count(self) -> int:
        return len(self.requests)

    # State helpers for tests ----------------------------------------------------------------------------------

    def add_file(self, path: str, content: bytes) -> Node:
        with self.lock:
            parts = path.strip("/").split("/")
            for depth in range(1, len(parts)):
                ancestor = "/".join(parts[:depth])
                self.files.setdefault(ancestor, Node(is_dir=True, file_id=next(self._file_ids)))
            node = Node(is_dir=False, file_id=next(self._file_ids), content=content)
            self.files["/".join(parts)] = node
            return node

    def add_user(self, user_id: str, display_name: str = "", email: str = "", groups=(), enabled=True) -> dict:
        with self.lock:
            self.groups.update(groups)
            self.users[user_id] = self._new_user(user_id, display_name or user_id, email, list(groups), enabled)
            return self.users[user_id]

    def _new_user(self, user_id, display_name, email, groups, enabled=True) -> dict:
        return {
            "enabled": enabled,
            "storageLocation": f"/var/www/html/data/{user_id}",
            "id": user_id,
            "firstLoginTimestamp": -1,
            "lastLoginTimestamp": 0,
            "lastLogin": 0,
            "backend": "Database",
            "subadmin": [],
            "quota": {"quota": "none", "used": 0},
            "manager": "",
            "email": email or None,
            "additional_mail": [],
            "displayname": display_name,
            "display-name": display_name,
            "phone": "",
            "address": "",
            "website": "",
            "twitter": "",
            "fediverse": "",
            "organisation": "",
            "role": "",
            "headline": "",
            "biography": "",
            "profile_enabled": "1",
            "groups": list(groups),
            "language": "en",
            "locale": "",
            "notify_email": None,
            "backendCapabilities": {"setDisplayName": True, "setPassword": True},
        }

    # OCS ----------------------------------------------------------------------------------------------------

    def ocs(self, method: str, route: list[str], params: dict):
        """The OCS data for a request below /ocs/v?.php/, or OcsFailure."""
        with self.lock:
            match route:
                case ["cloud", "capabilities"] if method == "GET":
                    return self.capabilities()
                case ["cloud", "user"] if method == "GET":
                    return self.users[self.service_user]
                case ["cloud", "users"] if method == "GET":
                    search = params.get("search", "")
                    return {"users": sorted(uid for uid in self.users if search.lower() in uid.lower())}
                case ["cloud", "users"] if method == "POST":
                    return self.create_user(params)
                case ["cloud", "users", user_id] if method == "GET":
                    return self.user(user_id)
                case ["cloud", "users", user_id] if method == "PUT":
                    return self.edit_user(user_id, params.get("key", ""), params.get("value", ""))
                case ["cloud", "users", user_id, ("enable" | "disable") as action] if method == "PUT":
                    if user_id not in self.users or user_id == self.service_user:
                        raise OcsFailure(101)
                    self.users[user_id]["enabled"] = action == "enable"
                    return []
                case ["cloud", "users", user_id, "groups"] if method == "GET":
                    return {"groups": self.user(user_id)["groups"]}
                case ["cloud", "users", user_id, "groups"] if method in ("POST", "DELETE"):
                    return self.change_membership(method, user_id, params.get("groupid", ""))
                case ["cloud", "groups"] if method == "GET":
                    search = params.get("search", "")
                    return {"groups": sorted(gid for gid in self.groups if search.lower() in gid.lower())}
                case ["cloud", "groups"] if method == "POST":
                    group_id = params.get("groupid", "").strip()
                    if not group_id:
                        raise OcsFailure(101, "Invalid group name")
                    if group_id in self.groups:
                        raise OcsFailure(102, "group exists")
                    self.groups.add(group_id)
                    return []
                case ["apps", "files_sharing", "api", "v1", "shares"] if method == "GET":
                    return self.list_shares(params)
                case ["apps", "files_sharing", "api", "v1", "shares"] if method == "POST":
                    return self.create_share(params)
                case ["apps", "files_sharing", "api", "v1", "shares", share_id] if method == "GET":
                    return [self.share(share_id)]
                case ["apps", "files_sharing", "api", "v1", "shares", share_id] if method == "PUT":
                    share = self.share(share_id)
                    if "permissions" in params:
                        share["permissions"] = int(params["permissions"])
                    return share
                case ["apps", "files_sharing", "api", "v1", "shares", share_id] if method == "DELETE":
                    del self.shares[int(self.share(share_id)["id"])]
                    return []
            raise OcsFailure(
                OCS_RESPOND_NOT_FOUND,
                "Invalid query, please check the syntax. API specifications are here: http://www.freedesktop.org/wiki/Specifications/open-collaboration-services.",
            )

    def capabilities(self) -> dict:
        major, minor, micro = (int(part) for part in self.version.split("."))
        return {
            "version": {
                "major": major,
                "minor": minor,
                "micro": micro,
                "string": self.version,
                "edition": "",
                "extendedSupport": False,
            },
            "capabilities": {
                "core": {"pollinterval": 60, "webdav-root": "remote.php/webdav", "reference-api": True},
                "files": {"bigfilechunking": True, "undelete": True, "versioning": True},
                "files_sharing": {
                    "api_enabled": True,
                    "public": {"enabled": True},
                    "resharing": True,
                    "user": {"send_mail": False, "expire_date": {"enabled": True}},
                    "group_sharing": True,
                    "default_permissions": 31,
                },
            },
        }

    def user(self, user_id: str) -> dict:
        if user_id not in self.users:
            raise OcsFailure(404, "User does not exist")
        return self.users[user_id]

    def create_user(self, params: dict) -> dict:
        user_id = params.get("userid", "")
        if not user_id:
            raise OcsFailure(101, "Invalid user id")
        if user_id in self.users:
            raise OcsFailure(102, "User already exists")
        groups = params.get("groups", [])
        for group in groups:
            if group not in self.groups:
                raise OcsFailure(104, f"Group {group} does not exist")
        if not params.get("password") and not params.get("email"):
            raise OcsFailure(108, "To send a password link to the user an email address is required.")
        self.add_user(user_id, params.get("displayName", ""), params.get("email", ""), groups)
        if self.mail_fails and not params.get("password"):
            raise OcsFailure(109, "Unable to send the invitation mail")  # the user is created all the same
        return {"id": user_id}

    def edit_user(self, user_id: str, key: str, value: str) -> list:
        if user_id not in self.users:
            raise OcsFailure(OCS_RESPOND_NOT_FOUND, "")
        user = self.users[user_id]
        if key in ("display", "displayname"):
            user["displayname"] = user["display-name"] = value
        elif key == "email":
            if value and "@" not in value:
                raise OcsFailure(102, "")
            user["email"] = value or None
        else:
            raise OcsFailure(103, "")
        return []

    def change_membership(self, method: str, user_id: str, group_id: str) -> list:
        if not group_id:
            raise OcsFailure(101, "")
        if group_id not in self.groups:
            raise OcsFailure(102, "")
        if user_id not in self.users:
            raise OcsFailure(103, "")
        groups = self.users[user_id]["groups"]
        if method == "POST" and group_id not in groups:
            groups.append(group_id)
        elif method == "DELETE" and group_id in groups:
            groups.remove(group_id)
        return []

    def share(self, share_id: str) -> dict:
        if not share_id.isdigit() or int(share_id) not in self.shares:
            raise OcsFailure(404, "Wrong share ID, share does not exist")
        return self.shares[int(share_id)]

    def list_shares(self, params: dict) -> list:
        path = params.get("path")
        if path is not None and path.strip("/") not in self.files:
            raise OcsFailure(404, "Wrong path, file/folder does not exist")
        return [
            share
            for share in self.shares.values()
            if share["uid_owner"] == self.service_user and (path is None or share["path"] == "/" + path.strip("/"))
        ]

    def create_share(self, params: dict) -> dict:
        path = params.get("path", "").strip("/")
        if not params.get("path"):
            raise OcsFailure(404, "Please specify a file or folder path")
        if path not in self.files:
            raise OcsFailure(404, "Wrong path, file/folder does not exist")
        if int(params.get("shareType", -1)) != 0:
            raise OcsFailure(400, "Unknown share type")
        share_with = params.get("shareWith", "")
        if share_with not in self.users:
            raise OcsFailure(404, "Please specify a valid account to share with")
        if any(s["path"] == f"/{path}" and s["share_with"] == share_with for s in self.shares.values()):
            raise OcsFailure(403, f"Sharing {path} failed, because this item is already shared with the account")
        node = self.files[path]
        share_id = next(self._share_ids)
        self.shares[share_id] = {
            "id": str(share_id),
            "share_type": 0,
            "uid_owner": self.service_user,
            "displayname_owner": self.users[self.service_user]["displayname"],
            "permissions": int(params.get("permissions", 31)),
            "can_edit": True,
            "can_delete": True,
            "stime": int(node.modified.timestamp()),
            "parent": None,
            "expiration": None,
            "token": None,
            "uid_file_owner": self.service_user,
            "note": "",
            "label": "",
            "displayname_file_owner": self.users[self.service_user]["displayname"],
            "path": f"/{path}",
            "item_type": "folder" if node.is_dir else "file",
            "item_permissions": 31,
            "mimetype": "httpd/unix-directory" if node.is_dir else _content_type(path),
            "has_preview": False,
            "storage_id": f"home::{self.service_user}",
            "storage": 1,
            "item_source": node.file_id,
            "file_source": node.file_id,
            "file_parent": self.files[path.rpartition("/")[0]].file_id,
            "file_target": f"/{path.rpartition('/')[2]}",
            "item_size": len(node.content),
            "item_mtime": int(node.modified.timestamp()),
            "share_with": share_with,
            "share_with_displayname": self.users[share_with]["displayname"],
            "share_with_displayname_unique": share_with,
            "status": [],
            "mail_send": 0,
            "hide_download": 0,
            "attributes": None,
        }
        return self.shares[share_id]

    # WebDAV ---------------------------------------------------------------------------------------------------

    def dav_node(self, path: str) -> Node:
        if path not in self.files:
            raise DavFailure(404, "Sabre\\DAV\\Exception\\NotFound", f"File with name {path} could not be located")
        return self.files[path]

    def mkcol(self, path: str) -> Node:
        with self.lock:
            if path in self.files:
                raise DavFailure(
                    405, "Sabre\\DAV\\Exception\\MethodNotAllowed", "The resource you tried to create already exists"
                )
            parent = self.files.get(path.rpartition("/")[0])
            if parent is None or not parent.is_dir:
                raise DavFailure(409, "Sabre\\DAV\\Exception\\Conflict", "Parent node does not exist")
            self.files[path] = Node(is_dir=True, file_id=next(self._file_ids))
            return self.files[path]

    def put(self, path: str, content: bytes) -> tuple[Node, bool]:
        with self.lock:
            parent = self.files.get(path.rpartition("/")[0])
            if parent is None or not parent.is_dir:
                raise DavFailure(409, "Sabre\\DAV\\Exception\\Conflict", "Files can only be created as children")
            existing = self.files.get(path)
            if existing is not None and existing.is_dir:
                raise DavFailure(409, "Sabre\\DAV\\Exception\\Conflict", "A folder is in the way")
            node = Node(is_dir=False, file_id=existing.file_id if existing else next(self._file_ids), content=content)
            self.files[path] = node
            return node, existing is None

    def delete(self, path: str) -> None:
        with self.lock:
            self.dav_node(path)
            for key in [key for key in self.files if key == path or key.startswith(f"{path}/")]:
                del self.files[key]

    def propfind(self, path: str, depth: str, requested: list[tuple[str, str]] | None) -> str:
        with self.lock:
            node = self.dav_node(path)
            paths = [path]
            if depth == "1" and node.is_dir:
                prefix = f"{path}/" if path else ""
                paths += sorted(
                    key
                    for key in self.files
                    if key.startswith(prefix) and key != path and "/" not in key[len(prefix) :]
                )
            responses = "".join(self._dav_response(key, requested) for key in paths)
        return (
            '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" '
            'xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">'
            f"{responses}</d:multistatus>"
        )

    def _dav_response(self, path: str, requested) -> str:
        node = self.files[path]
        href = quote(f"/remote.php/dav/files/{self.service_user}/{path}".rstrip("/") + ("/" if node.is_dir else ""))
        known = self._properties(path, node)
        wanted = requested if requested is not None else list(known)
        found = [(ns, name) for ns, name in wanted if (ns, name) in known]
        missing = [(ns, name) for ns, name in wanted if (ns, name) not in known]
        propstats = ""
        if found:
            props = "".join(_element(ns, name, known[(ns, name)]) for ns, name in found)
            propstats += f"<d:propstat><d:prop>{props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
        if missing:
            props = "".join(_element(ns, name, "") for ns, name in missing)
            propstats += f"<d:propstat><d:prop>{props}</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>"
        return f"<d:response><d:href>{escape(href)}</d:href>{propstats}</d:response>"

    def _properties(self, path: str, node: Node) -> dict[tuple[str, str], str]:
        """Property values as XML fragments, as NextCloud's Sabre plugins give them."""
        prefix = f"{path}/" if path else ""
        size = (
            sum(len(other.content) for key, other in self.files.items() if key.startswith(prefix))
            if node.is_dir
            else len(node.content)
        )
        shared = any(share["path"] == f"/{path}" for share in self.shares.values())
        properties = {
            ("DAV:", "getlastmodified"): email.utils.format_datetime(node.modified, usegmt=True),
            ("DAV:", "getetag"): escape(f'"{node.etag}"'),
            ("DAV:", "resourcetype"): "<d:collection/>" if node.is_dir else "",
            ("http://owncloud.org/ns", "id"): f"{node.file_id:08d}{INSTANCE_ID}",
            ("http://owncloud.org/ns", "fileid"): str(node.file_id),
            ("http://owncloud.org/ns", "size"): str(size),
            ("http://owncloud.org/ns", "permissions"): ("S" if shared else "")
            + ("RGDNVCK" if node.is_dir else "RGDNVW"),
            ("http://owncloud.org/ns", "share-types"): "<oc:share-type>0</oc:share-type>" if shared else "",
            ("http://owncloud.org/ns", "favorite"): "0",
            ("http://nextcloud.org/ns", "is-encrypted"): "0",
        }
        if not node.is_dir:
            properties[("DAV:", "getcontentlength")] = str(len(node.content))
            properties[("DAV:", "getcontenttype")] = _content_type(path)
        return properties


def _content_type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def _element(namespace: str, name: str, value: str) -> str:
    tag = f"{NAMESPACES.get(namespace, 'x')}:{name}"
    return f"<{tag}>{value}</{tag}>" if value else f"<{tag}/>"


def _sabre_error(exception: str, message: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">\n'
        f"  <s:exception>{escape(exception)}</s:exception>\n  <s:message>{escape(message)}</s:message>\n</d:error>\n"
    ).encode()


def _to_xml(value, tag: str = "element") -> str:
    if isinstance(value, dict):
        inner = "".join(_to_xml(item, key) for key, item in value.items())
    elif isinstance(value, list):
        inner = "".join(_to_xml(item) for item in value)
    elif value is None:
        return f"<{tag}/>"
    elif isinstance(value, bool):
        inner = "1" if value else ""
    else:
        inner = escape(str(value))
    return f"<{tag}>{inner}</{tag}>" if inner != "" else f"<{tag}/>"


def ocs_envelope(version: int, data, code: int, message: str, fmt: str) -> tuple[int, str, bytes]:
    """NextCloud's V1Response/V2Response: (HTTP status, content type, body)."""
    if version == 1:
        http_status = 401 if code == OCS_RESPOND_UNAUTHORISED else 200
        statuscode = 100 if code == 200 else code
        ok = statuscode == 100
    else:
        http_status = {OCS_RESPOND_UNAUTHORISED: 401, OCS_RESPOND_NOT_FOUND: 404}.get(code, code)
        if code in (OCS_RESPOND_SERVER_ERROR, OCS_RESPOND_UNKNOWN_ERROR):
            http_status = 500
        elif not 200 <= http_status < 600:
            http_status = 400
        statuscode = code
        ok = 200 <= code < 300
    meta = {
        "status": "ok" if ok else "failure",
        "statuscode": statuscode,
        "message": "OK" if ok else message,
        "totalitems": "",
        "itemsperpage": "",
    }
    payload = {"ocs": {"meta": meta, "data": data if ok else []}}
    if fmt == "json":
        return http_status, "application/json; charset=utf-8", json.dumps(payload).encode()
    xml = '<?xml version="1.0"?>\n' + _to_xml(payload["ocs"], "ocs")
    return http_status, "application/xml; charset=utf-8", xml.encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections: set[socket.socket] = set()

    def process_request(self, request, client_address):
        self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        self.connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self):
        """Cut the kept-alive connections too: a NextCloud that is gone answers nothing on them."""
        for connection in list(self.connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request, client_address):
        # A client that gave up (a timeout under test) closes the connection while the handler still writes.
        pass


def _handler_for(fake: FakeNextcloud):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "FakeNextcloud"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_GET(self):
            self.dispatch()

        do_POST = do_PUT = do_DELETE = do_PROPFIND = do_MKCOL = do_GET

        # Plumbing -------------------------------------------------------------------------------------------

        def body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(self.rfile.readline().strip(), 16)
                    if size == 0:
                        self.rfile.readline()
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def send(self, status: int, body: bytes = b"", content_type: str = "", headers: dict | None = None):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def authenticated(self) -> bool:
            scheme, _, credentials = (self.headers.get("Authorization") or "").partition(" ")
            if scheme.lower() != "basic":
                return False
            try:
                user, _, password = base64.b64decode(credentials).decode().partition(":")
            except ValueError:
                return False
            return user == fake.service_user and password == fake.password

        def dispatch(self):
            parts = urlsplit(self.path)
            query = {key: values[-1] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
            fake.requests.append(Request(self.command, parts.path, query, dict(self.headers)))
            body = self.body()
            if fake.mode == "hang":
                fake.release.wait(HANG_LIMIT_SECONDS)
            if fake.mode == "error":
                return self.send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
            if fake.mode == "maintenance":
                return self.maintenance(parts.path)
            if parts.path.startswith(("/ocs/v1.php/", "/ocs/v2.php/")):
                return self.ocs(parts.path, query, body)
            if parts.path.startswith("/remote.php/dav/files/"):
                return self.dav(parts.path, body)
            if parts.path == "/status.php":
                return self.status()
            return self.send(404, b"Not found", "text/plain")

        def maintenance(self, path: str):
            headers = {"X-Nextcloud-Maintenance-Mode": "1", "Retry-After": "120"}
            if path.startswith("/remote.php/"):
                error = _sabre_error("Sabre\\DAV\\Exception\\ServiceUnavailable", "System is in maintenance mode.")
                return self.send(503, error, "application/xml; charset=utf-8", headers)
            return self.send(503, b"", "", headers)  # ocs/v?.php exits early with an empty body

        def status(self):
            body = {
                "installed": True,
                "maintenance": fake.mode == "maintenance",
                "needsDbUpgrade": False,
                "version": f"{fake.version}.0",
                "versionstring": fake.version,
                "edition": "",
                "productname": "Nextcloud",
                "extendedSupport": False,
            }
            self.send(200, json.dumps(body).encode(), "application/json")

        # OCS ------------------------------------------------------------------------------------------------

        def ocs(self, path: str, query: dict, body: bytes):
            version = 1 if path.startswith("/ocs/v1.php/") else 2
            fmt = query.get("format") or ("json" if "json" in self.headers.get("Accept", "") else "xml")
            params = dict(query)
            content_type = self.headers.get("Content-Type", "")
            if body and "json" in content_type:
                params.update(json.loads(body))
            elif body:
                for key, values in parse_qs(body.decode(), keep_blank_values=True).items():
                    params[key.removesuffix("[]")] = values if key.endswith("[]") else values[-1]
            try:
                if not self.authenticated():
                    raise OcsFailure(OCS_RESPOND_UNAUTHORISED, "Current user is not logged in")
                if self.headers.get("OCS-APIRequest", "").lower() != "true":
                    raise OcsFailure(OCS_RESPOND_UNAUTHORISED, "CSRF check failed")
                route = [unquote(part) for part in path.split("/")[3:] if part]
                data, code, message = fake.ocs(self.command, route, params), 200, "OK"
            except OcsFailure as failure:
                data, code, message = [], failure.code, failure.message
            status, content_type, payload = ocs_envelope(version, data, code, message, fmt)
            headers = {"WWW-Authenticate": 'Basic realm="Nextcloud", charset="UTF-8"'} if status == 401 else {}
            self.send(status, payload, content_type, headers)

        # WebDAV ---------------------------------------------------------------------------------------------

        def dav(self, path: str, body: bytes):
            user, _, file_path = unquote(path.removeprefix("/remote.php/dav/files/")).partition("/")
            file_path = file_path.strip("/")
            try:
                if not self.authenticated():
                    self.send(
                        401,
                        _sabre_error("Sabre\\DAV\\Exception\\NotAuthenticated", "No public access to this resource."),
                        "application/xml; charset=utf-8",
                        {"WWW-Authenticate": 'Basic realm="Nextcloud", charset="UTF-8"'},
                    )
                    return
                if user != fake.service_user:
                    raise DavFailure(403, "Sabre\\DAV\\Exception\\Forbidden", "Access to this resource is denied")
                method = getattr(self, f"dav_{self.command.lower()}", None)
                if method is None:
                    raise DavFailure(405, "Sabre\\DAV\\Exception\\MethodNotAllowed", f"{self.command} is not allowed")
                method(file_path, body)
            except DavFailure as failure:
                self.send(failure.status, _sabre_error(failure.exception, failure.message), "application/xml")

        def dav_propfind(self, path: str, body: bytes):
            depth = self.headers.get("Depth", "1")
            if depth not in ("0", "1"):
                raise DavFailure(400, "Sabre\\DAV\\Exception\\BadRequest", "Depth infinity is not supported")
            requested = None
            if body.strip():
                prop = ElementTree.fromstring(body).find("{DAV:}prop")  # noqa: S314 (our own client's XML)
                if prop is not None:
                    requested = [tuple(child.tag[1:].split("}", 1)) for child in prop]
            xml = fake.propfind(path, depth, requested)
            self.send(207, xml.encode(), "application/xml; charset=utf-8")

        def dav_mkcol(self, path: str, body: bytes):
            node = fake.mkcol(path)
            self.send(201, headers={"OC-FileId": f"{node.file_id:08d}{INSTANCE_ID}"})

        def dav_put(self, path: str, body: bytes):
            node, created = fake.put(path, body)
            headers = {"OC-FileId": f"{node.file_id:08d}{INSTANCE_ID}", "OC-ETag": f'"{node.etag}"'}
            self.send(201 if created else 204, headers={**headers, "ETag": f'"{node.etag}"'})

        def dav_get(self, path: str, body: bytes):
            node = fake.dav_node(path)
            if node.is_dir:
                raise DavFailure(501, "Sabre\\DAV\\Exception\\NotImplemented", "GET is not implemented on folders")
            headers = {
                "ETag": f'"{node.etag}"',
                "OC-ETag": f'"{node.etag}"',
                "Last-Modified": email.utils.format_datetime(node.modified, usegmt=True),
            }
            self.send(200, node.content, _content_type(path), headers)

        def dav_delete(self, path: str, body: bytes):
            fake.delete(path)
            self.send(204)

    return Handler
