"""The feedback mutations: what they take, what they refuse, and that readers cannot flood them."""

import json

import pytest
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from cms.feedback.models import TranslationRequest, TranslationSuggestion
from tests.feedback.conftest import FeedbackApi

NO_PAGE = "00000000-0000-0000-0000-000000000000"


def another_browser(**client_options) -> FeedbackApi:
    """Another client: another session, so another reader."""
    return FeedbackApi(Client(**client_options))


def fields_and_codes(answer) -> list[tuple]:
    return [(error["field"], error["code"]) for error in answer["errors"]]


def test_a_suggestion_is_stored_for_the_page_and_language(handbook, feedback):
    answer = feedback.suggest(locale="es", translationKey=handbook.key(handbook.spaces))
    assert answer == {"ok": True, "errors": []}
    suggestion = TranslationSuggestion.objects.get()
    assert suggestion.translation_key == handbook.spaces.translation_key
    assert (suggestion.locale.language_code, suggestion.page_title) == ("es", "Espacios")
    assert (suggestion.passage, suggestion.suggestion) == ("Los espacios", "Nuestros espacios")
    assert suggestion.status == TranslationSuggestion.Status.OPEN


def test_a_page_may_be_named_by_the_id_of_any_of_its_language_versions(handbook, feedback):
    assert feedback.suggest(locale="es", pageId=str(handbook.spaces.pk))["ok"]
    assert feedback.suggest(locale="es", pageId=str(handbook.spaces_es.pk))["ok"]
    assert [s.page_title for s in TranslationSuggestion.objects.all()] == ["Espacios", "Espacios"]


def test_a_suggestion_on_a_fallback_page_is_for_the_readers_language(handbook, feedback):
    assert feedback.suggest(locale="es", translationKey=handbook.key(handbook.commoning))["ok"]
    suggestion = TranslationSuggestion.objects.get()
    assert (suggestion.locale.language_code, suggestion.page_title) == ("es", "Commoning")


@pytest.mark.parametrize(
    ("variables", "field", "code", "words"),
    [
        ({"passage": "   "}, "passage", "REQUIRED", "required"),
        ({"suggestion": "x" * 2001}, "suggestion", "TOO_LONG", "2000"),
        ({"locale": "xx"}, "locale", "UNKNOWN_LOCALE", "“xx”"),
        ({"suggestion": " Los  espacios "}, "suggestion", "UNCHANGED", "same"),
    ],
)
def test_invalid_suggestions_are_refused_field_by_field(handbook, feedback, variables, field, code, words):
    answer = feedback.suggest(**{"locale": "es", "translationKey": handbook.key(handbook.spaces), **variables})
    assert answer["ok"] is False
    assert fields_and_codes(answer) == [(field, code)]
    assert words in answer["errors"][0]["message"]
    assert not TranslationSuggestion.objects.exists()


@pytest.mark.parametrize(
    ("page", "field", "code"),
    [
        ({}, None, "INVALID"),
        ({"pageId": "1", "translationKey": NO_PAGE}, None, "INVALID"),
        ({"translationKey": "not-a-key"}, "translationKey", "INVALID"),
        ({"pageId": "abc"}, "pageId", "INVALID"),
        ({"pageId": "999999"}, "pageId", "NOT_FOUND"),
        ({"translationKey": NO_PAGE}, "translationKey", "NOT_FOUND"),
    ],
)
def test_the_page_is_named_exactly_once_by_id_or_key(handbook, feedback, page, field, code):
    answer = feedback.suggest(locale="es", **page)
    assert fields_and_codes(answer) == [(field, code)]
    assert not TranslationSuggestion.objects.exists()


def test_messages_come_in_the_language_the_request_asks_for(handbook, feedback):
    variables = {"locale": "es", "translationKey": handbook.key(handbook.spaces), "passage": "", "suggestion": "x"}
    response = feedback.post(feedback.SUGGEST, variables, headers={"Accept-Language": "es"})
    assert response.json()["data"]["suggestTranslation"]["errors"][0]["message"] == "Este campo es necesario."


