"""What a member still has to accept of the governance documents, and recording that they did.

Every member who has not left must accept the code of conduct and acknowledge the privacy policy in force. A
member is asked again as soon as another version is in force: what counts is the version, not the kind. A
member's pending documents cost three queries whatever their number: the versions in force, the member's
acceptances, and the translations to show.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.governance.models import DocumentKind, GovernanceVersion
from cms.locales import default_code, fallback_chain
from portal.members.models import Member, MemberStatus
from portal.members.models.acceptance import Acceptance


class NotAMember(Exception):
    """The account is outside the register, or the member has left."""


class VersionNotCurrent(ValueError):
    """The version named is not the one in force (perhaps another came into force meanwhile)."""


@dataclass(frozen=True)
class Pending:
    """A version in force that the member has not accepted, as the member's language serves it."""

    source: GovernanceVersion  # the version in force, in the source language
    served: GovernanceVersion  # the same version in the language asked for, or its nearest fallback
    last_accepted: Acceptance | None  # the member's latest acceptance of an earlier version of this document

    @property
    def kind(self) -> str:
        return self.source.kind

    @property
    def locale(self) -> str:
        return self.served.locale.language_code


def may_accept(member: Member | None) -> bool:
    return member is not None and member.status != MemberStatus.LEFT


def current_versions() -> dict[str, GovernanceVersion]:
    """The source-language version in force of each kind that has one, in one query, in DocumentKind's order."""
    versions = (
        GovernanceVersion.objects.published()
        .in_force()
        .filter(locale__language_code=default_code())
        .order_by("kind", "-effective_date", "-pk")
    )
    current: dict[str, GovernanceVersion] = {}
    for version in versions:
        current.setdefault(version.kind, version)
    return {kind: current[kind] for kind in DocumentKind.values if kind in current}


def served_translations(sources: list[GovernanceVersion], lang: str) -> dict[str, GovernanceVersion]:
    """Each version as a reader of `lang` reads it (the first language of the fallback chain that has it), by
    translation key; one query."""
    if not sources:
        return {}
    languages = [lang, *fallback_chain(lang)]
    found: dict[str, dict[str, GovernanceVersion]] = {}
    for version in (
        GovernanceVersion.objects.published()
        .filter(translation_key__in=[source.translation_key for source in sources], locale__language_code__in=languages)
        .select_related("locale")
    ):
        found.setdefault(str(version.translation_key), {})[version.locale.language_code] = version
    served = {}
    for source in sources:
        versions = found.get(str(source.translation_key), {})
        served[str(source.translation_key)] = next((versions[code] for code in languages if code in versions), source)
    return served


def latest_per_kind(acceptances) -> dict[str, Acceptance]:
    latest: dict[str, Acceptance] = {}
    for acceptance in sorted(acceptances, key=lambda each: (each.accepted_at, each.pk)):
        latest[acceptance.kind] = acceptance
    return latest


def pending_for(member: Member | None, lang: str) -> list[Pending]:
    """The versions in force `member` has not accepted, described in `lang`; empty for non-members and leavers."""
    if not may_accept(member):
        return []
    current = current_versions()
    if not current:
        return []
    acceptances = list(member.acceptances.all())
    accepted = {acceptance.version_id for acceptance in acceptances}
    latest = latest_per_kind(acceptances)
    sources = [version for version in current.values() if version.pk not in accepted]
    served = served_translations(sources, lang)
    return [
        Pending(source=source, served=served[str(source.translation_key)], last_accepted=latest.get(source.kind))
        for source in sources
    ]


def accept(member: Member | None, kind: str, version_label: str, lang: str) -> Acceptance:
    """Record that `member` accepted the version of `kind` in force, labelled `version_label`, having read it in
    `lang` (recorded as the language they were actually served: `lang` or its fallback). Accepting again is
    harmless: the first acceptance stays."""
    if not may_accept(member):
        raise NotAMember()
    current = current_versions().get(kind)
    if current is None or current.version_label != version_label:
        raise VersionNotCurrent(version_label)
    served = served_translations([current], lang)[str(current.translation_key)]
    language = served.locale.language_code if served.pk != current.pk else default_code()
    try:
        with transaction.atomic():
            return Acceptance.objects.create(
                member=member,
                kind=kind,
                version=current,
                version_label=current.version_label,
                language=language,
                accepted_at=timezone.now(),
            )
    except IntegrityError:  # accepted already (perhaps in another tab at the same moment)
        return Acceptance.objects.get(member=member, version=current)
