"""The register shows each member's NextCloud provisioning and lets an admin provision them again."""

import pytest

from portal.members.models import Member, MemberStatus, ProvisioningStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_folders")]

INDEX = "/admin/members/"


def provision_url(member):
    return f"/admin/members/provision/{member.pk}/"


@pytest.fixture
def failed(make_member):
    member = make_member("ana", first_name="Ana", last_name="García")
    Member.objects.filter(pk=member.pk).update(
        provisioning_status=ProvisioningStatus.FAILED, provisioning_error="create user ana: NextCloud answered 400"
    )
    return member


def test_the_listing_shows_provisioning_and_the_last_error(admin_client, failed, make_member):
    make_member("bo", status=MemberStatus.APPLICANT)

    page = admin_client.get(INDEX).content.decode()

    assert "Failed" in page
    assert "create user ana: NextCloud answered 400" in page
    assert "Not provisioned" in page
    assert provision_url(failed) in page


def test_the_listing_filters_by_provisioning(admin_client, failed, make_member):
    make_member("bo", first_name="Bożena", status=MemberStatus.APPLICANT)

    page = admin_client.get(INDEX + "results/", {"provisioning_status": "failed"}).content.decode()

    assert "Ana García" in page
    assert "Bożena" not in page


def test_the_member_page_shows_provisioning_and_offers_to_provision_again(admin_client, failed):
    page = admin_client.get(f"{INDEX}edit/{failed.pk}/").content.decode()

    assert "NextCloud provisioning" in page
    assert "create user ana: NextCloud answered 400" in page
    assert provision_url(failed) in page


def test_provision_again_asks_first_then_provisions(
    admin_client,
    failed,
    nextcloud,
    django_capture_on_commit_callbacks,
):
    confirmation = admin_client.get(provision_url(failed))
    assert confirmation.status_code == 200
    assert "NextCloud answered 400" in confirmation.content.decode()
    assert "ana" not in nextcloud.users  # asking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(provision_url(failed))

    assert response.status_code == 302
    assert response["Location"] == f"{INDEX}edit/{failed.pk}/"
    failed.refresh_from_db()
    assert (failed.provisioning_status, failed.provisioning_error) == (ProvisioningStatus.PROVISIONED, "")
    assert nextcloud.users["ana"].enabled


def test_only_those_who_may_change_members_provision_them(client, django_user_model, failed):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="pass-phrase-1")  # noqa: S106
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    for response in (client.get(provision_url(failed)), client.post(provision_url(failed))):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"  # Wagtail's answer to a permission refused
    failed.refresh_from_db()
    assert failed.provisioning_status == ProvisioningStatus.FAILED


BULK = "/admin/bulk/members/member/provision_again/"


def test_the_listing_offers_provision_again_for_the_members_ticked(admin_client, failed):
    page = admin_client.get(INDEX).content.decode()

    assert f'data-object-id="{failed.pk}" data-bulk-action-checkbox' in page
    assert f'aria-describedby="member_{failed.pk}_title"' in page and f'id="member_{failed.pk}_title"' in page
    assert BULK in page  # the footer's button, once members are ticked


def test_provision_again_in_bulk_asks_first_then_provisions_those_ticked(
    admin_client, failed, make_member, nextcloud, django_capture_on_commit_callbacks
):
    # Names that no token or markup of the page could hold by chance
    waiting = make_member("bo", first_name="Bożena")
    Member.objects.filter(pk=waiting.pk).update(provisioning_status=ProvisioningStatus.FAILED)
    nextcloud.users.clear()
    untouched = make_member("cy", first_name="Zoltán")
    Member.objects.filter(pk=untouched.pk).update(provisioning_status=ProvisioningStatus.FAILED)
    nextcloud.users.clear()
    query = f"?id={failed.pk}&id={waiting.pk}&next={INDEX}"

    confirmation = admin_client.get(BULK + query).content.decode()
    assert "Ana García" in confirmation and "Bożena" in confirmation and "Zoltán" not in confirmation
    assert "NextCloud answered 400" in confirmation
    assert nextcloud.users == {}  # asking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(BULK + query)

    assert (response.status_code, response["Location"]) == (302, INDEX)
    statuses = dict(Member.objects.values_list("user__username", "provisioning_status"))
    assert statuses == {"ana": "provisioned", "bo": "provisioned", "cy": "failed"}
    assert set(nextcloud.users) == {"ana", "bo"}


def test_provision_again_for_all_in_the_listing_keeps_to_its_filter(
    admin_client, failed, make_member, nextcloud, django_capture_on_commit_callbacks
):
    make_member("bo", first_name="Bo", status=MemberStatus.SUSPENDED)
    nextcloud.users.clear()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(BULK + "?id=all&provisioning_status=failed")

    assert set(nextcloud.users) == {"ana"}


def test_only_those_who_may_change_members_provision_them_in_bulk(client, django_user_model, failed):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="pass-phrase-1")  # noqa: S106
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    for response in (client.get(f"{BULK}?id={failed.pk}"), client.post(f"{BULK}?id={failed.pk}")):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    failed.refresh_from_db()
    assert failed.provisioning_status == ProvisioningStatus.FAILED
