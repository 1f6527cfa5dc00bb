"""The register shows who accepted which governance document version: columns, filters, CSV, the member's page."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.governance.models import DocumentKind
from portal.members.acceptances import accept
from portal.members.models import MemberStatus
from tests.frontends.helpers import parse

INDEX = "/admin/members/"
CODE, PRIVACY = DocumentKind.CODE_OF_CONDUCT, DocumentKind.PRIVACY_POLICY


@pytest.fixture
def register(governance, make_member):
    ana = make_member("ana", first_name="Ana")
    bo = make_member("bo", first_name="Bo")
    make_member("cy", first_name="Cy")
    accept(ana, CODE, "1.0", "es")
    accept(bo, CODE, "1.0", "en")
    accept(bo, PRIVACY, "1.0", "en")
    governance.new = governance.add(CODE, "2.0", effective=timezone.localdate())
    accept(ana, CODE, "2.0", "en")
    return {"ana": ana, "bo": bo}


def first_name(row) -> str:
    """The member's first name in a row of the listing (its first cell is the bulk actions' checkbox)."""
    return next(cell.text.split()[0] for cell in row.find_all("td") if cell.text.split())


def names(response) -> set[str]:
    assert response.status_code == 200
    rows = parse(response.content.decode()).find("table", class_="listing").find("tbody").find_all("tr")
    return {first_name(row) for row in rows} if rows and rows[0].has("a") else set()


def test_the_listing_shows_the_version_each_member_accepted_last(admin_client, register):
    page = parse(admin_client.get(INDEX).content.decode())
    headings = [th.text for th in page.find("table", class_="listing").find("thead").find_all("th")]
    assert "Code of conduct accepted" in headings and "Privacy policy accepted" in headings
    code_column = headings.index("Code of conduct accepted")
    cells = {
        first_name(row): row.find_all("td")[code_column].text
        for row in page.find("table", class_="listing").find("tbody").find_all("tr")
    }
    assert cells == {"Ana": "2.0", "Bo": "1.0", "Cy": ""}


def test_filters_by_version_accepted_and_by_what_is_left_to_accept(admin_client, register, governance):
    assert names(admin_client.get(INDEX, {"accepted_version": governance.code.pk})) == {"Ana", "Bo"}
    assert names(admin_client.get(INDEX, {"accepted_version": governance.new.pk})) == {"Ana"}
    assert names(admin_client.get(INDEX, {"to_accept": CODE})) == {"Bo", "Cy"}
    assert names(admin_client.get(INDEX, {"to_accept": PRIVACY})) == {"Ana", "Cy"}
    register["bo"].change_status(MemberStatus.LEFT)
    assert names(admin_client.get(INDEX, {"to_accept": CODE})) == {"Cy"}


def test_the_listing_costs_the_same_with_more_acceptances(admin_client, register, make_member):
    admin_client.get(INDEX)
    with CaptureQueriesContext(connection) as before:
        admin_client.get(INDEX)
    for _ in range(4):
        accept(make_member(), CODE, "2.0", "en")
    with CaptureQueriesContext(connection) as after:
        admin_client.get(INDEX)
    assert len(after) == len(before)


def test_the_export_has_the_versions_accepted(admin_client, register):
    response = admin_client.get(INDEX, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    accepted = {row["User name"]: (row["Code of conduct accepted"], row["Privacy policy accepted"]) for row in rows}
    assert accepted == {"ana": ("2.0", ""), "bo": ("1.0", "1.0"), "cy": ("", "")}


def test_the_members_page_lists_their_acceptances(admin_client, register):
    page = parse(admin_client.get(f"/admin/members/status/{register['ana'].pk}/").content.decode())
    rows = page.find("table", class_="listing acceptances").find("tbody").find_all("tr")
    assert [[cell.text for cell in row.find_all("td")[1:]] for row in rows] == [
        ["Code of conduct", "2.0", "English"],
        ["Code of conduct", "1.0", "español"],
    ]


def test_a_version_members_accepted_cannot_be_deleted(admin_client, register, governance):
    url = f"/admin/snippets/governance/governanceversion/delete/{governance.code.pk}/"
    assert "prevent it from being deleted" in admin_client.get(url).content.decode()
    response = admin_client.post(url)
    assert response["Location"] == "/admin/"  # Wagtail's answer to a refused action
    assert type(governance.code).objects.filter(pk=governance.code.pk).exists()
