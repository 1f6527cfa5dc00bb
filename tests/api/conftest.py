from unittest import mock

import graphql
import pytest
from django.core.cache import cache

from tests.api.helpers import Api


@pytest.fixture(autouse=True)
def empty_cache():
    # The local-memory cache outlives a test's database transaction; a response cached by one test must not
    # answer the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def executions():
    """Counts how often a GraphQL operation is executed (a cache hit executes nothing)."""
    with mock.patch("graphene_django.views.execute", wraps=graphql.execute) as spy:
        yield spy


@pytest.fixture
def api(client):
    return Api(client)
