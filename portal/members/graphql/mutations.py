import graphene
from django.utils.translation import gettext

from cms.graphql.governance.types import GovernanceDocumentKind
from cms.locales import configured_codes
from portal.members import acceptances
from portal.members.graphql.acceptance import AcceptanceError, AcceptanceErrorCode, AcceptGovernanceVersionPayload
from portal.members.models import member_of


def refused(code, message: str, field: str | None = None) -> AcceptGovernanceVersionPayload:
    return AcceptGovernanceVersionPayload(
        ok=False, acceptance=None, errors=[AcceptanceError(field=field, message=message, code=code)]
    )


class AcceptGovernanceVersion(graphene.Mutation):
    """Accept the code of conduct, or acknowledge the privacy policy, in the version in force, as the signed-in
    member (session or personal API token). Nobody can accept for another member."""

    class Arguments:
        kind = GovernanceDocumentKind(required=True, description="Which document.")
        version_label = graphene.String(
            required=True,
            description="The label of the version the member read, e.g. `2.0`: it must be the one in force, so that "
            "nobody accepts a version they were not shown.",
        )
        locale = graphene.String(
            required=True,
            description="The language the member read it in, e.g. `es`; recorded as the language that version is "
            "served in there (its fallback when it is not translated yet).",
        )

    Output = AcceptGovernanceVersionPayload

    def mutate(root, info, kind, version_label, locale):
        member = member_of(getattr(info.context, "user", None))
        if locale not in configured_codes():
            return refused(
                AcceptanceErrorCode.UNKNOWN_LOCALE, gettext("This language is not one of the portal’s."), "locale"
            )
        try:
            acceptance = acceptances.accept(member, getattr(kind, "value", kind), version_label, locale)
        except acceptances.NotAMember:
            return refused(AcceptanceErrorCode.NOT_A_MEMBER, gettext("Sign in as a member to accept this document."))
        except acceptances.VersionNotCurrent:
            return refused(
                AcceptanceErrorCode.NOT_CURRENT,
                gettext("This is not the version in force: read the version in force, then accept it."),
                "versionLabel",
            )
        return AcceptGovernanceVersionPayload(ok=True, acceptance=acceptance, errors=[])


class MemberMutations(graphene.ObjectType):
    accept_governance_version = AcceptGovernanceVersion.Field(
        description="Record that the signed-in member accepted a governance document's version in force. POST only."
    )
