"""Read one language's PO file back: validated, all or nothing, through wagtail-localize."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.translations.po import import_language


class Command(BaseCommand):
    help = (
        "Import a PO file made by export_translations. Every problem is listed by page and string; if there is one, "
        "nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The PO file.")
        parser.add_argument("--locale", help="Refuse the file unless its Language header names this language.")
        parser.add_argument("--user", help="The username the translations are recorded as made by.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and list what would change.")

    def handle(self, *args, file, locale=None, user=None, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} is not a file.")
        translator = None
        if user:
            translator = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: user}).first()
            if translator is None:
                raise CommandError(f"There is no user {user}.")
        report = import_language(path.read_bytes(), language=locale, user=translator, dry_run=dry_run)
        for line in report.lines()[1:]:
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
