"""The account pages that ask a member to accept the governance documents in force: after signing in, on the
account page, with what changed in the member's language, through a plain form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.governance.models import DocumentKind
from portal.members.acceptances import accept
from portal.members.models import Acceptance, MemberStatus
from tests.frontends.helpers import parse
from tests.members.conftest import paragraph

CODE, PRIVACY = DocumentKind.CODE_OF_CONDUCT, DocumentKind.PRIVACY_POLICY
PAGE = "/es/account/governance/"


@pytest.fixture
def ana(make_member):
    return make_member("ana", first_name="Ana", language="es")


def sections(response):
    assert response.status_code == 200
    return parse(response.content.decode()).find_all("section", class_="acceptance")


def agree(client, kind, label="1.0", tick=True, **extra):
    data = {"document": kind, f"{kind}-version_label": label, **extra}
    if tick:
        data[f"{kind}-agree"] = "on"
    return client.post(PAGE, data)


def new_code_of_conduct(governance):
    today = timezone.localdate()
    new = governance.add(
        CODE, "2.0", effective=today, summary="Adds listening.", body=[paragraph("Be kind."), paragraph("Listen well.")]
    )
    governance.add(
        CODE,
        "2.0",
        effective=today,
        summary="Añade la escucha.",
        body=[paragraph("Sé amable."), paragraph("Escucha bien.")],
        lang="es",
        source=new,
    )
    return new


def test_signing_in_asks_first_then_goes_on(governance, client, ana):
    response = client.post("/en/account/sign-in/", {"username": "ana", "password": "pass-phrase-1", "next": "/es/x/"})
    assert response["Location"] == "/es/account/governance/?next=%2Fes%2Fx%2F"

    code, privacy = sections(client.get(response["Location"]))
    assert "Código de conducta" in code.find("h2").text and "1.0" in code.find("h2").text
    assert code.find("p", class_="change-summary").text == "Primera versión."
    # A first acceptance shows the text itself, in her language.
    assert [p.text for p in code.find("div", class_="document-text").find_all("p")] == ["Sé amable.", "Escucha."]
    assert code.has("a", href="/es/code-of-conduct/")
    # Not translated: shown in English, marked as such.
    assert privacy.find("p", class_="change-summary").attrs["lang"] == "en"
    assert code.has("input", type="hidden", name="next", value="/es/x/")

    response = agree(client, CODE, next="/es/x/")
    assert response["Location"] == "/es/account/governance/?next=%2Fes%2Fx%2F"  # the privacy policy is left
    assert [(a.kind, a.version_label, a.language) for a in ana.acceptances.all()] == [(CODE, "1.0", "es")]
    assert agree(client, PRIVACY, next="/es/x/")["Location"] == "/es/x/"
    assert ana.acceptances.count() == 2

    client.logout()
    response = client.post("/en/account/sign-in/", {"username": "ana", "password": "pass-phrase-1", "next": "/es/x/"})
    assert response["Location"] == "/es/x/"  # nothing left to ask


def test_the_box_must_be_ticked(governance, client, ana):
    client.force_login(ana.user)
    response = client.post("/en/account/governance/", {"document": CODE, f"{CODE}-version_label": "1.0"})
    code = sections(response)[0]
    assert code.find("p", class_="field-error").text == "Tick the box to confirm."
    assert code.find("label").text == "I have read the code of conduct (version 1.0) and accept it."
    assert not Acceptance.objects.exists()


def test_a_new_version_is_shown_as_a_comparison_in_the_members_language(governance, client, ana):
    accept(ana, CODE, "1.0", "es")
    accept(ana, PRIVACY, "1.0", "es")
    client.force_login(ana.user)
    home = parse(client.get("/es/account/").content.decode())
    assert not home.has("div", class_="notice notice-acceptance")
    assert len(home.find("ul", class_="acceptances").find_all("li")) == 2

    new_code_of_conduct(governance)
    home = parse(client.get("/es/account/").content.decode())
    notice = home.find("div", class_="notice notice-acceptance")
    assert notice.find("a").attrs["href"] == PAGE

    (code,) = sections(client.get(PAGE))
    assert "2.0" in code.find("h2").text
    assert code.find("p", class_="change-summary").text == "Añade la escucha."
    rows = code.find("ol", class_="diff").find_all("li")
    assert [row.attrs["class"] for row in rows] == ["diff-same", "diff-changed"]
    assert rows[0].text == "Sé amable."
    assert "bien" in rows[1].find("ins").text
    assert code.has("a", href="/es/code-of-conduct/compare/1.0/2.0/")

    assert agree(client, CODE, "2.0")["Location"] == "/es/account/"
    assert [(a.version_label, a.language) for a in ana.acceptances.filter(kind=CODE)] == [("2.0", "es"), ("1.0", "es")]


def test_a_form_for_a_version_no_longer_in_force_records_nothing(governance, client, ana):
    client.force_login(ana.user)
    new_code_of_conduct(governance)
    data = {"document": CODE, f"{CODE}-version_label": "1.0", f"{CODE}-agree": "on"}
    code = sections(client.post("/en/account/governance/", data))[0]
    assert "Another version came into force" in code.find("div", class_="notice notice-error").text
    assert code.find("h2").text == "Code of conduct, version 2.0"
    assert not Acceptance.objects.exists()


def test_a_future_version_asks_nothing_yet(governance, client, ana):
    accept(ana, CODE, "1.0", "es")
    accept(ana, PRIVACY, "1.0", "es")
    governance.add(CODE, "2.0", effective=timezone.localdate() + timedelta(days=1))
    client.force_login(ana.user)
    assert sections(client.get(PAGE)) == []


def test_a_member_accepts_for_themselves_only(governance, client, ana, make_member):
    bo = make_member("bo")
    client.force_login(ana.user)
    agree(client, CODE, member=bo.pk, user=bo.user.pk)
    assert [a.member for a in Acceptance.objects.all()] == [ana]


def test_only_members_who_have_not_left_are_asked(governance, client, ana, django_user_model):
    assert client.get(PAGE)["Location"].startswith("/es/account/sign-in/")
    client.force_login(django_user_model.objects.create_user("editor"))
    assert client.get(PAGE)["Location"] == "/es/account/"
    ana.change_status(MemberStatus.LEFT)
    client.force_login(ana.user)  # a session from before does not count: the account is closed
    assert agree(client, CODE)["Location"].startswith("/es/account/sign-in/")
    assert not Acceptance.objects.exists()


def test_going_on_never_leads_to_another_site(governance, client, ana):
    client.force_login(ana.user)
    agree(client, CODE)
    assert agree(client, PRIVACY, next="https://evil.example/")["Location"] == "/es/account/"


def header_prompt(client, address):
    response = client.get(address)
    assert response.status_code == 200
    prompts = (
        parse(response.content.decode()).find("header", class_="site-header").find_all("a", class_="account-prompt")
    )
    assert len(prompts) <= 1
    return prompts[0] if prompts else None


def test_the_readers_site_header_asks_a_signed_in_member_until_nothing_is_left(governance, client, ana):
    """A member signed in before a new version came into force is asked on every page, not only at sign-in."""
    client.force_login(ana.user)
    prompt = header_prompt(client, "/es/code-of-conduct/")
    assert prompt.attrs["href"] == "/es/account/governance/?next=/es/code-of-conduct/"
    assert "2" in prompt.text

    agree(client, CODE)
    assert "1" in header_prompt(client, "/es/code-of-conduct/").text
    agree(client, PRIVACY)
    assert header_prompt(client, "/es/code-of-conduct/") is None

    new_code_of_conduct(governance)
    assert header_prompt(client, "/en/code-of-conduct/").attrs["href"].startswith("/en/account/governance/")


def test_the_header_asks_nobody_outside_the_register(governance, client, django_user_model):
    assert header_prompt(client, "/es/code-of-conduct/") is None
    client.force_login(django_user_model.objects.create_user("editor"))
    assert header_prompt(client, "/es/code-of-conduct/") is None
