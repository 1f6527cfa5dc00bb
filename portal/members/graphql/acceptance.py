"""GraphQL types of governance acceptance: what a member still has to accept, and what they accepted."""

import graphene

from cms.graphql.errors import mutation_error_type
from cms.graphql.governance.types import GovernanceDocumentKind


class PendingAcceptanceType(graphene.ObjectType):
    """A governance document version in force that the member has not accepted yet."""

    class Meta:
        name = "PendingAcceptance"

    kind = graphene.Field(GovernanceDocumentKind, required=True, description="Which document.")
    version_label = graphene.String(required=True, description="The label of the version in force, e.g. `2.0`.")
    effective_date = graphene.Date(required=True, description="The day this version came into force.")
    change_summary = graphene.String(
        required=True, description="What changed from the version before, in the requested language or its fallback."
    )
    locale = graphene.String(required=True, description="Language the change summary is given in.")
    last_accepted_label = graphene.String(
        description="The version of this document the member accepted last; null if none. Compare the two to see "
        "what changed since."
    )

    def resolve_version_label(pending, info):
        return pending.source.version_label

    def resolve_effective_date(pending, info):
        return pending.source.effective_date

    def resolve_change_summary(pending, info):
        return pending.served.change_summary

    def resolve_last_accepted_label(pending, info):
        return pending.last_accepted and pending.last_accepted.version_label


class AcceptanceType(graphene.ObjectType):
    """A member's acceptance of one version of a governance document."""

    class Meta:
        name = "Acceptance"

    kind = graphene.Field(GovernanceDocumentKind, required=True, description="Which document.")
    version_label = graphene.String(required=True, description="The version accepted.")
    locale = graphene.String(required=True, description="The language the member read it in.")
    accepted_at = graphene.DateTime(required=True, description="When the member accepted it.")

    def resolve_locale(acceptance, info):
        return acceptance.language


class AcceptanceErrorCode(graphene.Enum):
    """Why an acceptance was not recorded."""

    NOT_A_MEMBER = "not_a_member"
    UNKNOWN_LOCALE = "unknown_locale"
    NOT_CURRENT = "not_current"

    @property
    def description(self):
        return {
            "NOT_A_MEMBER": "Nobody is signed in, or the account is not a member's (or the member has left).",
            "UNKNOWN_LOCALE": "The language is not one of this portal's languages.",
            "NOT_CURRENT": "That version is not the one in force (a newer one may have come into force meanwhile).",
        }[self.name]


AcceptanceError = mutation_error_type(
    "AcceptanceError",
    AcceptanceErrorCode,
    about="One reason why an acceptance was not recorded.",
    example_argument="versionLabel",
)


class AcceptGovernanceVersionPayload(graphene.ObjectType):
    """The answer to `acceptGovernanceVersion`."""

    ok = graphene.Boolean(required=True, description="True when the acceptance is recorded (or was already).")
    acceptance = graphene.Field(AcceptanceType, description="The recorded acceptance; null when not `ok`.")
    errors = graphene.List(
        graphene.NonNull(AcceptanceError), required=True, description="Why it was not recorded; empty when `ok`."
    )
