from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from portal.backup import write_backup


class Command(BaseCommand):
    help = "Write the database and the media files into a new folder, for `manage.py restore` (see portal/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="A new or empty folder.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Which database to back up.")

    def handle(self, *args, output, database, **options):
        manifest = write_backup(output, database)
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Backed up {rows} rows and {len(manifest['media'])} media files to {output}.")
