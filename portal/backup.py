"""Backups of the database and the media files, and restoring one (`manage.py backup`, `manage.py restore`).

A backup is a folder:

- `database.json.gz`: every row (`dumpdata`) with its own primary key; only foreign keys to content types and
  permissions are written as natural keys (app and model names, codenames), so a restore maps them onto the target's
  own ids. (Natural keys for everything would fail on the references Wagtail keeps to deleted rows, such as a log
  entry's page.) Content types and permissions themselves are left out (every
  migrated database has them), as are sessions (a restore signs everyone out) and the search index (rebuilt).
- `media/`: every file of the default storage (images, documents), byte for byte.
- `manifest.json`: when, from which migrations, how many rows of each model, and each media file's size and SHA-256.

A restore checks the backup first (the manifest's checksums, the migrations), then, in one transaction, empties
every table but content types and permissions and loads the rows with model signals muted: a loaded row is the row
as it was, not an edit for handlers to act on (publishing hooks, NextCloud provisioning, change records). It then
checks the row counts, puts the media files back (removing the ones the backup does not have), rebuilds the search
index and retires cached answers.

On PostgreSQL the dump is read in one REPEATABLE READ transaction, so it is one consistent snapshot while the portal
keeps running.
"""

import datetime
import gzip
import hashlib
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers import json as django_json
from django.core.serializers import register_serializer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import signals
from django.utils import timezone

FORMAT = 1
DATABASE_FILE = "database.json.gz"
MEDIA_FOLDER = "media"
MANIFEST_FILE = "manifest.json"
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "wagtailsearch"]
KEPT_TABLES = {ContentType._meta.db_table, Permission._meta.db_table, MigrationRecorder.Migration._meta.db_table}
MODEL_SIGNALS = (signals.pre_save, signals.post_save, signals.pre_delete, signals.post_delete, signals.m2m_changed)
NAMED_MODELS = (ContentType, Permission)
SERIALIZATION_FORMAT = "portal-backup-json"


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps them to the microsecond, as stored."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    """Django's JSON, with times to the microsecond and natural keys for references to content types and permissions
    only. Django's own JSON deserializer reads it (it takes a natural key or a primary key for each reference)."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder

    def handle_fk_field(self, obj, field):
        with self.natural_keys_for(field):
            super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        with self.natural_keys_for(field):
            super().handle_m2m_field(obj, field)

    @contextmanager
    def natural_keys_for(self, field):
        natural = self.use_natural_foreign_keys
        self.use_natural_foreign_keys = natural and field.remote_field.model in NAMED_MODELS
        try:
            yield
        finally:
            self.use_natural_foreign_keys = natural


Deserializer = django_json.Deserializer


def applied_migrations(using: str) -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


def backed_up_models():
    """The models whose rows a backup holds, as dumpdata picks them."""
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in excluded_apps or label in excluded_models:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        yield model


def row_counts(using: str) -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.using(using).count() for model in backed_up_models()}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def storage_files(folder: str = "") -> Iterator[str]:
    """Every file name in the default storage, below `folder`."""
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield str(PurePosixPath(folder, name)) if folder else name
    for directory in directories:
        yield from storage_files(str(PurePosixPath(folder, directory)) if folder else directory)


def write_backup(folder: Path, using: str = "default") -> dict:
    if folder.exists() and any(folder.iterdir()):
        raise CommandError(f"{folder} is not empty: a backup goes into a new or empty folder.")
    (folder / MEDIA_FOLDER).mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    outermost = not connection.in_atomic_block  # a transaction's isolation can be set only by its first statement
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        register_serializer(SERIALIZATION_FORMAT, __name__)
        call_command(
            "dumpdata",
            format=SERIALIZATION_FORMAT,
            exclude=EXCLUDED,
            natural_foreign=True,
            database=using,
            output=str(folder / DATABASE_FILE),
            verbosity=0,
        )
        counts = row_counts(using)
        migrations = applied_migrations(using)
    media = {}
    for name in sorted(storage_files()):
        with default_storage.open(name, "rb") as source:
            data = source.read()
        target = folder / MEDIA_FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        media[name] = {"bytes": len(data), "sha256": sha256(data)}
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "migrations": migrations,
        "rows": counts,
        "media": media,
    }
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text())
    except FileNotFoundError:
        raise CommandError(
            f"{folder} holds no {MANIFEST_FILE}: it is not a backup made by `manage.py backup`."
        ) from None
    if manifest.get("format") != FORMAT:
        raise CommandError(f"{folder} is a backup of format {manifest.get('format')!r}; this release reads {FORMAT}.")
    if not (folder / DATABASE_FILE).is_file():
        raise CommandError(f"{folder} has no {DATABASE_FILE}.")
    with gzip.open(folder / DATABASE_FILE) as dump:  # a truncated or damaged file fails here, before any change
        json.load(dump)
    for name, expected in manifest["media"].items():
        path = folder / MEDIA_FOLDER / name
        if not path.is_file() or sha256(path.read_bytes()) != expected["sha256"]:
            raise CommandError(f"The backup's media file {name} is missing or damaged.")
    return manifest


@contextmanager
def model_signals_muted():
    saved = []
    for signal in MODEL_SIGNALS:
        with signal.lock:
            saved.append((signal, signal.receivers))
            signal.receivers = []
            signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in saved:
            with signal.lock:
                signal.receivers = receivers
                signal.sender_receivers_cache.clear()


def empty_tables(using: str) -> None:
    connection = connections[using]
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False)
        if table not in KEPT_TABLES
    ]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # TRUNCATE refuses tables with deferred foreign key checks pending in this transaction: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, reset_sequences=True))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def restore_media(folder: Path, manifest: dict) -> None:
    wanted = manifest["media"]
    for name in list(storage_files()):
        if name not in wanted:
            default_storage.delete(name)
    for name in wanted:
        data = (folder / MEDIA_FOLDER / name).read_bytes()
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:
            raise CommandError(f"The storage kept {name} as {saved}.")


def restore_backup(folder: Path, using: str = "default") -> dict:
    manifest = read_manifest(folder)
    call_command("migrate", database=using, interactive=False, verbosity=0)
    migrations = applied_migrations(using)
    if migrations != manifest["migrations"]:
        missing = sorted(set(manifest["migrations"]) - set(migrations))
        extra = sorted(set(migrations) - set(manifest["migrations"]))
        raise CommandError(
            "The backup was made with other migrations than this release's: restore it with the release that made "
            f"it, then upgrade. Only in the backup: {missing or 'none'}; only here: {extra or 'none'}."
        )
    ContentType.objects.clear_cache()
    with transaction.atomic(using=using), model_signals_muted():
        empty_tables(using)
        call_command("loaddata", str(folder / DATABASE_FILE), database=using, verbosity=0)
        counts = row_counts(using)
        if counts != manifest["rows"]:
            differing = {label: (manifest["rows"].get(label), count) for label, count in counts.items()}
            differing = {label: pair for label, pair in differing.items() if pair[0] != pair[1]}
            raise CommandError(f"The restored rows differ from the backup's (backup, restored): {differing}")
    restore_media(folder, manifest)
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    call_command("clear_api_cache", stdout=io.StringIO())
    return manifest
