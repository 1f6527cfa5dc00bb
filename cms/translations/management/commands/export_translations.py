"""Write one language's PO file: every translatable string of the handbook, glossary and governance documents."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from cms.translations.permissions import target_codes
from cms.translations.po import export_language


class Command(BaseCommand):
    help = "Export every translatable string of one language as a PO file (see the README: PO round trip)."

    def add_arguments(self, parser):
        parser.add_argument("--locale", required=True, help="The language to export, e.g. es.")
        parser.add_argument("--output", default="-", help="The file to write (default: the standard output).")

    def handle(self, *args, locale, output, **options):
        if locale not in target_codes():
            raise CommandError(f"{locale} is not a language the portal translates into ({', '.join(target_codes())}).")
        target = Locale.objects.filter(language_code=locale).first()
        if target is None:
            raise CommandError(f"The portal has no {locale} locale yet.")
        po = export_language(target)
        if output == "-":
            self.stdout.write(str(po), ending="")
            return
        with open(output, "w", encoding="utf-8") as file:
            file.write(str(po))
        translated = len(po.translated_entries())
        self.stderr.write(f"Wrote {output}: {len(po)} strings, {translated} translated.")
