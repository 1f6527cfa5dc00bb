"""Handbook pages' NextCloud file blocks, as the portal answers them (settings.CMS_FILE_REFERENCE_RESOLVER).

A signed-in reader sees the file when it lies in one of their folders (access.py: the co-op's shared folders, or
their own), with a download address through "My files", which checks the same rule again. Everyone else who is
signed in sees nothing, whatever the path names; NextCloud unavailable means "files are unavailable right now".
"""

import logging

from django.conf import settings
from django.urls import reverse

from cms.files import FileAccess, FileLookup
from portal.members.models import member_of
from portal.nextcloud.access import find_root
from portal.nextcloud.backends import get_backend
from portal.nextcloud.exceptions import NextcloudError, NextcloudUnavailable, UnsafePath

logger = logging.getLogger(__name__)

HIDDEN = FileLookup(FileAccess.HIDDEN)


def resolve_file_reference(request, path: str, lang: str) -> FileLookup:
    member = member_of(request.user)
    try:
        found = find_root(member, path)
    except UnsafePath:
        return HIDDEN
    if found is None or not found[1]:  # not theirs, or a whole folder rather than a file
        return HIDDEN
    root, relative = found
    try:
        entry = get_backend().stat(path)
    except NextcloudUnavailable as exc:
        logger.warning("Handbook file %s: %s", path, exc)
        return FileLookup(FileAccess.UNAVAILABLE)
    except NextcloudError:  # gone, or NextCloud refused: nothing to show
        return HIDDEN
    if entry.is_dir:
        return HIDDEN
    kwargs = {"root": root.key, "subpath": relative}
    if lang in {code for code, _name in settings.LANGUAGES}:
        kwargs["lang"] = lang
    return FileLookup(
        FileAccess.AVAILABLE,
        name=entry.name,
        size=entry.size,
        modified=entry.modified,
        content_type=entry.content_type,
        download_url=request.build_absolute_uri(reverse("files:download", kwargs=kwargs)),
        open_url=entry.web_url,
    )
