"""A translator in wagtail-localize's editor sees the approved glossary term beside the segment that uses it.

The editor is a React component: only a real browser shows that the hints land beside the right segments, and
stay there when the translator edits one.
"""

import os
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Locale, Page

from cms.demo.loader import translation_key
from cms.glossary.models import GlossaryTerm

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests, or fails them when REQUIRE_BROWSER=1
    expect = None

pytestmark = pytest.mark.browser


@pytest.fixture
def spanish_translator_tab(page, site, django_user_model):
    user = django_user_model.objects.create_user("traductora", password="x")
    user.groups.add(Group.objects.get(name="Translators: Español"))
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )
    return page


def segment(page, source: str):
    """The editor's list item of the string segment whose source text is exactly `source`."""
    return page.locator("li", has=page.locator(":scope > p", has_text=re.compile(f"^{re.escape(source)}$")))


def test_approved_terms_beside_segments_in_the_translation_editor(spanish_translator_tab):
    page = spanish_translator_tab
    principles = Page.objects.get(translation_key=translation_key("page", "principles"), locale__language_code="es")
    # A term with no Spanish translation yet, used in plain words by the segment "Steward" (a table cell).
    GlossaryTerm.objects.create(
        term="steward", slug="steward", definition="Looks after a space.", locale=Locale.objects.get(language_code="en")
    )

    page.goto(f"/admin/pages/{principles.pk}/edit/")
    linked = segment(page, 'We meet in <a id="a1">BBB</a> rooms that members steward together.')
    hint = linked.locator(".glossary-hint")
    expect(hint).to_have_count(1)
    expect(hint).to_contain_text("BBB - Big Blue Button")
    expect(hint.locator(".glossary-hint__approved")).to_have_text("BBB - Big Blue Button")
    expect(hint.locator(".glossary-hint__approved")).to_have_attribute("lang", "es")
    expect(hint.locator(".glossary-hint__missing")).to_have_text("no approved translation in Español yet")
    # Right after the source text, before the translation.
    expect(linked.locator(":scope > p + .glossary-hint")).to_have_count(1)

    cell = segment(page, "Steward")
    expect(cell.locator(".glossary-hint__source")).to_have_text("steward")
    expect(cell.locator(".glossary-hint__missing")).to_be_visible()
    # Segments without glossary terms have no hint.
    expect(segment(page, "members own the spaces").locator(".glossary-hint")).to_have_count(0)
    expect(page.locator(".glossary-hint")).to_have_count(2)

    # Editing the segment re-renders it in React: the hint stays, once.
    linked.get_by_role("button", name="Edit").click()
    expect(linked.locator("textarea")).to_be_visible()
    expect(linked.locator(".glossary-hint")).to_have_count(1)
    linked.get_by_role("button", name="Cancel").click()
    expect(linked.locator(".glossary-hint")).to_have_count(1)
    if path := os.environ.get("GLOSSARY_HINTS_SCREENSHOT"):
        page.screenshot(path=path, full_page=True)
