"""Steps of tests/portal/test_migrations.py, run in a process of their own against a database of their own:
`python -c "from tests.portal.migration_steps import STEP; STEP()"` with DATABASE_URL set."""

import json

import django


def load_demo():
    """The small demo, as the tests' fixture loads it, and a member: data for the migrations to run over."""
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from cms.demo.loader import DemoLoader
    from portal.members.models import Member, MemberKind, MemberStatus
    from tests.conftest import SMALL_DEMO

    with transaction.atomic():  # wagtail-localize publishes the translations when this commits
        DemoLoader(SMALL_DEMO).run()
    user = get_user_model().objects.create_user("member", password="member-password")
    Member.objects.create(user=user, kind=MemberKind.INDIVIDUAL).change_status(MemberStatus.ACTIVE)


def latest_migrations():
    """For each of the project's apps with more than one migration: its latest migration and the one before."""
    django.setup()
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(connection).graph
    steps = {}
    for app, name in graph.leaf_nodes():
        module = graph.nodes[(app, name)].__module__
        if not module.startswith(("portal.", "cms.", "frontends.")):
            continue
        parents = [parent for parent in graph.node_map[(app, name)].parents if parent.key[0] == app]
        if parents:
            steps[app] = {"latest": name, "previous": parents[0].key[1]}
    print(json.dumps(steps))


def summary():
    """What the data holds, to compare before and after migrating."""
    django.setup()
    from wagtail.models import Page, Revision
    from wagtail_localize.models import Translation

    from cms.glossary.models import GlossaryTerm
    from portal.members.models import Member

    print(
        json.dumps(
            {
                "pages": sorted(Page.objects.values_list("locale__language_code", "url_path", "title")),
                "revisions": Revision.objects.count(),
                "translations": Translation.objects.count(),
                "terms": GlossaryTerm.objects.count(),
                "members": sorted(Member.objects.values_list("user__username", "status")),
            }
        )
    )
