"""Readers' feedback: check, find the page as this reader sees it, limit, store."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext
from graphene.utils.str_converters import to_camel_case
from wagtail.models import Locale, Page

from cms.feedback.forms import RequestForm, SuggestionForm
from cms.feedback.limits import over_limit
from cms.feedback.models import TranslationRequest, TranslationSuggestion
from cms.feedback.readers import reader_id
from cms.graphql.context import api_context
from cms.graphql.feedback.types import (
    FeedbackError,
    FeedbackErrorCode,
    RequestTranslationPayload,
    SuggestTranslationPayload,
)
from cms.handbook.book import BookNode

FORM_CODES = {
    "required": FeedbackErrorCode.REQUIRED,
    "max_length": FeedbackErrorCode.TOO_LONG,
    "invalid_choice": FeedbackErrorCode.UNKNOWN_LOCALE,  # the only choice field is the language
    "unchanged": FeedbackErrorCode.UNCHANGED,
}


def form_errors(form) -> list[FeedbackError]:
    return [
        FeedbackError(
            field=None if name == NON_FIELD_ERRORS else to_camel_case(name),
            message=" ".join(error.messages),
            code=FORM_CODES.get(error.code, FeedbackErrorCode.INVALID),
        )
        for name, errors in form.errors.as_data().items()
        for error in errors
    ]


def find_page(info, locale: str, translation_key=None, page_id=None) -> BookNode | None:
    """The page as this reader's site of `locale` serves it (perhaps from a fallback language); None when it is
    not there for this reader, with no difference between missing and members-only (cms/visibility.py)."""
    if page_id is not None:
        translation_key = Page.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()
        if translation_key is None:
            return None
    return api_context(info).book(locale).find(translation_key=translation_key)


def not_found(field: str) -> FeedbackError:
    return FeedbackError(
        field=field,
        message=gettext("There is no such page in the handbook of this language."),
        code=FeedbackErrorCode.NOT_FOUND,
    )


def rate_limited() -> FeedbackError:
    return FeedbackError(
        field=None,
        message=gettext("You have sent a lot in a short time. Please wait a few minutes, then try again."),
        code=FeedbackErrorCode.RATE_LIMITED,
    )


def suggest_translation(info, website: str | None = None, **arguments) -> SuggestTranslationPayload:
    if website:
        # The honeypot: only programs fill a field people never see. They are told it worked, so they learn nothing.
        return SuggestTranslationPayload(ok=True, errors=[])
    form = SuggestionForm(arguments)
    if not form.is_valid():
        return SuggestTranslationPayload(ok=False, errors=form_errors(form))
    data = form.cleaned_data
    locale = Locale.objects.filter(language_code=data["locale"]).first()
    node = find_page(info, data["locale"], data["translation_key"], data["page_id"]) if locale else None
    if node is None:
        return SuggestTranslationPayload(
            ok=False, errors=[not_found("pageId" if data["page_id"] is not None else "translationKey")]
        )
    request = info.context
    if over_limit(request, "suggestion", reader_id(request)):
        return SuggestTranslationPayload(ok=False, errors=[rate_limited()])
    TranslationSuggestion.objects.create(
        translation_key=node.translation_key,
        locale=locale,
        page_title=node.title[:255],
        passage=data["passage"],
        suggestion=data["suggestion"],
    )
    return SuggestTranslationPayload(ok=True, errors=[])


def request_translation(info, **arguments) -> RequestTranslationPayload:
    form = RequestForm(arguments)
    if not form.is_valid():
        return RequestTranslationPayload(ok=False, already_asked=False, errors=form_errors(form))
    data = form.cleaned_data
    locale = Locale.objects.filter(language_code=data["locale"]).first()
    node = find_page(info, data["locale"], data["translation_key"]) if locale else None
    if node is None:
        return RequestTranslationPayload(ok=False, already_asked=False, errors=[not_found("translationKey")])
    if not node.is_fallback:
        error = FeedbackError(
            field="locale",
            message=gettext("This page can already be read in this language."),
            code=FeedbackErrorCode.ALREADY_TRANSLATED,
        )
        return RequestTranslationPayload(ok=False, already_asked=False, errors=[error])
    request = info.context
    reader = reader_id(request)
    # Asking again is answered before the limit is counted: a reader who clicks twice is not held back for it.
    if TranslationRequest.objects.by_reader(node.translation_key, locale, reader).exists():
        return RequestTranslationPayload(ok=True, already_asked=True, errors=[])
    if over_limit(request, "request", reader):
        return RequestTranslationPayload(ok=False, already_asked=False, errors=[rate_limited()])
    counted = TranslationRequest.objects.record(node.translation_key, locale, reader)
    return RequestTranslationPayload(ok=True, already_asked=not counted, errors=[])
