"""Everything the portal holds about a member, as one JSON-ready document, for the member to download.

Token digests are left out (they are credentials, not data about the person). Translation requests are keyed by a
hash of the signed-in reader (cms/feedback/readers.py), so those sent while signed in are theirs and listed; the
translation suggestions are stored without who sent them, so none can be told apart as theirs.
"""

from types import SimpleNamespace

from django.utils import timezone
from wagtail.models import Page

from cms.feedback.models import TranslationRequest
from cms.feedback.readers import reader_id
from cms.locales import default_code
from portal.members.models import Member

FORMAT_VERSION = 1


def _when(value):
    return value.isoformat() if value is not None else None


def _changed_by(change, member: Member) -> str | None:
    if change.by_id is None:
        return None
    return "you" if change.by_id == member.user_id else "the co-op"


def export(member: Member) -> dict:
    user = member.user
    reader = reader_id(SimpleNamespace(user=user))
    requests = list(TranslationRequest.objects.filter(reader=reader).select_related("locale").order_by("created_at"))
    titles = dict(
        Page.objects.filter(translation_key__in={request.translation_key for request in requests})
        .filter(locale__language_code=default_code())
        .values_list("translation_key", "title")
    )
    return {
        "format": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "membership": {
            "kind": member.kind,
            "status": member.status,
            "preferred_language": member.preferred_language,
            "joined_on": _when(member.joined_on),
            "registered_at": _when(member.created_at),
            "nextcloud_user_id": member.nextcloud_user_id,
            "nextcloud_provisioning": member.provisioning_status,
            "nextcloud_provisioning_error": member.provisioning_error,
        },
        "status_history": [
            {
                "at": _when(change.at),
                "from": change.from_status,
                "to": change.to_status,
                "by": _changed_by(change, member),
                "note": change.note,
            }
            for change in member.status_changes.order_by("at", "pk")
        ],
        "governance_acceptances": [
            {
                "document": acceptance.kind,
                "version": acceptance.version_label,
                "language_read": acceptance.language,
                "accepted_at": _when(acceptance.accepted_at),
            }
            for acceptance in member.acceptances.order_by("accepted_at", "pk")
        ],
        "api_tokens": [
            {
                "name": token.name,
                "ends_in": token.last_four,
                "created_at": _when(token.created_at),
                "last_used_at": _when(token.last_used_at),
                "revoked_at": _when(token.revoked_at),
            }
            for token in member.tokens.order_by("created_at", "pk")
        ],
        "translation_requests": [
            {
                "page": str(request.translation_key),
                "page_title": titles.get(request.translation_key, ""),
                "language": request.locale.language_code,
                "asked_at": _when(request.created_at),
            }
            for request in requests
        ],
    }
