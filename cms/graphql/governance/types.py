"""GraphQL types of the governance documents."""

import graphene

from cms.governance.models import DocumentKind
from cms.graphql.blocks import BodyBlock
from cms.graphql.context import api_context
from cms.graphql.handbook.types import TranslationStatus


class GovernanceDocumentKind(graphene.Enum):
    """Which governance document."""

    CODE_OF_CONDUCT = DocumentKind.CODE_OF_CONDUCT.value
    PRIVACY_POLICY = DocumentKind.PRIVACY_POLICY.value

    @property
    def description(self):
        return {
            GovernanceDocumentKind.CODE_OF_CONDUCT: "How members treat each other in the co-op's spaces.",
            GovernanceDocumentKind.PRIVACY_POLICY: "What the co-op does with members' data.",
        }.get(self)


class GovernanceTranslationType(graphene.ObjectType):
    """One language's version of a governance document."""

    class Meta:
        name = "GovernanceTranslation"

    locale = graphene.String(required=True, description="Language code.")
    status = graphene.Field(
        TranslationStatus,
        required=True,
        description="Current, outdated or missing; a missing language's readers get the first fallback that has it.",
    )
    title = graphene.String(
        required=True, description="The document's name in that language, under which its site shows it."
    )


class GovernanceVersionType(graphene.ObjectType):
    """One version of a governance document, in the reader's language or the first fallback language that has it."""

    class Meta:
        name = "GovernanceVersion"

    label = graphene.String(required=True, description="The version's label, e.g. `2.0`.")
    effective_date = graphene.Date(required=True, description="The day this version came into force.")
    change_summary = graphene.String(required=True, description="What changed from the version before, and why.")
    body = graphene.List(
        graphene.NonNull(BodyBlock), required=True, description="The version's content blocks, in the served language."
    )
    locale = graphene.String(required=True, description="Language the version is served in.")
    is_fallback = graphene.Boolean(
        required=True,
        description="True when the version is missing in the requested language and served from a fallback.",
    )
    is_current = graphene.Boolean(required=True, description="True for the version in force today.")
    translations = graphene.List(
        graphene.NonNull(GovernanceTranslationType),
        required=True,
        description="Every configured language, with this version's status in it.",
    )

    def resolve_label(served, info):
        return served.source.version_label

    def resolve_effective_date(served, info):
        return served.source.effective_date

    def resolve_change_summary(served, info):
        return served.version.change_summary

    def resolve_body(served, info):
        return served.document.body(served, api_context(info).book(served.document.locale))

    def resolve_translations(served, info):
        return [GovernanceTranslationType(**item) for item in served.document.translations(served)]


class GovernanceDocumentType(graphene.ObjectType):
    """A governance document: the version in force and the earlier ones, which stay readable."""

    class Meta:
        name = "GovernanceDocument"

    kind = graphene.Field(GovernanceDocumentKind, required=True, description="Which document.")
    title = graphene.String(required=True, description="The document's name in the requested language.")
    current = graphene.Field(GovernanceVersionType, required=True, description="The version in force today.")
    versions = graphene.List(
        graphene.NonNull(GovernanceVersionType),
        required=True,
        description="Every published version in force so far, newest first (the current one included).",
    )
    version = graphene.Field(
        GovernanceVersionType,
        label=graphene.String(required=True, description="The version's label, e.g. `1.0`."),
        description="One version by its label; null if no such version is in force.",
    )
    translations = graphene.List(
        graphene.NonNull(GovernanceTranslationType),
        required=True,
        description="Every configured language, with the status of the version in force in it.",
    )

    def resolve_version(view, info, label):
        return view.version(label)

    def resolve_translations(view, info):
        return [GovernanceTranslationType(**item) for item in view.translations(view.current)]
