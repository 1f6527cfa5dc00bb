"""The feedback forms on the readers' sites, end to end: the page's form, the post, the redirect, the message."""

from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from cms.feedback.models import TranslationRequest, TranslationSuggestion
from frontends.transport import TransportUnavailable
from tests.frontends.helpers import parse

SITE = {"Origin": "http://testserver"}
REFUSED = (
    "Your suggestion could not be taken. Please fill in both fields (at most 2,000 characters each), with a "
    "suggestion that differs from the passage."
)
TOO_MANY = "You have sent a lot in a short time. Please wait a few minutes, then try again."
ASKED = "Thank you! The translators now know that you would like to read this page in your language."
ASKED_BEFORE = "You had already asked for this page in your language: your request counts once."


def spanish(message: str) -> str:
    """The message as the Spanish site shows it, from the compiled catalogs."""
    with translation.override("es"):
        return gettext(message)


@pytest.fixture
def post(client):
    def send(form: str, data: dict, headers=SITE):
        return client.post(f"/feedback/{form}/", data, headers=headers)

    return send


def suggestion(handbook, **fields):
    return {
        "lang": "es",
        "path": "/spaces/",
        "key": handbook.key(handbook.spaces),
        "passage": "Los espacios",
        "suggestion": "Nuestros espacios",
        "website": "",
        **fields,
    }


def status(client, url) -> str:
    document = parse(client.get(url).content.decode())
    found = document.find_all(id="feedback-status")
    return found[0].text if found else ""


def test_every_page_offers_the_suggestion_form(handbook, client):
    response = client.get("/es/spaces/")
    document = parse(response.content.decode())
    details = document.find("details", id="suggest-translation")
    assert details.find("summary").text == spanish("Suggest a better translation") == "Sugerir una traducción mejor"
    form = details.find("form", method="post", action="/feedback/suggest/")
    hidden = {field.attrs["name"]: field.attrs["value"] for field in form.find_all("input", type="hidden")}
    assert hidden == {"lang": "es", "path": "/spaces/", "key": handbook.key(handbook.spaces)}
    for name in ("passage", "suggestion"):
        area = form.find("textarea", name=name)
        assert area.attrs["maxlength"] == "2000" and "required" in area.attrs
        assert form.has("label", for_=area.attrs["id"])
    honeypot = form.find("input", name="website")
    assert (honeypot.attrs["autocomplete"], honeypot.attrs["tabindex"]) == ("off", "-1")
    assert honeypot.parent.attrs["class"] == "visually-hidden"
    assert form.find("label", for_=honeypot.attrs["id"]).text == spanish("Leave this field empty")
    # The page stays the same for every anonymous reader, so it can be cached: no token, no cookie.
    assert not form.has("input", name="csrfmiddlewaretoken") and not response.cookies
    assert not document.has("form", action="/feedback/request/")  # the page is in Spanish already


def test_a_page_served_from_a_fallback_language_offers_to_ask_for_it(handbook, client):
    document = parse(client.get("/es/commoning/").content.decode())
    form = document.find("form", action="/feedback/request/")
    hidden = {field.attrs["name"]: field.attrs["value"] for field in form.find_all("input", type="hidden")}
    assert hidden == {"lang": "es", "path": "/commoning/", "key": handbook.key(handbook.commoning)}
    assert form.find("button").text == spanish("Ask for this page in %(language)s") % {"language": "español"}


def test_a_suggestion_is_posted_redirected_and_thanked_for(handbook, client, post):
    client.get("/es/spaces/")  # the page is cached for anonymous readers from now on
    response = post("suggest", suggestion(handbook))
    assert response.status_code == 302
    assert response.url == "/es/spaces/?feedback=sent#feedback-status"
    stored = TranslationSuggestion.objects.get()
    assert (stored.locale.language_code, stored.passage, stored.suggestion) == (
        "es",
        "Los espacios",
        "Nuestros espacios",
    )
    assert status(client, response.url) == spanish("Thank you! Your suggestion has been passed on to the translators.")
    assert status(client, "/es/spaces/") == ""


