"""GraphQL types of the signed-in viewer and their membership."""

import graphene

from cms.graphql.context import require_locale
from portal.members.acceptances import pending_for
from portal.members.graphql.acceptance import AcceptanceType, PendingAcceptanceType
from portal.members.models import MemberKind, MemberStatus, member_of


class MemberKindEnum(graphene.Enum):
    """What kind of member someone is."""

    class Meta:
        name = "MemberKind"

    INDIVIDUAL = MemberKind.INDIVIDUAL.value
    ORGANISATION = MemberKind.ORGANISATION.value
    OPERATIONAL = MemberKind.OPERATIONAL.value

    @property
    def description(self):
        return {
            MemberKindEnum.INDIVIDUAL: "A person who uses the co-op's spaces.",
            MemberKindEnum.ORGANISATION: "An organisation that uses the co-op's spaces.",
            MemberKindEnum.OPERATIONAL: "A member who runs the co-op's spaces and services.",
        }.get(self)


class MemberStatusEnum(graphene.Enum):
    """Where someone stands in the member register."""

    class Meta:
        name = "MemberStatus"

    APPLICANT = MemberStatus.APPLICANT.value
    ACTIVE = MemberStatus.ACTIVE.value
    SUSPENDED = MemberStatus.SUSPENDED.value
    LEFT = MemberStatus.LEFT.value

    @property
    def description(self):
        return {
            MemberStatusEnum.APPLICANT: "Has applied; not yet a member, so members-only content stays hidden.",
            MemberStatusEnum.ACTIVE: "A member: reads members-only content.",
            MemberStatusEnum.SUSPENDED: "Membership paused: members-only content stays hidden.",
            MemberStatusEnum.LEFT: "Has left the co-op.",
        }.get(self)


class MemberType(graphene.ObjectType):
    """The viewer's entry in the member register."""

    class Meta:
        name = "Member"

    kind = graphene.Field(MemberKindEnum, required=True, description="What kind of member.")
    status = graphene.Field(MemberStatusEnum, required=True, description="Where the member stands now.")
    preferred_language = graphene.String(
        required=True, description="Language code the member reads the portal in, e.g. `es`."
    )
    joined_on = graphene.Date(description="The day the member was first made active; null for applicants.")
    acceptances = graphene.List(
        graphene.NonNull(AcceptanceType),
        required=True,
        description="Every governance document version the member accepted, newest first.",
    )

    def resolve_acceptances(member, info):
        return member.acceptances.all()


class ViewerType(graphene.ObjectType):
    """The person this request is answered for: signed in through the session, or a personal API token."""

    class Meta:
        name = "Viewer"

    display_name = graphene.String(required=True, description="The person's name, or their user name.")
    member = graphene.Field(
        MemberType, description="Their membership; null for accounts outside the register (e.g. editors)."
    )

    pending_acceptances = graphene.List(
        graphene.NonNull(PendingAcceptanceType),
        required=True,
        locale=graphene.String(
            description="Language to describe the changes in, e.g. `es`; the member's preferred language if left out."
        ),
        description="The governance document versions in force that the member has not accepted yet (the code of "
        "conduct to accept, the privacy policy to acknowledge); accept each with `acceptGovernanceVersion`. Empty "
        "for accounts outside the register and for members who have left.",
    )

    def resolve_display_name(user, info):
        return user.get_full_name() or user.get_username()

    def resolve_member(user, info):
        return member_of(user)

    def resolve_pending_acceptances(user, info, locale=None):
        member = member_of(user)
        if locale is not None:
            require_locale(locale)
        elif member is not None:
            locale = member.preferred_language
        return pending_for(member, locale)
