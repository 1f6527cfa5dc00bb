"""Mirroring a partner's handbook: whole and incremental pulls, sections, idempotence, dropping what went away."""

import json

import pytest
from wagtail.models import Page

from cms.mirrors.models import MirroredPage, PartnersPage
from cms.visibility import visible_pages
from portal.federation.mirror.pull import pull
from tests.changes.conftest import committed, make_members_only  # noqa: F401  (fixture)
from tests.federation.mirror_helpers import api, source  # noqa: F401  (fixtures)

PAGE = """query Page($locale: String!, $path: String!) {
  page(locale: $locale, path: $path) {
    __typename title translationKey servedLocale isFallback
    body { ... on ParagraphBlock { html } }
    ... on MirroredPage {
      provenance { partnerName partnerUrl sourceUrl sourceTranslationKey sourceLocale licence lastSyncedAt }
    }
  }
}"""


def read(client, locale, path):
    body = json.dumps({"query": PAGE, "variables": {"locale": locale, "path": path}})
    return client.post("/graphql/", body, content_type="application/json").json()["data"]["page"]


def own_pages(code):
    """Public pages of the demo's handbook in that language (not the mirror's)."""
    return visible_pages(
        Page.objects.filter(locale__language_code=code, depth__gt=2).not_type((MirroredPage, PartnersPage))
    )


def mirrored(code):
    return MirroredPage.objects.filter(locale__language_code=code)


@pytest.mark.django_db
def test_a_whole_pull_mirrors_every_language(small_demo, source, api, client):  # noqa: F811
    counts = pull(source, api=api)
    assert counts.languages == ["ar", "en", "es"]
    for code in ("en", "es", "ar"):
        # The handbook's index becomes the partner's root page; every page of the language's own is below it.
        assert mirrored(code).count() == own_pages(code).count() + 1
        assert PartnersPage.objects.get(locale__language_code=code).get_children().get().slug == "rivers"
    source.refresh_from_db()
    assert source.mirror_cursor and source.last_pulled_at and source.last_pull_error == ""
    spaces = small_demo.page("spaces", "es")
    path = "/partners/rivers" + spaces.handbook_path()
    page = read(client, "es", path)
    assert (page["__typename"], page["title"], page["servedLocale"], page["isFallback"]) == (
        "MirroredPage",
        spaces.title,
        "es",
        False,
    )
    assert page["provenance"] == {
        "partnerName": "Rivers Co-op",
        "partnerUrl": "http://testserver",
        "sourceUrl": f"http://testserver/es{spaces.handbook_path()}",
        "sourceTranslationKey": str(spaces.translation_key),
        "sourceLocale": "es",
        "licence": "CC BY-SA 4.0",
        "lastSyncedAt": page["provenance"]["lastSyncedAt"],
    }
    assert page["body"] and "<script" not in page["body"][0]["html"]
    # Language versions of one page of the partner are translations of one another here too.
    english = read(client, "en", "/partners/rivers" + small_demo.page("spaces").handbook_path())
    assert english["translationKey"] == page["translationKey"]


@pytest.mark.django_db
def test_pulling_again_changes_nothing(small_demo, source, api):  # noqa: F811
    pull(source, api=api)
    before = dict(MirroredPage.objects.values_list("pk", "latest_revision_id"))
    counts = pull(source, api=api, full=True)
    assert (counts.created, counts.updated, counts.removed) == (0, 0, 0)
    assert dict(MirroredPage.objects.values_list("pk", "latest_revision_id")) == before
    counts = pull(source, api=api)  # incremental: the feed has nothing new of the partner's own
    assert (counts.created, counts.updated, counts.removed) == (0, 0, 0)


