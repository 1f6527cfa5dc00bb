from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontends.export import ExportError, export_site


class Command(BaseCommand):
    help = (
        "Write the readers' sites as static files that work from any web server path or straight from disk: every "
        "public page of the handbook, the glossary, the governance documents with their earlier versions and "
        "comparisons, an offline search, and an index.html that links to each language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="Folder to write (new, empty or an export).")
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="A language to export (repeat, or separate with commas); default: every language of the sites.",
        )

    def handle(self, *args, output: Path, languages=None, **options):
        try:
            export = export_site(output, languages)
        except ExportError as error:
            raise CommandError(str(error)) from error
        languages = ", ".join(f"{language.code} ({language.pages} pages)" for language in export.languages)
        self.stdout.write(
            f"Exported {languages} to {export.output}: {export.files} files, {export.bytes / 1e6:.1f} MB "
            f"in {export.seconds:.1f} s."
        )
        installed = export.installed
        if installed.replaced or installed.removed:
            self.stdout.write(
                f"Overwrote {installed.replaced} files of the previous export and removed {len(installed.removed)} "
                "that this export no longer has."
            )
            for name in installed.removed[:20]:
                self.stdout.write(f"  removed {name}")
        if export.dropped:
            total = sum(export.dropped.values())
            self.stdout.write(
                f"Left out {total} links to {len(export.dropped)} addresses that are not public or not exported, "
                "e.g. " + ", ".join(list(export.dropped)[:5]) + "."
            )