def test_a_filled_honeypot_is_answered_ok_and_stores_nothing(handbook, feedback):
    answer = feedback.suggest(locale="es", translationKey=handbook.key(handbook.spaces), website="http://spam.example")
    assert answer == {"ok": True, "errors": []}
    assert not TranslationSuggestion.objects.exists()


@override_settings(PORTAL_FEEDBACK_SUGGESTION_RATE="2/10m")
def test_one_reader_may_send_only_so_many_suggestions(handbook, feedback):
    spaces = handbook.key(handbook.spaces)
    assert [feedback.suggest(locale="es", translationKey=spaces)["ok"] for _ in range(2)] == [True, True]
    refused = feedback.suggest(locale="es", translationKey=spaces)
    assert refused["ok"] is False
    assert fields_and_codes(refused) == [(None, "RATE_LIMITED")]
    assert "wait a few minutes" in refused["errors"][0]["message"]
    assert TranslationSuggestion.objects.count() == 2
    # Another reader is not held back by the first one's suggestions.
    assert another_browser().suggest(locale="es", translationKey=spaces)["ok"]


@override_settings(PORTAL_FEEDBACK_SUGGESTION_RATE="1/10m")
def test_an_address_may_send_four_times_what_one_reader_may(handbook):
    spaces = handbook.key(handbook.spaces)
    # A program that drops its session cookie is a new reader each time, but keeps its address.
    answers = [another_browser().suggest(locale="es", translationKey=spaces)["ok"] for _ in range(5)]
    assert answers == [True, True, True, True, False]
    assert another_browser(REMOTE_ADDR="192.0.2.7").suggest(locale="es", translationKey=spaces)["ok"]


@override_settings(PORTAL_FEEDBACK_SUGGESTION_RATE="1/10m", PORTAL_CLIENT_IP_HEADER="X-Forwarded-For")
def test_behind_a_proxy_the_address_is_the_one_the_proxy_added(handbook):
    spaces = handbook.key(handbook.spaces)

    def suggest(forwarded):
        browser = another_browser(headers={"X-Forwarded-For": forwarded})
        return browser.suggest(locale="es", translationKey=spaces)["ok"]

    # The first entries come from the client and can be anything; the last one is the proxy's.
    assert [suggest(f"10.0.0.{n}, 198.51.100.1") for n in range(5)] == [True, True, True, True, False]
    assert suggest("10.0.0.1, 198.51.100.2")


def test_members_only_pages_are_not_found_for_the_public_exactly_as_missing_ones(handbook, feedback):
    hidden = feedback.suggest(locale="en", translationKey=handbook.key(handbook.register))
    missing = feedback.suggest(locale="en", translationKey=NO_PAGE)
    assert hidden["errors"] == missing["errors"]
    assert fields_and_codes(hidden) == [("translationKey", "NOT_FOUND")]
    by_id = feedback.suggest(locale="es", pageId=str(handbook.register.pk))
    assert fields_and_codes(by_id) == [("pageId", "NOT_FOUND")]
    assert not TranslationSuggestion.objects.exists()


def test_members_may_suggest_on_members_only_pages(handbook, client, feedback, member):
    client.force_login(member)
    assert feedback.suggest(locale="en", translationKey=handbook.key(handbook.register))["ok"]


def test_a_restriction_on_the_source_holds_for_its_translations(handbook, feedback):
    PageViewRestriction.objects.create(page=handbook.spaces, restriction_type=PageViewRestriction.LOGIN)
    answer = feedback.suggest(locale="es", translationKey=handbook.key(handbook.spaces))
    assert fields_and_codes(answer) == [("translationKey", "NOT_FOUND")]


