"""Security headers the portal adds to every response, and the page shown to a locked-out sign-in.

Django's SecurityMiddleware already sends X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy and,
in production, Strict-Transport-Security; XFrameOptionsMiddleware sends X-Frame-Options. This middleware adds the
Content-Security-Policy, which Django 5.2 does not have: PORTAL_CONTENT_SECURITY_POLICY for every path, except the
path prefixes in PORTAL_CONTENT_SECURITY_POLICY_BY_PATH, which have their own (the Wagtail admin needs inline
scripts and styles; see portal/settings/base.py).

A policy is a dict of directives to lists of sources, so settings can extend one without parsing strings.
"""

from django.conf import settings
from django.shortcuts import render


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


def policy_for(path: str) -> dict[str, list[str]]:
    for prefix, policy in settings.PORTAL_CONTENT_SECURITY_POLICY_BY_PATH.items():
        if path.startswith(prefix):
            return policy
    return settings.PORTAL_CONTENT_SECURITY_POLICY


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy of the request's path, unless the view set one of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_header(policy_for(request.path_info))
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in from a user name and address with too many failures (admin and members)."""
    return render(
        request,
        "portal/locked_out.html",
        {"minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)},
        status=429,
    )
