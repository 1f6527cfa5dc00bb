"""The loopback NextCloud answers as NextCloud's documentation says, so the backend tests mean something."""

from xml.etree import ElementTree

import pytest
import requests

DAV = "{DAV:}"
OC = "{http://owncloud.org/ns}"


@pytest.fixture
def http(fake_nextcloud):
    session = requests.Session()
    session.auth = (fake_nextcloud.service_user, fake_nextcloud.password)
    session.headers["OCS-APIRequest"] = "true"
    yield session
    session.close()


def test_ocs_v1_answers_200_with_the_outcome_in_the_envelope(fake_nextcloud, http):
    created = http.post(
        f"{fake_nextcloud.url}/ocs/v1.php/cloud/users?format=json", data={"userid": "ann", "email": "ann@example.coop"}
    )
    again = http.post(
        f"{fake_nextcloud.url}/ocs/v1.php/cloud/users?format=json", data={"userid": "ann", "email": "ann@example.coop"}
    )

    assert created.status_code == 200
    assert created.json()["ocs"]["meta"] == {
        "status": "ok",
        "statuscode": 100,
        "message": "OK",
        "totalitems": "",
        "itemsperpage": "",
    }
    assert created.json()["ocs"]["data"] == {"id": "ann"}
    assert again.status_code == 200
    assert again.json()["ocs"]["meta"]["status"] == "failure"
    assert again.json()["ocs"]["meta"]["statuscode"] == 102


def test_ocs_v2_answers_with_http_status_codes(fake_nextcloud, http):
    found = http.get(f"{fake_nextcloud.url}/ocs/v2.php/cloud/users/portal?format=json")
    missing = http.get(f"{fake_nextcloud.url}/ocs/v2.php/cloud/users/nobody?format=json")

    assert found.status_code == 200
    assert found.json()["ocs"]["meta"]["statuscode"] == 200
    assert found.json()["ocs"]["data"]["id"] == "portal"
    assert missing.status_code == 404
    assert missing.json()["ocs"]["meta"]["statuscode"] == 404


def test_ocs_speaks_xml_unless_json_is_asked_for(fake_nextcloud, http):
    answer = http.get(f"{fake_nextcloud.url}/ocs/v1.php/cloud/groups")

    root = ElementTree.fromstring(answer.content)  # noqa: S314 (the double's own answer)
    assert answer.headers["Content-Type"].startswith("application/xml")
    assert root.tag == "ocs"
    assert root.findtext("meta/statuscode") == "100"
    assert [element.text for element in root.findall("data/groups/element")] == ["admin"]


def test_ocs_requires_the_api_request_header_and_credentials(fake_nextcloud, http):
    without_header = requests.get(
        f"{fake_nextcloud.url}/ocs/v1.php/cloud/capabilities?format=json",
        auth=(fake_nextcloud.service_user, fake_nextcloud.password),
        timeout=5,
    )
    wrong_password = requests.get(
        f"{fake_nextcloud.url}/ocs/v1.php/cloud/capabilities?format=json",
        auth=(fake_nextcloud.service_user, "wrong"),
        headers={"OCS-APIRequest": "true"},
        timeout=5,
    )

    for answer in (without_header, wrong_password):
        assert answer.status_code == 401
        assert answer.json()["ocs"]["meta"]["statuscode"] == 997
    assert "Basic" in wrong_password.headers["WWW-Authenticate"]


def test_share_api_envelopes_shares(fake_nextcloud, http):
    fake_nextcloud.add_user("ann", email="ann@example.coop")
    fake_nextcloud.add_file("Shared/readme.md", b"# Read me")
    url = f"{fake_nextcloud.url}/ocs/v1.php/apps/files_sharing/api/v1/shares?format=json"

    created = http.post(url, params={"path": "/Shared", "shareType": 0, "shareWith": "ann", "permissions": 1})
    missing = http.post(url, params={"path": "/Nothing", "shareType": 0, "shareWith": "ann", "permissions": 1})
    listed = http.get(url, params={"path": "/Shared"})

    share = created.json()["ocs"]["data"]
    assert (share["path"], share["share_type"], share["share_with"], share["permissions"]) == ("/Shared", 0, "ann", 1)
    assert share["item_type"] == "folder"
    assert missing.json()["ocs"]["meta"]["statuscode"] == 404
    assert [item["id"] for item in listed.json()["ocs"]["data"]] == [share["id"]]


