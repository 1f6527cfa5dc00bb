"""One meaning of "outdated", followed through a translation's life in wagtail-localize's own admin views.

Translate a page into Spanish, edit and publish the English source, see it outdated in the dashboard, in the API's
`translations` and `freshness` and in the readers' site notice; sync, translate the changed strings, publish, and
see it up to date everywhere again.
"""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.translation_status import Status
from cms.translations.dashboard import build_grid
from tests.factories import paragraph
from tests.translations.dashboard_support import handbook, locale, page_with_text

NOTICE = "notice-outdated"
PAGE_QUERY = """query($path: String!) { page(locale: "es", path: $path) {
  title translations { locale status } freshness { isOutdated syncedAt sourceChangedAt } } }"""


class Life:
    def __init__(self, client, superuser, on_commit):
        self.client = client
        self.superuser = superuser
        self.on_commit = on_commit
        self.es = locale("es")
        self.index, self.chapter = handbook("Principles")
        self.page = page_with_text(self.chapter, "Spaces")

    # wagtail-localize's admin, as a translator uses it

    def submit(self, page):
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        with self.on_commit(execute=True):
            response = self.client.post(url, {"locales": [self.es.pk]})
        assert response.status_code == 302, response.content.decode()[:2000]

    def translation(self, page) -> Translation:
        return Translation.objects.get(source__object_id=page.translation_key, target_locale=self.es)

    def untranslated_segments(self, page) -> list[StringSegment]:
        translation = self.translation(page)
        done = set(StringTranslation.objects.filter(locale=self.es).values_list("translation_of_id", "context_id"))
        segments = StringSegment.objects.filter(source=translation.source).select_related("string")
        return [segment for segment in segments if (segment.string_id, segment.context_id) not in done]

    def translate_missing_strings(self, page) -> int:
        translation = self.translation(page)
        segments = self.untranslated_segments(page)
        for segment in segments:
            url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
            response = self.client.put(
                url, f"value=ES {segment.string.data}", content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code in (200, 201), response.content
        return len(segments)

    def publish(self, page):
        spanish = page.get_translation(self.es)
        with self.on_commit(execute=True):
            response = self.client.post(reverse("wagtailadmin_pages:edit", args=[spanish.pk]), {"action": "publish"})
        assert response.status_code == 302, response.content.decode()[:2000]

    def sync(self, page):
        source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
        with self.on_commit(execute=True):
            response = self.client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
        assert response.status_code == 302, response.content.decode()[:2000]

    def edit_source(self):
        self.page = Page.objects.get(pk=self.page.pk).specific
        self.page.body = [*self.page.body.raw_data, paragraph("<p>A new rule about quiet hours.</p>")]
        with self.on_commit(execute=True):
            self.page.save_revision().publish()

    # What each part says

    def dashboard(self) -> str:
        row = next(row for row in build_grid(self.superuser).rows if row.key == self.page.translation_key)
        cell = row.cell("es").status
        html = self.client.get(reverse("translations_dashboard"), {"language": "es"}).content.decode()
        assert f'data-key="{self.page.translation_key}"' in html
        return cell

    def api(self) -> dict:
        cache.clear()
        spanish = self.page.get_translation(self.es)
        body = {"query": PAGE_QUERY, "variables": {"path": spanish.handbook_path()}}
        answer = self.client.post("/graphql/", json.dumps(body), content_type="application/json").json()
        assert "errors" not in answer, answer
        page = answer["data"]["page"]
        return {
            "status": next(item["status"] for item in page["translations"] if item["locale"] == "es"),
            "outdated": page["freshness"]["isOutdated"],
        }

    def reader_sees_notice(self) -> bool:
        cache.clear()
        spanish = self.page.get_translation(self.es)
        response = self.client.get(f"/es{spanish.handbook_path()}")
        assert response.status_code == 200
        assert spanish.title in response.content.decode()
        return NOTICE in response.content.decode()

    def everywhere(self) -> tuple:
        api = self.api()
        return self.dashboard(), api["status"], api["outdated"], self.reader_sees_notice()


CURRENT_EVERYWHERE = (Status.CURRENT, "CURRENT", False, False)
OUTDATED_EVERYWHERE = (Status.OUTDATED, "OUTDATED", True, True)


@pytest.fixture
def life(client, admin_user, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        made = Life(client, admin_user, django_capture_on_commit_callbacks)
    return made


def test_translate_edit_sync_translate_publish(life):
    # Translate: submitted pages are drafts until the translator publishes them.
    for page in (life.index, life.chapter, life.page):
        life.submit(page)
    assert life.dashboard() == Status.IN_PROGRESS
    for page in (life.index, life.chapter, life.page):
        assert life.translate_missing_strings(page) > 0
        life.publish(page)
    assert life.everywhere() == CURRENT_EVERYWHERE

    # The English page is edited and published: the translation is outdated everywhere.
    life.edit_source()
    assert life.everywhere() == OUTDATED_EVERYWHERE

    # Synced, the changed string is still to translate: still outdated.
    life.sync(life.page)
    assert [segment.string.data for segment in life.untranslated_segments(life.page)] == [
        "A new rule about quiet hours."
    ]
    assert life.everywhere() == OUTDATED_EVERYWHERE

    # Translated but not yet published: readers still read the old translation, so it stays outdated.
    assert life.translate_missing_strings(life.page) == 1
    assert life.everywhere() == OUTDATED_EVERYWHERE

    # Published: up to date everywhere, with the new string in the Spanish page.
    life.publish(life.page)
    assert life.everywhere() == CURRENT_EVERYWHERE
    spanish = life.page.get_translation(life.es)
    assert "ES A new rule about quiet hours." in life.client.get(f"/es{spanish.handbook_path()}").content.decode()
