from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from portal.backup import read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database's content and the media files with a backup made by `manage.py backup` (migrating an "
        "empty database first). Everything not in the backup is removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The backup's folder.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Which database to restore into.")
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, folder, database, interactive, **options):
        manifest = read_manifest(folder)
        if interactive:
            answer = input(
                f"This replaces every row of the '{database}' database and every media file with the backup made "
                f"{manifest['created']}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        restore_backup(folder, database)
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows} rows and {len(manifest['media'])} media files from {folder}.")