def test_a_filled_honeypot_is_thanked_for_and_ignored(handbook, client, post):
    response = post("suggest", suggestion(handbook, website="http://spam.example"))
    assert response.url == "/es/spaces/?feedback=sent#feedback-status"
    assert not TranslationSuggestion.objects.exists()


def test_a_refused_suggestion_says_what_is_needed(handbook, client, post):
    response = post("suggest", suggestion(handbook, passage=""))
    assert response.url == "/es/spaces/?feedback=suggestion-refused#feedback-status"
    assert status(client, response.url) == spanish(REFUSED)


def test_too_many_suggestions_ask_the_reader_to_wait(handbook, client, post, settings):
    settings.PORTAL_FEEDBACK_SUGGESTION_RATE = "1/10m"
    post("suggest", suggestion(handbook))
    response = post("suggest", suggestion(handbook))
    assert response.url == "/es/spaces/?feedback=too-many#feedback-status"
    assert status(client, response.url) == spanish(TOO_MANY)
    assert TranslationSuggestion.objects.count() == 1


def test_asking_for_a_page_counts_once(handbook, client, post):
    form = {"lang": "es", "path": "/commoning/", "key": handbook.key(handbook.commoning)}
    first, second = post("request", form), post("request", form)
    assert first.url == "/es/commoning/?feedback=asked#feedback-status"
    assert second.url == "/es/commoning/?feedback=asked-before#feedback-status"
    assert status(client, first.url) == spanish(ASKED)
    assert status(client, second.url) == spanish(ASKED_BEFORE)
    assert TranslationRequest.objects.count() == 1


def test_an_unreachable_api_is_said_so(handbook, client, post):
    with mock.patch("frontends.views.feedback.fetch", side_effect=TransportUnavailable("down")):
        response = post("suggest", suggestion(handbook))
    assert response.url == "/es/spaces/?feedback=failed#feedback-status"
    assert status(client, response.url) == spanish("Sorry, this could not be sent just now. Please try again later.")


def test_forms_posted_from_elsewhere_are_refused(handbook, post):
    assert post("suggest", suggestion(handbook), headers={"Origin": "https://elsewhere.example"}).status_code == 403
    assert post("suggest", suggestion(handbook), headers={}).status_code == 403
    assert post("request", {"lang": "es", "path": "/commoning/"}, headers={"Origin": "null"}).status_code == 403
    assert not TranslationSuggestion.objects.exists()
    # Without Origin, the Referer tells where the form was.
    referred = post("suggest", suggestion(handbook), headers={"Referer": "http://testserver/es/spaces/"})
    assert referred.status_code == 302


def test_posts_must_name_a_language_site_and_a_page_path(handbook, post):
    assert post("suggest", suggestion(handbook, lang="xx")).status_code == 400
    assert post("suggest", suggestion(handbook, path="https://elsewhere.example/")).status_code == 400
    assert not TranslationSuggestion.objects.exists()


def test_the_feedback_addresses_answer_no_get(handbook, client):
    assert client.get("/feedback/suggest/").status_code == 404


def test_unknown_outcomes_in_the_address_show_nothing(handbook, client):
    assert status(client, "/es/spaces/?feedback=<b>hello</b>") == ""


def test_static_exports_take_no_feedback(handbook, client):
    context = client.get("/es/commoning/?feedback=sent").context[0].flatten()
    live = parse(render_to_string("frontends/page.html", context))
    assert live.has("form", method="post") and live.has(id="feedback-status")
    exported = parse(render_to_string("frontends/page.html", {**context, "static_export": True}))
    assert not exported.has("form", method="post") and not exported.has("details", id="suggest-translation")
    assert not exported.has(id="feedback-status")
    assert exported.has("h1")