def propfind(http, url, depth, body=None):
    body = body or (
        '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">'
        "<d:prop><d:getcontentlength/><d:resourcetype/><oc:fileid/><oc:permissions/><oc:tags/></d:prop></d:propfind>"
    )
    return http.request("PROPFIND", url, data=body, headers={"Depth": depth})


def test_propfind_answers_a_multistatus_with_found_and_missing_properties(fake_nextcloud, http):
    fake_nextcloud.add_file("Shared/readme.md", b"# Read me")
    folder = f"{fake_nextcloud.url}/remote.php/dav/files/portal/Shared"

    depth_0 = propfind(http, folder, "0")
    depth_1 = propfind(http, folder, "1")

    assert depth_0.status_code == depth_1.status_code == 207
    responses = ElementTree.fromstring(depth_1.content).findall(f"{DAV}response")  # noqa: S314
    assert len(ElementTree.fromstring(depth_0.content).findall(f"{DAV}response")) == 1  # noqa: S314
    assert [response.findtext(f"{DAV}href") for response in responses] == [
        "/remote.php/dav/files/portal/Shared/",
        "/remote.php/dav/files/portal/Shared/readme.md",
    ]
    file_stats = {
        stat.findtext(f"{DAV}status"): [child.tag for child in stat.find(f"{DAV}prop")]
        for stat in responses[1].findall(f"{DAV}propstat")
    }
    assert file_stats == {
        "HTTP/1.1 200 OK": [f"{DAV}getcontentlength", f"{DAV}resourcetype", f"{OC}fileid", f"{OC}permissions"],
        "HTTP/1.1 404 Not Found": [f"{OC}tags"],
    }
    folder_stats = {stat.findtext(f"{DAV}status") for stat in responses[0].findall(f"{DAV}propstat")}
    assert "HTTP/1.1 404 Not Found" in folder_stats  # folders have no getcontentlength
    assert responses[0].find(f".//{DAV}resourcetype/{DAV}collection") is not None


def test_webdav_status_codes(fake_nextcloud, http):
    base = f"{fake_nextcloud.url}/remote.php/dav/files/portal"

    assert http.request("MKCOL", f"{base}/Shared").status_code == 201
    assert http.request("MKCOL", f"{base}/Shared").status_code == 405
    assert http.request("MKCOL", f"{base}/No/Parent").status_code == 409
    assert http.put(f"{base}/Shared/a.txt", data=b"a").status_code == 201
    assert http.put(f"{base}/Shared/a.txt", data=b"b").status_code == 204
    assert http.get(f"{base}/Shared/a.txt").content == b"b"
    assert propfind(http, f"{base}/Missing", "0").status_code == 404
    assert propfind(http, f"{base}/Shared", "infinity").status_code == 400
    assert http.get(f"{fake_nextcloud.url}/remote.php/dav/files/someone-else/").status_code == 403
    assert http.delete(f"{base}/Shared").status_code == 204
    assert http.get(f"{base}/Shared/a.txt").status_code == 404


def test_maintenance_mode_answers_503_with_the_maintenance_header(fake_nextcloud, http):
    fake_nextcloud.mode = "maintenance"

    ocs = http.get(f"{fake_nextcloud.url}/ocs/v1.php/cloud/capabilities?format=json")
    dav = propfind(http, f"{fake_nextcloud.url}/remote.php/dav/files/portal/", "0")

    for answer in (ocs, dav):
        assert answer.status_code == 503
        assert answer.headers["X-Nextcloud-Maintenance-Mode"] == "1"
    assert b"ServiceUnavailable" in dav.content
