"""The register in the Wagtail admin: listing, filters, search, editing, status changes, CSV export."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.members.models import Member, MemberKind, MemberStatus

INDEX = "/admin/members/"


def status_url(member):
    return f"/admin/members/status/{member.pk}/"


@pytest.fixture
def register(make_member):
    return {
        "ana": make_member("ana", first_name="Ana", last_name="García", email="ana@example.coop", language="es"),
        "bo": make_member("bo", kind=MemberKind.OPERATIONAL, first_name="Bo", last_name="Lund"),
        "cy": make_member("cy", status=MemberStatus.APPLICANT, first_name="Cy", kind=MemberKind.ORGANISATION),
    }


def listed(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_listing_shows_every_member(admin_client, register):
    page = listed(admin_client.get(INDEX))
    for name in ("Ana García", "Bo Lund", "Cy"):
        assert name in page
    assert "Organisation user member" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"status": "applicant"}, ["Cy"], ["Ana García", "Bo Lund"]),
        ({"kind": "operational"}, ["Bo Lund"], ["Ana García", "Cy"]),
        ({"preferred_language": "es"}, ["Ana García"], ["Bo Lund"]),
        ({"q": "ana@example"}, ["Ana García"], ["Bo Lund"]),
        ({"q": "lund"}, ["Bo Lund"], ["Ana García"]),
    ],
)
def test_filters_and_search(admin_client, register, query, shown, hidden):
    page = listed(admin_client.get(INDEX + "results/", query))
    assert all(name in page for name in shown)
    assert not any(name in page for name in hidden)


def test_the_listing_costs_the_same_for_more_members(admin_client, register, make_member):
    listed(admin_client.get(INDEX))  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as three:
        listed(admin_client.get(INDEX))
    for _ in range(5):
        make_member()
    with CaptureQueriesContext(connection) as eight:
        listed(admin_client.get(INDEX))
    assert len(eight) == len(three)


def test_adding_a_member_creates_their_account(admin_client):
    response = admin_client.post(
        INDEX + "new/",
        {
            "username": "dee",
            "first_name": "Dee",
            "last_name": "Okafor",
            "email": "dee@example.coop",
            "kind": "individual",
            "preferred_language": "fr",
            "nextcloud_user_id": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    member = Member.objects.get(user__username="dee")
    assert (member.display_name, member.email, member.preferred_language) == ("Dee Okafor", "dee@example.coop", "fr")
    assert member.status == MemberStatus.APPLICANT
    assert member.user.has_usable_password()  # a random one: "Forgot your password?" sets theirs


def test_editing_changes_the_account_but_refuses_a_taken_email(admin_client, register):
    ana = register["ana"]
    form = {
        "username": "ana",
        "first_name": "Ana María",
        "last_name": "García",
        "email": "ana.maria@example.coop",
        "kind": "organisation",
        "preferred_language": "es",
        "nextcloud_user_id": "ana",
    }
    assert admin_client.post(f"{INDEX}edit/{ana.pk}/", form).status_code == 302
    ana.refresh_from_db()
    assert (ana.display_name, ana.email, ana.kind, ana.nextcloud_user_id) == (
        "Ana María García",
        "ana.maria@example.coop",
        "organisation",
        "ana",
    )

    taken = {**form, "email": register["bo"].email}
    response = admin_client.post(f"{INDEX}edit/{ana.pk}/", taken)
    assert response.status_code == 200
    assert "Another account uses this email address." in response.content.decode()


def test_status_changes_with_a_note_and_shows_the_history(admin_client, register):
    cy = register["cy"]
    page = listed(admin_client.get(status_url(cy)))
    assert 'value="active"' in page and 'value="suspended"' not in page

    response = admin_client.post(status_url(cy), {"status": "active", "note": "Approved at the assembly"})
    assert response.status_code == 302
    cy.refresh_from_db()
    assert cy.status == MemberStatus.ACTIVE
    change = cy.status_changes.get()
    assert (change.by, change.note) == (admin_client.admin, "Approved at the assembly")
    assert "Approved at the assembly" in listed(admin_client.get(status_url(cy)))


def test_a_status_the_member_cannot_reach_is_refused(admin_client, register):
    response = admin_client.post(status_url(register["cy"]), {"status": "suspended"})
    assert response.status_code == 200
    assert register["cy"].status_changes.count() == 0


def test_editors_without_permission_cannot_change_status(client, register, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", is_staff=True))
    response = client.post(status_url(register["cy"]), {"status": "active"})
    assert response.status_code in (302, 403)
    register["cy"].refresh_from_db()
    assert register["cy"].status == MemberStatus.APPLICANT


def test_members_are_never_deleted(admin_client, register):
    ana = register["ana"]
    assert f"{INDEX}delete/{ana.pk}/" not in listed(admin_client.get(INDEX))
    admin_client.post(f"{INDEX}delete/{ana.pk}/")
    assert Member.objects.filter(pk=ana.pk).exists()
    assert get_user_model().objects.filter(pk=ana.user_id).exists()


def test_the_register_exports_as_csv(admin_client, register):
    response = admin_client.get(INDEX, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    ana = next(row for row in rows if row["User name"] == "ana")
    assert ana["Name"] == "Ana García"
    assert ana["Email"] == "ana@example.coop"
    assert ana["Kind"] == "Individual user member"
    assert ana["Status"] == "Active"
    assert ana["Preferred language"] == "es"
    assert ana["Joined on"] == str(register["ana"].joined_on)
    assert {row["User name"] for row in rows} == {"ana", "bo", "cy"}
