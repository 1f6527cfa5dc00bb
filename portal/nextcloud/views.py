"""A member's files in the portal: their NextCloud folder and the co-op's shared folders, listed and downloaded.

Every address names one of the member's folders by key (see access.py) and a path below it, checked before anything
reaches NextCloud: an unknown key is 404, a path that could climb out (`..`, `%2e%2e`, absolute, control
characters) is 400. The portal then asks NextCloud as its service account, so the check here is the only one:
it is done on every request. Downloads are streamed through, never held in memory.

NextCloud down, slow or in maintenance (or the circuit breaker open): the page renders, in the reader's language,
with "Files are unavailable right now." and a 503, within the backend's timeouts.
"""

import logging

from django.core.exceptions import BadRequest
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from portal.members.models import ProvisioningStatus
from portal.members.views.frame import MemberPage
from portal.nextcloud.access import NoSuchFolder, Root, locate, may_use_files, relative_to, roots_of
from portal.nextcloud.backends import get_backend
from portal.nextcloud.exceptions import NextcloudError, NextcloudNotFound, NextcloudUnavailable, UnsafePath

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def files_url(name: str, lang: str, **kwargs) -> str:
    return reverse(f"files:{name}", kwargs={"lang": lang, **kwargs})


def browse_url(lang: str, root: Root, relative: str = "") -> str:
    if relative:
        return files_url("browse", lang, root=root.key, subpath=relative)
    return files_url("browse-root", lang, root=root.key)


def download_url(lang: str, root: Root, relative: str) -> str:
    return files_url("download", lang, root=root.key, subpath=relative)


def root_title(root: Root) -> str:
    return str(_("Your folder")) if root.personal else root.name


def find(member, root_key: str, subpath: str) -> tuple[Root, str]:
    """The root and the service account's path for this address, or 404/400."""
    try:
        return locate(member, root_key, subpath)
    except NoSuchFolder:
        raise Http404("No such folder for this member.") from None
    except UnsafePath:
        raise BadRequest("Not a path the portal accepts.") from None


class FilesView(MemberPage, TemplateView):
    """The overview (no root given) or one folder."""

    template_name = "nextcloud/files.html"
    page_title = _("My files")

    def get(self, request, root=None, subpath=""):
        roots = roots_of(self.member)
        if root is None:
            folder_root, path = (roots[0], roots[0].path) if roots and roots[0].personal else (None, None)
        else:
            folder_root, path = find(self.member, root, subpath)
        return self.respond(self.folder(folder_root, path) if folder_root is not None else {})

    def respond(self, context: dict):
        roots = roots_of(self.member)
        status = context.pop("status", 200)
        context.update(
            may_use_files=may_use_files(self.member),
            roots=[{"title": root_title(r), "url": browse_url(self.lang, r), "root": r} for r in roots],
        )
        response = self.render_to_response(self.get_context_data(**context), status=status)
        if status == 503:
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "private, no-store"
        return response

    def unavailable(self, root: Root, relative: str, exc: NextcloudUnavailable) -> dict:
        logger.warning("My files: %s", exc)
        return {
            "folder_root": root,
            "breadcrumbs": self.breadcrumbs(root, relative),
            "unavailable": exc.user_message,
            "status": 503,
        }

    def folder(self, root: Root, path: str) -> dict:
        relative = relative_to(root, path)
        context = {"folder_root": root, "breadcrumbs": self.breadcrumbs(root, relative)}
        try:
            entries = get_backend().list_folder(path)
        except NextcloudUnavailable as exc:
            return self.unavailable(root, relative, exc)
        except NextcloudNotFound:
            if root.personal and relative == "" and self.member.provisioning_status != ProvisioningStatus.PROVISIONED:
                return {**context, "setting_up": True}
            raise Http404("No such folder.") from None
        except NextcloudError:  # a file, not a folder
            raise Http404("Not a folder.") from None
        listed = []
        for entry in entries:
            below = relative_to(root, entry.path)
            if below is None:  # never expected from NextCloud; never shown either
                continue
            listed.append(
                {
                    "entry": entry,
                    "url": browse_url(self.lang, root, below) if entry.is_dir else download_url(self.lang, root, below),
                }
            )
        return {**context, "entries": listed}

    def breadcrumbs(self, root: Root, relative: str) -> list[dict]:
        crumbs = [{"title": root_title(root), "url": browse_url(self.lang, root)}]
        parts = relative.split("/") if relative else []
        for depth in range(1, len(parts) + 1):
            crumbs.append({"title": parts[depth - 1], "url": browse_url(self.lang, root, "/".join(parts[:depth]))})
        return crumbs


class DownloadView(FilesView):
    """One file, streamed from NextCloud to the member as an attachment."""

    http_method_names = ["get", "head"]

    def get(self, request, root=None, subpath=""):
        folder_root, path = find(self.member, root, subpath)
        try:
            download = get_backend().open_download(path)
        except NextcloudUnavailable as exc:
            # The folder's page with the notice, without asking NextCloud again.
            return self.respond(self.unavailable(folder_root, relative_to(folder_root, path).rpartition("/")[0], exc))
        except NextcloudError:  # not found, or a folder
            raise Http404("No such file.") from None
        response = StreamingHttpResponse(download.chunks, content_type=download.content_type)
        response["Content-Disposition"] = content_disposition_header(True, download.name)
        if download.size is not None:
            response["Content-Length"] = str(download.size)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