def test_a_request_counts_one_vote_per_reader(handbook, client, feedback):
    commoning = handbook.key(handbook.commoning)
    assert feedback.ask(locale="es", translationKey=commoning) == {"ok": True, "alreadyAsked": False, "errors": []}
    assert feedback.ask(locale="es", translationKey=commoning) == {"ok": True, "alreadyAsked": True, "errors": []}
    request = TranslationRequest.objects.get()
    assert (request.locale.language_code, str(request.translation_key)) == ("es", commoning)
    # The reader is a keyed hash of the session the request was given, never the session key itself.
    session_key = client.session.session_key
    assert session_key and len(request.reader) == 64 and session_key not in request.reader

    assert another_browser().ask(locale="es", translationKey=commoning)["alreadyAsked"] is False
    assert TranslationRequest.objects.counts() == {(handbook.commoning.translation_key, request.locale_id): 2}


def test_a_signed_in_reader_votes_once_from_any_browser(handbook, member):
    answers = []
    for _browser in range(2):
        client = Client()
        client.force_login(member)
        answers.append(FeedbackApi(client).ask(locale="fr", translationKey=handbook.key(handbook.commoning)))
    assert [answer["alreadyAsked"] for answer in answers] == [False, True]
    assert TranslationRequest.objects.count() == 1


def test_pages_already_in_the_language_cannot_be_requested(handbook, feedback):
    for locale in ("es", "en"):
        answer = feedback.ask(locale=locale, translationKey=handbook.key(handbook.spaces))
        assert answer["ok"] is False
        assert fields_and_codes(answer) == [("locale", "ALREADY_TRANSLATED")]
    assert not TranslationRequest.objects.exists()


def test_requests_are_refused_for_unknown_languages_and_hidden_pages(handbook, feedback):
    unknown = feedback.ask(locale="xx", translationKey=handbook.key(handbook.commoning))
    hidden = feedback.ask(locale="es", translationKey=handbook.key(handbook.register))
    assert fields_and_codes(unknown) + fields_and_codes(hidden) == [
        ("locale", "UNKNOWN_LOCALE"),
        ("translationKey", "NOT_FOUND"),
    ]
    assert not TranslationRequest.objects.exists()


@override_settings(PORTAL_FEEDBACK_REQUEST_RATE="1/10m")
def test_one_reader_may_ask_for_only_so_many_pages(handbook, feedback):
    first = feedback.ask(locale="es", translationKey=handbook.key(handbook.commoning))
    second = feedback.ask(locale="fr", translationKey=handbook.key(handbook.commoning))
    assert (first["ok"], fields_and_codes(second)) == (True, [(None, "RATE_LIMITED")])
    # Asking again for a page already asked for is answered as before, not held back.
    assert feedback.ask(locale="es", translationKey=handbook.key(handbook.commoning))["alreadyAsked"] is True


def test_get_requests_never_run_mutations(handbook, client, feedback):
    variables = json.dumps({"locale": "es", "translationKey": handbook.key(handbook.commoning)})
    response = client.get("/graphql/", {"query": feedback.REQUEST, "variables": variables})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Can only perform a mutation operation from a POST request."
    assert not TranslationRequest.objects.exists()


def test_mutations_are_never_cached_nor_answered_from_the_cache(handbook, feedback):
    variables = {"locale": "es", "translationKey": handbook.key(handbook.commoning)}
    first, second = feedback.post(feedback.REQUEST, variables), feedback.post(feedback.REQUEST, variables)
    # Had the second answer come from the cache, it would repeat the first one.
    assert first.json()["data"]["requestTranslation"]["alreadyAsked"] is False
    assert second.json()["data"]["requestTranslation"]["alreadyAsked"] is True
    for response in (first, second):
        assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}
        assert not response.has_header("ETag")

    suggestion = {**variables, "passage": "a", "suggestion": "b"}
    for _ in range(2):
        assert feedback.post(feedback.SUGGEST, suggestion).json()["data"]["suggestTranslation"]["ok"]
    assert TranslationSuggestion.objects.count() == 2


def test_a_suggestion_costs_a_fixed_number_of_queries(handbook, feedback, django_assert_num_queries):
    spaces = handbook.key(handbook.spaces)
    feedback.suggest(locale="es", translationKey=spaces)  # the session exists from now on
    with django_assert_num_queries(7):
        assert feedback.suggest(locale="es", translationKey=spaces)["ok"]
