"""Security headers on every response: a Content-Security-Policy without inline code (the admin has its own), no
framing, no sniffing, a same-origin referrer; HSTS and Secure, HttpOnly cookies with the production settings."""

import pytest
from django.test import override_settings

from tests.frontends.helpers import parse

GRAPHQL = "/graphql/?query=%7B__typename%7D"


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert policy(response)["object-src"] == ["'none'"]
    assert policy(response)["base-uri"] == ["'self'"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/"),
        ("get", "/en/account/sign-in/"),
        ("get", GRAPHQL),
        ("post", "/graphql/"),
        ("put", "/graphql/"),
        ("get", "/en/no-such-page/"),
        ("get", "/documents/1/missing.pdf"),
        ("get", "/static/frontends/site.css"),
    ],
)
def test_every_response_outside_the_admin_has_the_strict_policy(db, client, method, path):
    response = getattr(client, method)(path)
    assert_common_headers(response)
    header = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    strict = policy(response)
    for directive in ("default-src", "script-src", "style-src", "connect-src", "form-action"):
        assert strict[directive] == ["'self'"], directive
    assert strict["frame-ancestors"] == ["'none'"]
    if not path.startswith("/static/"):  # WhiteNoise answers before XFrameOptionsMiddleware; frame-ancestors holds
        assert response["X-Frame-Options"] == "DENY"


def test_the_admin_has_its_own_policy(db, client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_common_headers(response)
    admin = policy(response)
    # Wagtail's templates and widgets run inline code; the admin frames its own previews, nobody else frames it.
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["frame-ancestors"] == ["'self'"]
    assert admin["form-action"] == ["'self'"]


def test_the_readers_pages_hold_no_inline_code(small_demo, client, member):
    """What the strict policy would block: inline scripts, style elements and attributes, event handlers."""
    pages = [
        "/en/",
        "/en/welcome/",
        "/ar/1-principles/principles/spaces/",
        "/en/search/?q=space",
        "/en/glossary/",
        "/en/account/sign-in/",
        "/en/no-such-page/",
    ]
    client.force_login(member)
    pages += ["/en/account/", "/en/account/tokens/"]
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        document = parse(response.content.decode())
        assert document.find_all("html"), url
        for element in document.find_all():
            if element.tag == "script":
                assert element.attrs.get("src"), f"inline script on {url}"
            assert element.tag != "style", f"<style> on {url}"
            assert "style" not in element.attrs, f"style attribute on <{element.tag}> of {url}"
            handlers = [name for name in element.attrs if name.startswith("on")]
            assert not handlers, f"{handlers} on <{element.tag}> of {url}"


def test_a_view_that_sets_its_own_policy_keeps_it(rf, settings):
    from portal.security import ContentSecurityPolicyMiddleware

    def view(request):
        from django.http import HttpResponse

        response = HttpResponse()
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    assert ContentSecurityPolicyMiddleware(view)(rf.get("/"))["Content-Security-Policy"] == "default-src 'none'"


def test_production_sends_hsts_over_https_and_redirects_plain_http(db, client, production_settings):
    with override_settings(**production_settings):
        secure = client.get(GRAPHQL, secure=True)
        assert secure.status_code == 200
        assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert policy(secure)["frame-ancestors"] == ["'none'"]
        plain = client.get(GRAPHQL)
        assert plain.status_code == 301
        assert plain["Location"].startswith("https://")


def test_production_cookies_are_secure_and_http_only(db, client, member, production_settings):
    with override_settings(**production_settings):
        form = client.get("/es/account/sign-in/", secure=True)
        signed_in = client.post(
            "/es/account/sign-in/", {"username": "member", "password": "member-password"}, secure=True
        )
    assert signed_in.status_code == 302
    cookies = {**form.cookies, **signed_in.cookies}
    assert {"csrftoken", "sessionid"} <= set(cookies)
    for name, morsel in cookies.items():
        assert morsel["secure"] is True, name
        assert morsel["httponly"] is True, name
