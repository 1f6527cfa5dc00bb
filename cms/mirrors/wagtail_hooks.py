"""Mirrored pages are read-only in the admin: their content belongs to the partner and the next pull would undo
any edit. Editing, copying, moving and deleting them is refused with a message; the pull does all of that itself."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from wagtail import hooks

from cms.mirrors.models import MirroredPage, PartnersPage

READ_ONLY = (MirroredPage, PartnersPage)


def refuse(request, page):
    if not isinstance(page.specific_deferred, READ_ONLY):
        return None
    messages.warning(
        request,
        gettext("“%(title)s” is mirrored from a partner's handbook and cannot be changed here.")
        % {"title": page.title},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


for name in ("before_edit_page", "before_copy_page", "before_move_page", "before_delete_page"):
    hooks.register(name, lambda request, page, *args, **kwargs: refuse(request, page))
