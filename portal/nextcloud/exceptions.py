"""What a NextCloud backend raises. Messages name the operation and the answer, never credentials."""

from django.utils.translation import gettext_lazy as _


class NextcloudError(Exception):
    """NextCloud answered, but not as expected (a 4xx the portal did not plan for, an inconsistent state)."""


class NextcloudNotFound(NextcloudError):
    """The user, group, share, file or folder does not exist."""


class NextcloudUnavailable(Exception):
    """NextCloud cannot serve the portal now: unreachable, too slow, a 5xx or maintenance mode (503).

    Pages show `user_message` in the reader's language; provisioning leaves the task to be retried.
    """

    user_message = _("Files are unavailable right now.")


class UnsafePath(ValueError):
    """A path or user id that could leave the place it is meant for (traversal, absolute, odd characters)."""
