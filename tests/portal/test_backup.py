"""`manage.py backup` and `manage.py restore`: a round trip loses nothing, row for row and byte for byte.

Runs on whichever database the suite runs on (SQLite, or PostgreSQL when DATABASE_URL points there).
"""

import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers import register_serializer
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from portal.backup import DATABASE_FILE, EXCLUDED, MANIFEST_FILE, MEDIA_FOLDER, SERIALIZATION_FORMAT
from portal.members.models import Member
from tests.factories import paragraph


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def png(colour) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (3, 2), colour).save(buffer, "PNG")
    return buffer.getvalue()


def every_row() -> list:
    """Every row a backup should hold, as dumpdata writes it, in a fixed order."""
    out = io.StringIO()
    register_serializer(SERIALIZATION_FORMAT, "portal.backup")
    call_command("dumpdata", format=SERIALIZATION_FORMAT, exclude=EXCLUDED, natural_foreign=True, stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda row: (row["model"], str(row["pk"])))


def media_files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def portal_content(small_demo, member):
    """The small demo (pages in three languages, glossary, governance documents, translations) with a member, an
    unpublished draft, an image (and a rendition) and a document."""
    spaces = small_demo.page("spaces")
    spaces.title = "Spaces, draft"
    spaces.body = [paragraph("<p>Not published yet.</p>")]
    spaces.save_revision()
    image = get_image_model().objects.create(title="Logo", file=ImageFile(io.BytesIO(png("red")), name="logo.png"))
    image.get_rendition("fill-2x2")
    get_document_model().objects.create(title="Statutes", file=ContentFile(b"%PDF-1.4 statutes", name="statutes.pdf"))
    return small_demo


def test_a_round_trip_loses_nothing(portal_content, tmp_path, media_root):
    before_rows, before_media = every_row(), media_files(media_root)
    assert Translation.objects.exists() and Member.objects.exists()
    assert Revision.objects.filter(object_id=str(portal_content.page("spaces").pk)).count() >= 2
    assert len(before_media) >= 3  # the image, its rendition, the document
    # Times are kept to the microsecond (Django's own JSON keeps milliseconds).
    assert any("." in str(row["fields"].get("created_at") or "") for row in before_rows)

    out = io.StringIO()
    call_command("backup", output=tmp_path / "backup", stdout=out)
    assert "media files" in out.getvalue()

    # Everything changes: pages and a member gone, files gone and added.
    portal_content.page("1-principles").delete()
    Member.objects.all().delete()
    Page.objects.filter(depth__gt=1).update(title="Overwritten")
    for path in media_root.rglob("*.png"):
        path.unlink()
    (media_root / "stray.txt").write_text("not in the backup")

    call_command("restore", tmp_path / "backup", interactive=False, stdout=io.StringIO())

    assert media_files(media_root) == before_media
    after_rows = every_row()
    assert len(after_rows) == len(before_rows)
    for before, after in zip(before_rows, after_rows, strict=True):
        assert after == before


def test_the_restored_portal_works(portal_content, tmp_path, client):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    Page.objects.filter(depth__gt=2).delete()
    call_command("restore", tmp_path / "backup", interactive=False, stdout=io.StringIO())
    query = 'query($q: String!) { search(locale: "es", query: $q) { results { page { title } } } }'
    spanish = portal_content.page("spaces", "es").title
    response = client.post(
        "/graphql/", json.dumps({"query": query, "variables": {"q": spanish}}), content_type="application/json"
    )
    # The search index was rebuilt and the API's cached answers retired.
    assert spanish in [result["page"]["title"] for result in response.json()["data"]["search"]["results"]]
    assert client.get("/es/").status_code == 200


def test_the_backup_folder_is_described_by_its_manifest(portal_content, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", output=folder, stdout=io.StringIO())
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    assert manifest["rows"]["wagtailcore.page"] == Page.objects.count()
    assert manifest["rows"]["members.member"] == 1
    assert "wagtailcore.0001_initial" in manifest["migrations"]
    for name, entry in manifest["media"].items():
        assert hashlib.sha256((folder / MEDIA_FOLDER / name).read_bytes()).hexdigest() == entry["sha256"]
    with gzip.open(folder / DATABASE_FILE) as dump:
        rows = json.load(dump)
    # Content types are named, not numbered: the backup loads into a database whose ids differ.
    page_types = {tuple(row["fields"]["content_type"]) for row in rows if row["model"] == "wagtailcore.page"}
    assert {("wagtailcore", "page"), ("handbook", "handbookindexpage"), ("handbook", "handbookpage")} <= page_types
    assert not {row["model"] for row in rows} & {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def test_a_backup_goes_into_a_new_folder(db, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "file").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", output=tmp_path / "used")


def test_a_damaged_backup_is_refused_before_anything_changes(portal_content, tmp_path, media_root):
    folder = tmp_path / "backup"
    call_command("backup", output=folder, stdout=io.StringIO())
    name = next(iter(json.loads((folder / MANIFEST_FILE).read_text())["media"]))
    (folder / MEDIA_FOLDER / name).write_bytes(b"damaged")
    pages = Page.objects.count()
    with pytest.raises(CommandError, match=f"media file {name} is missing or damaged"):
        call_command("restore", folder, interactive=False)
    assert Page.objects.count() == pages


def test_a_backup_from_other_migrations_is_refused(portal_content, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", output=folder, stdout=io.StringIO())
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["migrations"].append("handbook.9999_from_the_future")
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="Only in the backup: \\['handbook.9999_from_the_future'\\]"):
        call_command("restore", folder, interactive=False)
    assert Page.objects.count() == pages


def test_restore_asks_before_replacing(portal_content, tmp_path, monkeypatch):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    monkeypatch.setattr("builtins.input", lambda _prompt: "no")
    with pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore", tmp_path / "backup")
