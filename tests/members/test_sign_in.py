"""Signing in and out and resetting a password, in the member's language; a session shows members-only pages on
the readers' sites and through the API."""

import json
import re

import pytest
from django.conf import settings
from django.core import mail

from portal.members.acceptances import accept, current_versions
from portal.members.models import MemberKind, MemberStatus
from tests.frontends.helpers import parse

REGISTER = "/en/2-political-economy/political-economy/register-of-members/"
REGISTER_PATH = "/2-political-economy/political-economy/register-of-members/"
PAGE_QUERY = 'query($path: String!) { page(locale: "en", path: $path) { title } }'
PASSWORD = "pass-phrase-1"  # noqa: S105


def graphql(client, query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}})
    response = client.post("/graphql/", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["data"]


def sign_in(client, username, password=PASSWORD, lang="en", **query):
    return client.post(f"/{lang}/account/sign-in/", {"username": username, "password": password, **query})


@pytest.fixture
def ana(make_member):
    """A member who has accepted the governance documents in force (see test_governance_pages for the others)."""
    member = make_member("ana", first_name="Ana", last_name="García", language="es")
    for kind, version in current_versions().items():
        accept(member, kind, version.version_label, "es")
    return member


def test_the_sign_in_page_speaks_the_sites_language(db, client):
    response = client.get("/es/account/sign-in/")
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    page = parse(response.content.decode())
    assert page.find("html").attrs["lang"] == "es"
    assert page.find("label", for_="id_username").text == "Nombre de usuario:"  # Django's own catalog
    # The language switcher leads to this page in the other languages.
    switch = {a.attrs["hreflang"]: a.attrs["href"] for a in page.find("nav", class_="languages").find_all("a")}
    assert switch["fr"] == "/fr/account/sign-in/"


def test_without_a_prefix_the_readers_choice_decides(db, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = parse(client.get("/account/sign-in/").content.decode())
    assert page.find("html").attrs["lang"] == "fr"
    assert client.get("/account/sign-in/", headers={"Accept-Language": "de"}).headers["Content-Language"] == "fr"
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert client.get("/account/sign-in/", headers={"Accept-Language": "de"}).headers["Content-Language"] == "de"


def test_an_unknown_language_prefix_is_not_found(db, client):
    assert client.get("/xx/account/sign-in/").status_code == 404


def test_signing_in_shows_members_only_pages_on_the_site_and_through_the_api(small_demo, client, ana):
    assert client.get(REGISTER).status_code == 404
    assert graphql(client, PAGE_QUERY, {"path": REGISTER_PATH})["page"] is None

    response = sign_in(client, "ana")
    # Without a page to return to: the handbook in the member's language, which is remembered.
    assert response.status_code == 302
    assert response["Location"] == "/es/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"

    page = parse(client.get(REGISTER).content.decode())
    assert page.find("h1").text == "Register of members"
    account = page.find("nav", class_="account")
    assert account.find("a").text == "Ana García"
    assert account.find("a").attrs["href"] == "/en/account/"
    assert account.find("form").attrs["action"] == "/en/account/sign-out/"
    assert graphql(client, PAGE_QUERY, {"path": REGISTER_PATH})["page"]["title"] == "Register of members"


@pytest.mark.parametrize("status", [MemberStatus.APPLICANT, MemberStatus.SUSPENDED])
def test_members_who_are_not_active_do_not_see_members_only_pages(small_demo, client, make_member, status):
    make_member("cy", status=status)
    assert sign_in(client, "cy").status_code == 302
    assert client.get(REGISTER).status_code == 404
    assert graphql(client, PAGE_QUERY, {"path": REGISTER_PATH})["page"] is None


def test_an_outsider_signed_in_does_not_see_members_only_pages(small_demo, client, outsider):
    assert sign_in(client, "outsider", "outsider-password").status_code == 302
    page = parse(client.get(REGISTER).content.decode())
    assert page.find("nav", class_="account").find("a").text == "outsider"
    assert client.get(REGISTER).status_code == 404
    assert graphql(client, PAGE_QUERY, {"path": REGISTER_PATH})["page"] is None


def test_anonymous_readers_get_a_sign_in_link_back_to_their_page(small_demo, client):
    page = parse(client.get("/es/welcome/").content.decode())
    link = page.find("nav", class_="account").find("a")
    assert link.attrs["href"] == "/es/account/sign-in/?next=/es/welcome/"
    assert not page.find("nav", class_="account").has("form")


def test_signing_in_returns_to_the_page_asked_for_but_never_to_another_site(small_demo, client, ana):
    assert sign_in(client, "ana", next=REGISTER)["Location"] == REGISTER
    client.logout()
    assert sign_in(client, "ana", next="https://evil.example/")["Location"] == "/es/"


def test_a_wrong_password_signs_nobody_in(db, client, ana):
    response = sign_in(client, "ana", "wrong")
    assert response.status_code == 200
    assert parse(response.content.decode()).has("div", class_="notice notice-error")
    assert "_auth_user_id" not in client.session


def test_signing_out_takes_a_post(small_demo, client, ana):
    sign_in(client, "ana")
    assert client.get("/en/account/sign-out/").status_code == 405
    response = client.post("/en/account/sign-out/")
    assert (response.status_code, response["Location"]) == (302, "/en/")
    assert client.get(REGISTER).status_code == 404


def test_password_reset_by_email_in_the_members_language(db, client, ana):
    response = client.post("/en/account/password-reset/", {"email": "ana@example.coop"})
    assert (response.status_code, response["Location"]) == (302, "/en/account/password-reset/sent/")
    assert client.post("/en/account/password-reset/", {"email": "nobody@example.coop"}).status_code == 302

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.coop"]
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    assert link.startswith("/es/account/reset/")  # the member reads Spanish

    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password = form.redirect_chain[-1][0]
    new = {"new_password1": "a-new-pass-phrase", "new_password2": "a-new-pass-phrase"}
    assert client.post(set_password, new)["Location"] == "/es/account/reset/done/"
    assert sign_in(client, "ana", "a-new-pass-phrase").status_code == 302


def test_the_account_page_needs_a_signed_in_member(db, client, ana):
    response = client.get("/de/account/")
    assert (response.status_code, response["Location"]) == (302, "/de/account/sign-in/?next=/de/account/")

    sign_in(client, "ana")
    page = parse(client.get("/de/account/").content.decode())
    facts = page.find("dl", class_="account-facts").text
    assert "Ana García" in facts and "ana@example.coop" in facts


def test_members_choose_their_language_on_the_account_page(db, client, ana):
    sign_in(client, "ana")
    response = client.post("/es/account/", {"preferred_language": "de"})
    assert (response.status_code, response["Location"]) == (302, "/de/account/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    ana.refresh_from_db()
    assert ana.preferred_language == "de"
    assert client.post("/es/account/", {"preferred_language": "xx"}).status_code == 200


def test_the_api_tells_who_is_signed_in(db, client, make_member):
    query = "{ viewer { displayName member { kind status preferredLanguage joinedOn } } }"
    assert graphql(client, query) == {"viewer": None}

    bo = make_member("bo", kind=MemberKind.OPERATIONAL, first_name="Bo", language="fr")
    client.force_login(bo.user)
    assert graphql(client, query)["viewer"] == {
        "displayName": "Bo",
        "member": {
            "kind": "OPERATIONAL",
            "status": "ACTIVE",
            "preferredLanguage": "fr",
            "joinedOn": bo.joined_on.isoformat(),
        },
    }


def test_accounts_outside_the_register_have_no_membership(db, client, outsider):
    client.force_login(outsider)
    assert graphql(client, "{ viewer { displayName member { kind } } }")["viewer"] == {
        "displayName": "outsider",
        "member": None,
    }


def test_in_development_the_reset_email_is_written_to_the_console(db, client, ana, settings, capsys):
    from portal.settings import dev

    settings.EMAIL_BACKEND = dev.EMAIL_BACKEND
    client.post("/en/account/password-reset/", {"email": "ana@example.coop"})

    console = capsys.readouterr().out
    assert "To: ana@example.coop" in console
    assert "http://testserver/es/account/reset/" in console
    assert mail.outbox == []
