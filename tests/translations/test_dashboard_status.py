"""The dashboard and the API agree on every translation of the demo: both come from one rule."""

import json

from django.core.cache import cache
from wagtail.models import Page

from cms.translation_status import Status, freshness_by_locale
from cms.translations.dashboard import build_grid

QUERY = """query($path: String!) { page(locale: "en", path: $path) { translations { locale status } } }"""
API_STATUS = {Status.CURRENT: "CURRENT", Status.OUTDATED: "OUTDATED", Status.MISSING: "MISSING"}


def test_bulk_and_per_page_freshness_agree_on_the_demo(small_demo, admin_user):
    grid = build_grid(admin_user)
    english = small_demo.locale("en")
    changed_at = dict(Page.objects.filter(locale=english).values_list("translation_key", "last_published_at"))
    compared, outdated = 0, 0
    for row in grid.rows:
        if row.kind != "page":
            continue
        translated = {cell.locale.pk: cell for cell in row.cells if cell.status != Status.MISSING}
        versions = Page.objects.filter(translation_key=row.key, locale_id__in=translated)
        per_page = freshness_by_locale(
            row.key,
            english.pk,
            changed_at[row.key],
            {version.locale_id: version.last_published_at for version in versions},
        )
        for locale_id, cell in translated.items():
            assert per_page[locale_id] == cell.freshness, (row.title, cell.locale)
            compared += 1
            outdated += per_page[locale_id].is_outdated
    assert (compared, outdated) == (6, 1)  # the small demo's page translations; "Spaces" in Spanish is outdated


def test_dashboard_cells_are_the_apis_statuses_on_the_demo(small_demo, admin_user, client):
    client.force_login(admin_user)
    grid = build_grid(admin_user)
    seen = set()
    for row in grid.rows:
        if row.kind != "page":
            continue
        cache.clear()
        english = Page.objects.get(translation_key=row.key, locale__language_code="en").specific
        body = {"query": QUERY, "variables": {"path": english.handbook_path()}}
        answer = client.post("/graphql/", json.dumps(body), content_type="application/json").json()
        api = {item["locale"]: item["status"] for item in answer["data"]["page"]["translations"]}
        dashboard = {cell.locale.language_code: API_STATUS[cell.status] for cell in row.cells}
        assert {code: api[code] for code in dashboard} == dashboard, row.title
        seen.update(dashboard.values())
    assert seen == {"CURRENT", "OUTDATED", "MISSING"}  # the demo has every kind ("Spaces" is outdated)
