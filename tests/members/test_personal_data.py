"""A member's own data: the JSON download of everything the portal holds about them, and leaving the co-op."""

import json
from types import SimpleNamespace

import pytest
from wagtail.models import Locale

from cms.feedback.models import TranslationRequest
from cms.feedback.readers import reader_id
from cms.governance.models import DocumentKind
from portal.members.acceptances import accept
from portal.members.models import Acceptance, Member, MemberStatus, PersonalToken
from portal.members.signals import member_status_changed
from tests.frontends.helpers import parse

PASSWORD = "pass-phrase-1"  # noqa: S105
VIEWER = "{ viewer { displayName } }"


@pytest.fixture
def ana(make_member):
    return make_member("ana", first_name="Ana", last_name="García", email="ana@example.coop", language="es")


def graphql(client, token):
    body = json.dumps({"query": VIEWER})
    return client.post("/graphql/", body, content_type="application/json", headers={"Authorization": f"Bearer {token}"})


def download(client, lang="es"):
    response = client.get(f"/{lang}/account/data.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert response["Cache-Control"] == "private, no-store"
    return json.loads(response.content)


def leave(client, password=PASSWORD, confirm=True, lang="es"):
    data = {"password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(f"/{lang}/account/leave/", data)


def test_the_download_holds_everything_about_the_member_and_nothing_about_others(
    governance, client, ana, make_member, django_user_model
):
    bo = make_member("bo", first_name="Bo")
    ana.change_status(MemberStatus.SUSPENDED, by=django_user_model.objects.create_user("secretary"), note="Dues")
    ana.change_status(MemberStatus.ACTIVE)
    accept(ana, DocumentKind.CODE_OF_CONDUCT, "1.0", "es")
    accept(bo, DocumentKind.CODE_OF_CONDUCT, "1.0", "en")
    record, token = PersonalToken.issue(ana, "Calendar sync")
    record.revoke()
    PersonalToken.issue(bo, "Bo's script")
    locale = Locale.objects.get_or_create(language_code="es")[0]
    hers = TranslationRequest.objects.create(
        translation_key="4b9c3f34-1f57-4d1c-9c3a-4a8f9f0d1e2a",
        locale=locale,
        reader=reader_id(SimpleNamespace(user=ana.user)),
    )
    TranslationRequest.objects.create(
        translation_key=hers.translation_key, locale=locale, reader=reader_id(SimpleNamespace(user=bo.user))
    )

    client.force_login(ana.user)
    data = download(client)
    assert data["account"] == {
        "username": "ana",
        "first_name": "Ana",
        "last_name": "García",
        "email": "ana@example.coop",
        "date_joined": ana.user.date_joined.isoformat(),
        "last_login": data["account"]["last_login"],
    }
    assert data["membership"]["kind"] == "individual"
    assert data["membership"]["status"] == "active"
    assert data["membership"]["preferred_language"] == "es"
    assert [(change["from"], change["to"], change["by"], change["note"]) for change in data["status_history"]] == [
        ("applicant", "active", None, ""),
        ("active", "suspended", "the co-op", "Dues"),
        ("suspended", "active", None, ""),
    ]
    assert [(each["document"], each["version"], each["language_read"]) for each in data["governance_acceptances"]] == [
        ("code_of_conduct", "1.0", "es")
    ]
    assert data["api_tokens"] == [
        {
            "name": "Calendar sync",
            "ends_in": token[-4:],
            "created_at": record.created_at.isoformat(),
            "last_used_at": None,
            "revoked_at": record.revoked_at.isoformat(),
        }
    ]
    assert [(each["page"], each["language"]) for each in data["translation_requests"]] == [
        ("4b9c3f34-1f57-4d1c-9c3a-4a8f9f0d1e2a", "es")
    ]
    text = json.dumps(data)
    assert "secretary" not in text  # the register's staff are not the member's data
    assert record.digest not in text and record.key_id not in text and token not in text
    assert "Bo" not in text


def test_the_download_is_the_signed_in_members_own(db, client, ana, make_member, django_user_model):
    assert client.get("/es/account/data.json")["Location"].startswith("/es/account/sign-in/")
    client.force_login(django_user_model.objects.create_user("editor"))
    assert client.get("/es/account/data.json")["Location"] == "/es/account/"
    bo = make_member("bo")
    client.force_login(bo.user)
    assert download(client, lang="en")["account"]["username"] == "bo"


def test_a_wrong_password_or_no_confirmation_leaves_nothing(db, client, ana):
    client.force_login(ana.user)
    page = parse(client.get("/en/account/leave/").content.decode())
    assert page.has("a", href="/en/account/data.json", download="")
    response = leave(client, password="wrong", lang="en")
    assert response.status_code == 200
    assert parse(response.content.decode()).find("p", class_="field-error").text == "This is not your password."
    assert leave(client, confirm=False).status_code == 200
    ana.refresh_from_db()
    assert ana.status == MemberStatus.ACTIVE and ana.user.username == "ana"


def test_leaving_anonymises_keeps_the_audit_trail_revokes_tokens_and_signs_out(governance, client, ana):
    ana.nextcloud_user_id = "ana"
    ana.save(update_fields=["nextcloud_user_id"])
    accept(ana, DocumentKind.CODE_OF_CONDUCT, "1.0", "es")
    _record, token = PersonalToken.issue(ana, "Script")
    other_browser = client.__class__()
    other_browser.force_login(ana.user)
    heard = []

    def listener(sender, member, change, **kwargs):
        heard.append((member.pk, change.from_status, change.to_status))

    member_status_changed.connect(listener)
    try:
        client.force_login(ana.user)
        response = leave(client)
    finally:
        member_status_changed.disconnect(listener)

    assert response["Location"] == "/es/account/left/"
    assert heard == [(ana.pk, "active", "left")]
    member = Member.objects.select_related("user").get(pk=ana.pk)
    user = member.user
    assert member.status == MemberStatus.LEFT
    assert user.username.startswith(f"left-{ana.pk}-")
    assert (user.first_name, user.last_name, user.email, user.is_active) == ("", "", "", False)
    assert not user.has_usable_password()
    assert not user.groups.exists()
    # The audit trail and what the register must remember stay.
    assert [(c.from_status, c.to_status) for c in member.status_changes.order_by("at", "pk")] == [
        ("applicant", "active"),
        ("active", "left"),
    ]
    assert member.status_changes.first().by == user
    assert member.joined_on is not None and member.nextcloud_user_id == "ana"
    assert Acceptance.objects.filter(member=member).count() == 1
    # Tokens, this session and every other one end.
    assert not member.tokens.active().exists()
    assert graphql(client, token).status_code == 401
    assert "_auth_user_id" not in client.session
    assert other_browser.get("/es/account/")["Location"].startswith("/es/account/sign-in/")
    assert client.post("/es/account/sign-in/", {"username": "ana", "password": PASSWORD}).status_code == 200
    assert client.get("/es/account/left/").status_code == 200
    # Nobody named Ana is left in the register's listing.
    assert "García" not in str(Member.objects.for_register().values_list("user__last_name", "user__email"))


def test_leaving_through_the_register_anonymises_too(db, admin_client, ana):
    response = admin_client.post(f"/admin/members/status/{ana.pk}/", {"status": "left", "note": "Asked by letter"})
    assert response.status_code == 302
    ana.refresh_from_db()
    ana.user.refresh_from_db()
    assert ana.user.email == "" and ana.user.username.startswith("left-")


def test_a_member_can_only_leave_themselves(db, client, ana, make_member):
    bo = make_member("bo")
    client.force_login(bo.user)
    client.post("/es/account/leave/", {"password": PASSWORD, "confirm": "on", "member": ana.pk, "user": ana.user.pk})
    ana.refresh_from_db()
    bo.refresh_from_db()
    assert (ana.status, bo.status) == (MemberStatus.ACTIVE, MemberStatus.LEFT)
    assert ana.user.username == "ana"


def test_leaving_disables_the_nextcloud_account_and_keeps_it(
    db, client, make_member, django_capture_on_commit_callbacks
):
    from portal.nextcloud.backends import get_backend, reset_backend

    reset_backend()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            cy = make_member("cy", first_name="Cy")
        nextcloud = get_backend().backend
        assert nextcloud.users["cy"].enabled
        client.force_login(cy.user)
        with django_capture_on_commit_callbacks(execute=True):
            assert leave(client)["Location"] == "/es/account/left/"
        assert not nextcloud.users["cy"].enabled  # disabled, never deleted
    finally:
        reset_backend()


def test_a_left_member_is_asked_nothing_and_cannot_download(governance, client, ana):
    ana.change_status(MemberStatus.LEFT)
    client.force_login(ana.user)  # even with a session left over from before
    assert client.get("/es/account/data.json").status_code == 302
    assert client.get("/es/account/leave/").status_code == 302
