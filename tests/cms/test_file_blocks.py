"""The NextCloud file block of handbook pages: what editors may save and what translators are offered."""

import pytest
from django.core.exceptions import ValidationError
from wagtail_localize.segments.extract import extract_segments

from cms.blocks import HandbookBodyBlock, NextcloudFileBlock
from cms.files import FileAccess, look_up_file
from cms.handbook.models import HandbookPage
from tests.factories import add_page


@pytest.mark.parametrize("path", ["Co-op/Handbook/Statutes.pdf", "Forms/2026 budget.ods", "a/..b/c.txt"])
def test_paths_in_nextcloud_are_accepted(path):
    block = NextcloudFileBlock()
    assert block.clean(block.to_python({"title": "Statutes", "path": path}))["path"] == path


@pytest.mark.parametrize("path", ["/etc/passwd", "../Members/bob/x", "Co-op/../../x", "a\\b", "a\x00b", ""])
def test_paths_that_could_never_be_served_are_refused(path):
    block = NextcloudFileBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Statutes", "path": path}))


def test_only_the_title_is_offered_for_translation(small_demo):
    page = add_page(
        small_demo.page("welcome"),
        "Files",
        body=[{"type": "nextcloud_file", "value": {"title": "Our statutes", "path": "Co-op/Handbook/Statutes.pdf"}}],
    )

    segments = [segment for segment in extract_segments(page) if segment.path.startswith("body.")]
    texts = [segment.string.render_text() for segment in segments if hasattr(segment, "string")]

    assert texts == ["Our statutes"]
    assert not any("Statutes.pdf" in repr(vars(segment)) for segment in segments)


def test_governance_documents_do_not_take_file_blocks():
    from cms.blocks import BodyBlock

    assert "nextcloud_file" in HandbookBodyBlock.base_blocks
    assert "nextcloud_file" not in BodyBlock.base_blocks


def test_without_a_resolver_signed_in_readers_see_nothing(rf, settings, django_user_model, db):
    settings.CMS_FILE_REFERENCE_RESOLVER = ""
    request = rf.get("/")
    request.user = django_user_model.objects.create_user("reader")

    assert look_up_file(request, "Co-op/Handbook/Statutes.pdf", "en").access == FileAccess.HIDDEN


def test_a_translated_page_keeps_the_path_and_translates_the_title(small_demo):
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.ingest import ingest_segments

    page = add_page(
        small_demo.page("welcome"),
        "Files",
        body=[{"type": "nextcloud_file", "value": {"title": "Our statutes", "path": "Co-op/Handbook/Statutes.pdf"}}],
    )
    (title,) = [segment for segment in extract_segments(page) if segment.path.startswith("body.")]
    translated = HandbookPage(title="Archivos")

    ingest_segments(
        page,
        translated,
        small_demo.locale("en"),
        small_demo.locale("es"),
        [StringSegmentValue(title.path, "Nuestros estatutos")],
    )

    (block,) = translated.body
    assert (block.block_type, block.value["title"], block.value["path"]) == (
        "nextcloud_file",
        "Nuestros estatutos",
        "Co-op/Handbook/Statutes.pdf",
    )


def test_the_page_editor_offers_and_renders_the_block(small_demo, admin_client):
    page = add_page(
        small_demo.page("welcome"),
        "Files",
        body=[{"type": "nextcloud_file", "value": {"title": "Our statutes", "path": "Co-op/Handbook/Statutes.pdf"}}],
    )

    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "NextCloud file" in html and "Co-op/Handbook/Statutes.pdf" in html
