"""Path and id safety for everything the portal sends to NextCloud.

Paths are relative to the service account's home ("Members/alice/Reports"), never absolute. Member input (a path
in a "My files" address) goes through `clean_relative_path` and is then joined below the member's own folder with
`join_path`, so nothing a member types can reach another member's folder or the service account's other files.
"""

import re
from urllib.parse import unquote

from django.conf import settings

from portal.nextcloud.exceptions import UnsafePath

# NextCloud accepts more in user ids (spaces, apostrophes); the portal creates only these, and these are safe to put
# in OCS and WebDAV addresses as they are.
USER_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
GROUP_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}")
# Control characters (NUL included) and the Windows separator have no business in a NextCloud path.
FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\\]")
MAX_PATH_LENGTH = 1024
# Percent-encoding is undone this many times at most: "%252e%252e" is "%2e%2e" once decoded, then "..".
DECODE_ROUNDS = 3


def check_user_id(user_id: str) -> str:
    if not isinstance(user_id, str) or not USER_ID_PATTERN.fullmatch(user_id):
        raise UnsafePath(f"Not a user id the portal accepts: {user_id!r}")
    return user_id


def check_group_id(group_id: str) -> str:
    if not isinstance(group_id, str) or not GROUP_ID_PATTERN.fullmatch(group_id) or group_id != group_id.strip():
        raise UnsafePath(f"Not a group id the portal accepts: {group_id!r}")
    return group_id


def _decoded_forms(segment: str) -> list[str]:
    forms = [segment]
    for _round in range(DECODE_ROUNDS):
        decoded = unquote(forms[-1])
        if decoded == forms[-1]:
            break
        forms.append(decoded)
    return forms


def clean_relative_path(path: str) -> str:
    """Return `path` as "a/b/c" ("" for the top), or raise UnsafePath.

    Rejects absolute paths, "..", backslashes, NUL and other control characters, and the same hidden behind
    percent-encoding ("%2e%2e/", "%2F", "%00"). Empty and "." segments are dropped. The literal path is kept:
    a file may well be called "50%.txt".
    """
    if not isinstance(path, str):
        raise UnsafePath("A path must be a string.")
    if len(path) > MAX_PATH_LENGTH:
        raise UnsafePath("The path is too long.")
    if path.startswith("/") or re.match(r"[A-Za-z]:", path):
        raise UnsafePath(f"Absolute paths are not accepted: {path!r}")
    segments = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        original, *decoded = _decoded_forms(segment)
        if original == ".." or any(form in ("..", ".") for form in decoded):
            raise UnsafePath(f"Paths may not climb out of their folder: {path!r}")
        if any(FORBIDDEN_CHARACTERS.search(form) for form in (original, *decoded)) or any("/" in f for f in decoded):
            raise UnsafePath(f"The path holds characters that are not accepted: {path!r}")
        segments.append(segment)
    return "/".join(segments)


def join_path(root: str, relative: str) -> str:
    """`relative` (member input) below `root` (the portal's own path), both checked."""
    root = clean_relative_path(root)
    relative = clean_relative_path(relative)
    return f"{root}/{relative}" if root and relative else root or relative


def member_folder(user_id: str) -> str:
    """The member's personal folder in the service account's home: NEXTCLOUD_MEMBERS_FOLDER/<user id>."""
    return join_path(settings.NEXTCLOUD_MEMBERS_FOLDER, check_user_id(user_id))
