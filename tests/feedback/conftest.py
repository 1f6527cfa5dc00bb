import json

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, PageViewRestriction

from cms.handbook.models import HandbookIndexPage
from cms.locales import configured_codes
from tests.factories import add_page
from tests.frontends.conftest import compiled_catalogs  # noqa: F401 (the forms are checked in Spanish)


@pytest.fixture(autouse=True)
def empty_cache():
    # Rate-limit counters and cached API answers live in the local-memory cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


class FeedbackApi:
    """The feedback mutations, sent to /graphql/ as any client would."""

    SUGGEST = """
    mutation Suggest($locale: String!, $pageId: ID, $translationKey: String, $passage: String!,
                     $suggestion: String!, $website: String) {
      suggestTranslation(locale: $locale, pageId: $pageId, translationKey: $translationKey, passage: $passage,
                         suggestion: $suggestion, website: $website) {
        ok
        errors { field message code }
      }
    }
    """
    REQUEST = """
    mutation Ask($locale: String!, $translationKey: String!) {
      requestTranslation(locale: $locale, translationKey: $translationKey) {
        ok
        alreadyAsked
        errors { field message code }
      }
    }
    """

    def __init__(self, client):
        self.client = client

    def post(self, document, variables, **extra):
        body = json.dumps({"query": document, "variables": variables})
        return self.client.post("/graphql/", body, content_type="application/json", **extra)

    def suggest(self, **variables):
        variables = {"passage": "Los espacios", "suggestion": "Nuestros espacios", **variables}
        response = self.post(self.SUGGEST, variables)
        assert response.status_code == 200, response.content
        return response.json()["data"]["suggestTranslation"]

    def ask(self, **variables):
        response = self.post(self.REQUEST, variables)
        assert response.status_code == 200, response.content
        return response.json()["data"]["requestTranslation"]


@pytest.fixture
def feedback(client):
    return FeedbackApi(client)


class SmallHandbook:
    """An English handbook of three pages: "Spaces" also in Spanish, "Commoning" only in English, and a
    members-only "Register"."""

    def __init__(self):
        self.locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in configured_codes()}
        self.index = HandbookIndexPage(title="Handbook", slug="handbook", locale=self.locales["en"])
        Page.get_first_root_node().add_child(instance=self.index)
        self.index.save_revision().publish()
        self.spaces = add_page(self.index, "Spaces")
        self.commoning = add_page(self.index, "Commoning")
        self.register = add_page(self.index, "Register")
        PageViewRestriction.objects.create(page=self.register, restriction_type=PageViewRestriction.LOGIN)
        self.translate(self.index, "es", "Manual")
        self.spaces_es = self.translate(self.spaces, "es", "Espacios")

    def translate(self, page, code: str, title: str):
        translation = page.copy_for_translation(self.locales[code])
        translation.title = title
        translation.save_revision().publish()
        return translation

    def key(self, page) -> str:
        return str(page.translation_key)


@pytest.fixture
def handbook(db) -> SmallHandbook:
    return SmallHandbook()