@pytest.mark.django_db
def test_incremental_pulls_follow_edits_unpublishing_and_restrictions(small_demo, source, api, committed):  # noqa: F811
    pull(source, api=api)
    spaces = small_demo.page("spaces")
    spaces.title = "Spaces, edited"
    with committed():
        spaces.save_revision().publish()
    counts = pull(source, api=api)
    assert (counts.created, counts.updated, counts.removed) == (0, 1, 0)
    copy = mirrored("en").get(source_translation_key=spaces.translation_key)
    assert copy.title == "Spaces, edited" and copy.live
    with committed():
        spaces.unpublish()
    assert pull(source, api=api).removed == 1
    assert not mirrored("en").filter(source_translation_key=spaces.translation_key).exists()
    # Made members-only: the public token no longer sees the chapter, in any language; its mirror goes.
    chapter = small_demo.page("1-principles")
    with committed():
        make_members_only(chapter)
    pull(source, api=api)
    assert not MirroredPage.objects.filter(source_translation_key=chapter.translation_key).exists()
    assert not MirroredPage.objects.filter(
        source_translation_key=small_demo.page("principles").translation_key
    ).exists()
    assert mirrored("en").filter(source_translation_key=small_demo.page("welcome").translation_key).exists()


@pytest.mark.django_db
def test_a_section_alone(small_demo, source, api):  # noqa: F811
    chapter = small_demo.page("1-principles")
    pull(source, api=api, section=chapter.handbook_path())
    root = mirrored("en").get(slug="rivers")
    assert root.source_translation_key == chapter.translation_key
    below = {page.source_translation_key for page in mirrored("en")}
    assert below == {page.translation_key for page in own_pages("en").filter(path__startswith=chapter.path)}
    source.refresh_from_db()
    assert source.mirror_section == chapter.handbook_path()
    # Back to the whole handbook: a whole pull again, the section's pages kept.
    pull(source, api=api, section="/")
    assert mirrored("en").get(slug="rivers").source_path == "/"
    assert mirrored("en").count() == own_pages("en").count() + 1


@pytest.mark.django_db
def test_the_readers_site_shows_where_a_mirrored_page_comes_from(small_demo, source, api, client):  # noqa: F811
    pull(source, api=api)
    spaces = small_demo.page("spaces", "es")
    response = client.get(f"/es/partners/rivers{spaces.handbook_path()}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="http://testserver/es{spaces.handbook_path()}"' in html
    assert 'class="provenance"' in html and "CC BY-SA 4.0" in html and spaces.title in html
    # Our own pages say nothing of the kind.
    assert 'class="provenance"' not in client.get(f"/es{spaces.handbook_path()}").content.decode()


@pytest.mark.django_db
def test_mirrored_pages_are_not_ours_to_translate(small_demo, source, api, client, django_user_model):  # noqa: F811
    from cms.translations.dashboard import build_grid

    pull(source, api=api)
    assert read(client, "es", "/partners/")["__typename"] == "PartnersPage"
    keys = {row.key for row in build_grid(django_user_model.objects.create_superuser("root")).rows}
    assert small_demo.page("spaces").translation_key in keys
    assert not keys & set(MirroredPage.objects.values_list("translation_key", flat=True))
    assert not keys & set(PartnersPage.objects.values_list("translation_key", flat=True))


@pytest.mark.django_db
def test_deleting_the_partner_deletes_its_mirror(small_demo, source, api):  # noqa: F811
    pull(source, api=api)
    assert MirroredPage.objects.exists()
    source.delete()
    assert not MirroredPage.objects.exists()
    assert PartnersPage.objects.count() == 3  # the sections stay, for other partners


@pytest.mark.django_db
def test_a_page_the_partner_moved_moves_here(small_demo, source, api, committed):  # noqa: F811
    pull(source, api=api)
    spaces, commoning = small_demo.page("spaces"), small_demo.page("commoning")
    with committed():
        spaces.move(commoning, pos="last-child")
    counts = pull(source, api=api)
    assert (counts.created, counts.removed) == (0, 0)
    copy = mirrored("en").get(source_translation_key=spaces.translation_key)
    parent = copy.get_parent().specific
    assert parent.source_translation_key == commoning.translation_key
    assert copy.source_path == Page.objects.get(pk=spaces.pk).specific.handbook_path()
    assert copy.url_path.endswith("/partners/rivers" + copy.source_path)
