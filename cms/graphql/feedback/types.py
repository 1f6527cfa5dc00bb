import graphene

from cms.graphql.errors import mutation_error_type


class FeedbackErrorCode(graphene.Enum):
    """Why the portal did not take a reader's feedback."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    INVALID = "invalid"
    UNKNOWN_LOCALE = "unknown_locale"
    UNCHANGED = "unchanged"
    NOT_FOUND = "not_found"
    ALREADY_TRANSLATED = "already_translated"
    RATE_LIMITED = "rate_limited"

    @property
    def description(self):
        return {
            "REQUIRED": "The argument is missing or blank.",
            "TOO_LONG": "The text is longer than allowed.",
            "INVALID": "The argument is not of the expected form.",
            "UNKNOWN_LOCALE": "The language is not one of this portal's languages.",
            "UNCHANGED": "The suggestion reads the same as the passage.",
            "NOT_FOUND": "No such page can be read in that language (by whoever is asking).",
            "ALREADY_TRANSLATED": "The page can already be read in that language: there is nothing to ask for.",
            "RATE_LIMITED": "This reader, or their network address, has sent too much in a short time.",
        }[self.name]


FeedbackError = mutation_error_type(
    "FeedbackError", FeedbackErrorCode, about="One reason why feedback was not taken.", example_argument="passage"
)


class SuggestTranslationPayload(graphene.ObjectType):
    """The answer to `suggestTranslation`."""

    ok = graphene.Boolean(required=True, description="True when the suggestion was received.")
    errors = graphene.List(
        graphene.NonNull(FeedbackError), required=True, description="Why it was not taken; empty when `ok`."
    )


class RequestTranslationPayload(graphene.ObjectType):
    """The answer to `requestTranslation`."""

    ok = graphene.Boolean(required=True, description="True when the request is counted.")
    already_asked = graphene.Boolean(
        required=True, description="True when this reader had asked before: their request still counts once."
    )
    errors = graphene.List(
        graphene.NonNull(FeedbackError), required=True, description="Why it was not taken; empty when `ok`."
    )
