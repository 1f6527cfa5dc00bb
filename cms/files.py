"""Files kept outside the CMS that handbook pages refer to (the co-op's NextCloud), and what each reader sees of them.

cms/ stores only the reference: a path in the co-op's NextCloud. Whether a reader may open the file, and what the
file is, are the portal's to say (cms/ knows nothing of portal/): CMS_FILE_REFERENCE_RESOLVER names a callable
`resolve(request, path, lang) -> FileLookup` asked for signed-in readers. Readers who are not signed in are told to
sign in without anything being asked: the answer for them is the same for all, so their pages stay cacheable.
"""

import enum
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# What a path may not hold: a leading slash, "..", a backslash or control characters. The portal checks paths fully
# again (and decoded) before using them; this only keeps editors from saving what would never work.
UNSAFE_REFERENCE = re.compile(r"^/|(^|/)\.\.(/|$)|[\x00-\x1f\x7f\\]")


class FileAccess(enum.Enum):
    AVAILABLE = "available"  # the reader may open the file: here it is
    SIGN_IN = "sign_in"  # not signed in: members may see a file here
    HIDDEN = "hidden"  # signed in, but not allowed to see it (or it is gone): nothing is shown
    UNAVAILABLE = "unavailable"  # allowed, but the file store cannot be asked right now


@dataclass(frozen=True)
class FileLookup:
    access: FileAccess
    name: str = ""
    size: int | None = None
    modified: datetime | None = None
    content_type: str = ""
    download_url: str = ""
    open_url: str = ""


def validate_reference(value: str) -> None:
    if not value or UNSAFE_REFERENCE.search(value):
        raise ValidationError(
            _("Give the file’s path in NextCloud without a leading slash, e.g. “Co-op/Handbook/Statutes.pdf”.")
        )


def look_up_file(request, path: str, lang: str) -> FileLookup:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return FileLookup(FileAccess.SIGN_IN)
    resolver = getattr(settings, "CMS_FILE_REFERENCE_RESOLVER", "")
    if not resolver:
        return FileLookup(FileAccess.HIDDEN)
    return import_string(resolver)(request, path, lang)
