import graphene

from cms.feedback.forms import PASSAGE_MAX_LENGTH, SUGGESTION_MAX_LENGTH
from cms.graphql.feedback import resolvers
from cms.graphql.feedback.types import RequestTranslationPayload, SuggestTranslationPayload


class SuggestTranslation(graphene.Mutation):
    """Suggest a better wording for a passage of a page, for the translators of a language. No account is needed;
    each reader (and each network address) may send only a few in a short time."""

    class Arguments:
        locale = graphene.String(required=True, description="The reader's language, e.g. `es`.")
        page_id = graphene.ID(description="Id of any language version of the page. Give this or `translationKey`.")
        translation_key = graphene.String(description="The page's translation key. Give this or `pageId`.")
        passage = graphene.String(
            required=True, description=f"The passage as it reads now (at most {PASSAGE_MAX_LENGTH} characters)."
        )
        suggestion = graphene.String(
            required=True, description=f"The better wording (at most {SUGGESTION_MAX_LENGTH} characters)."
        )
        website = graphene.String(
            description="Leave this out or empty. Forms carry it as a field people do not see; a request that fills "
            "it is taken for spam, answered as if it had worked, and stored nowhere."
        )

    Output = SuggestTranslationPayload

    def mutate(root, info, **arguments):
        return resolvers.suggest_translation(info, **arguments)


class RequestTranslation(graphene.Mutation):
    """Ask for a page that is missing in a language (served from a fallback language there). Each reader's
    request counts once per page and language; asking again is answered with `alreadyAsked`."""

    class Arguments:
        locale = graphene.String(required=True, description="The language the page is wanted in, e.g. `es`.")
        translation_key = graphene.String(required=True, description="The page's translation key.")

    Output = RequestTranslationPayload

    def mutate(root, info, **arguments):
        return resolvers.request_translation(info, **arguments)


class FeedbackMutations(graphene.ObjectType):
    suggest_translation = SuggestTranslation.Field(
        description="Suggest a better translation of a passage of a page. Never cached; POST only."
    )
    request_translation = RequestTranslation.Field(
        description="Ask for a page to be translated into a language it is missing in. Never cached; POST only."
    )
