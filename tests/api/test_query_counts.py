"""Every list field costs the same number of SQL queries whatever its length: pinned at two sizes."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from portal.schema import schema
from tests.factories import add_page, grow, link_to, paragraph


def count_queries(document, **variables) -> int:
    request = RequestFactory().post("/graphql/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as captured:
        result = schema.execute(document, variable_values=variables, context_value=request)
    assert result.errors is None, result.errors
    return len(captured.captured_queries)


TREE = '{ handbook(locale: "es") { title entries { id title path locale isFallback depth parentId hasChildren } } }'
PAGE = """query($path: String!) { page(locale: "es", path: $path) {
  title breadcrumbs { title path } previous { title } next { title } children { title path hasChildren }
  body { __typename ... on ParagraphBlock { html } }
  translations { locale status title path } freshness { isOutdated }
  linksOut { title path } linksIn { title path } } }"""
SEARCH = '{ search(locale: "es", query: "Extra", first: 100) { results { page { title path } excerpt } } }'


@pytest.fixture
def sized(small_demo):
    """Grow the English handbook under one section; Spanish readers see the new pages through the fallback."""

    def grow_to(count: int):
        target = small_demo.page("commoning")
        hub = add_page(small_demo.page("political-economy"), f"Hub {count}")
        pages = grow(hub, count, prefix=f"Extra {count}", link_target=target)
        # A deep branch for breadcrumbs, and a page that links to every new page for linksOut.
        deep = hub
        for level in range(count // 10):
            deep = add_page(deep, f"Level {count}-{level}")
        links = "".join(link_to(page, f"p{number}") for number, page in enumerate(pages))
        add_page(hub, f"Index {count}", body=[paragraph(f"<p>{links}</p>")])
        return hub, deep

    return grow_to


def test_handbook_tree_costs_the_same_at_20_and_200_pages(sized):
    sized(20)
    small = count_queries(TREE)
    sized(180)
    assert count_queries(TREE) == small


def test_page_lists_cost_the_same_whatever_their_length(small_demo, sized):
    hub_small, deep_small = sized(20)
    hub_large, deep_large = sized(200)
    es = "/1-principios/commoning/"
    small_counts = [
        count_queries(PAGE, path=es),  # linksIn: 20 pages link to Commoning
        count_queries(PAGE, path=hub_small.handbook_path()),  # 20 children
        count_queries(PAGE, path=deep_small.handbook_path()),  # breadcrumbs 2 levels deep
        count_queries(PAGE, path=hub_small.handbook_path() + f"index-{20}/"),  # 20 links out
    ]
    sized_large = [
        count_queries(PAGE, path=es),  # now 220 pages link to it
        count_queries(PAGE, path=hub_large.handbook_path()),
        count_queries(PAGE, path=deep_large.handbook_path()),
        count_queries(PAGE, path=hub_large.handbook_path() + f"index-{200}/"),
    ]
    assert small_counts == sized_large


def test_search_results_cost_the_same_for_5_and_100_results(small_demo):
    hub = small_demo.page("political-economy")
    grow(hub, 5, prefix="Extra small")
    few = count_queries(SEARCH)
    grow(hub, 95, prefix="Extra large")
    assert count_queries(SEARCH) == few
