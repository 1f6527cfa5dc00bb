"""Compile the gettext catalogs in locale/ without needing GNU gettext on the machine."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile every .po catalog under LOCALE_PATHS into .mo files (pure Python; msgfmt not required)."

    def handle(self, *args, **options):
        compiled = 0
        for folder in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(folder.glob("*/LC_MESSAGES/*.po")):
                try:
                    catalog = polib.pofile(str(po_path))
                except OSError as error:
                    raise CommandError(f"{po_path}: {error}") from error
                catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} message catalog(s).")
