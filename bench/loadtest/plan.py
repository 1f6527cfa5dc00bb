"""The Django half of the load test, for one database: a signed-in member and what the simulated clients ask for.

`python -m bench.loadtest.plan`, with the benchmark's environment (bench/__main__.py's django_env). Makes an active
member with a personal API token and sessions (members who signed in earlier: signing in hashes the password on
purpose slowly, which is no part of reading), picks public pages across the handbook in every language (publishing
some again, as editors would have, for the feed of changes), and prints it all as JSON for the locust file
(bench/loadtest/locustfile.py reads it from LOAD_PLAN).
"""

import json

import django

MEMBER = "load-member"
PAGES_PER_LANGUAGE = 60
SESSIONS = 32  # at most one per simulated client
REPUBLISHED = 20  # pages per language published again, so that the partners' feed of changes has entries


def main():
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from cms.demo.management.commands.generate_handbook import SEARCH_WORD
    from cms.handbook.models import HandbookPage
    from cms.visibility import visible_pages
    from portal.members.models import Member, MemberKind, MemberStatus, PersonalToken

    user = get_user_model().objects.create_user(MEMBER)
    member = Member.objects.create(user=user, kind=MemberKind.INDIVIDUAL)
    member.change_status(MemberStatus.ACTIVE)
    _, token = PersonalToken.issue(member, "Load test")
    sessions = []
    for _ in range(SESSIONS):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)

    paths = {}
    for code in settings.PORTAL_LANGUAGES:
        pages = list(visible_pages(HandbookPage.objects.filter(locale__language_code=code)).order_by("path"))
        spread = pages[:: max(1, len(pages) // PAGES_PER_LANGUAGE)][:PAGES_PER_LANGUAGE]
        paths[code] = [page.handbook_path() for page in spread]
        for page in spread[:REPUBLISHED]:
            page.save_revision().publish()
        if not paths[code]:
            raise SystemExit(f"load test: no public page in {code}")
    member_plan = {"token": token, "cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions}
    print(json.dumps({"paths": paths, "search": SEARCH_WORD, "member": member_plan}))


if __name__ == "__main__":
    main()
