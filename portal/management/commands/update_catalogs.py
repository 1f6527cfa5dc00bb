"""Extract the UI strings of portal/, frontends/ and cms/ into the catalogs in locale/, or check they are complete.

cms/ is scanned for the admin screens of our own (translators' dashboard, PO files, glossary report, feedback,
governance, mirrors): translators use the Wagtail admin in their own language, so these strings need catalogs too.

Django's makemessages walks the current directory, so it runs in a scratch directory holding links to the three
source trees and a copy of locale/: the scratch copy is written back with --write, and only read with --check.
That way checking never touches the committed catalogs, and tests/, the virtualenv and the demo content in
cms/demo/content/ (handbook text, not UI) are never scanned.
"""

import shutil
import subprocess
import tempfile
from contextlib import chdir
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

SOURCE_TREES = ("portal", "frontends", "cms")
# Content, not UI strings: its translations live in the CMS, not in locale/.
IGNORED = ["cms/demo/content"]


class Command(BaseCommand):
    help = (
        "Update locale/ from the UI strings of portal/, frontends/ and cms/ (--write) "
        "or fail when one is missing (--check)."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--write", action="store_true", help="Write the updated catalogs to locale/.")
        mode.add_argument("--check", action="store_true", help="Fail when a catalog is stale, untranslated or invalid.")

    def handle(self, *args, write=False, check=False, **options):
        if shutil.which("xgettext") is None or shutil.which("msgfmt") is None:
            raise CommandError("GNU gettext (xgettext, msgfmt) is needed: apt-get install gettext")
        locale_dir = Path(settings.LOCALE_PATHS[0])
        languages = [code for code in settings.PORTAL_LANGUAGES if code != settings.LANGUAGE_CODE]
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            for tree in SOURCE_TREES:
                (scratch / tree).symlink_to(settings.BASE_DIR / tree, target_is_directory=True)
            shutil.copytree(locale_dir, scratch / "locale", ignore=shutil.ignore_patterns("*.mo"))
            with chdir(scratch):
                call_command(
                    "makemessages",
                    locale=languages,
                    symlinks=True,
                    ignore_patterns=IGNORED,
                    no_obsolete=True,
                    add_location="file",
                    verbosity=0,
                )
            if write:
                for code in languages:
                    target = locale_dir / code / "LC_MESSAGES"
                    target.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(scratch / "locale" / code / "LC_MESSAGES" / "django.po", target / "django.po")
                self.stdout.write(f"Updated the catalogs of {', '.join(languages)}; translate the new entries.")
                return
            problems = [
                problem
                for code in languages
                for problem in catalog_problems(code, locale_dir, scratch / "locale" / code / "LC_MESSAGES")
            ]
        if problems:
            raise CommandError("The UI catalogs need work (run `make messages`):\n  " + "\n  ".join(problems))
        self.stdout.write(f"The catalogs of {', '.join(languages)} are complete and valid.")


def catalog_problems(code: str, locale_dir: Path, extracted_dir: Path) -> list[str]:
    committed_path = locale_dir / code / "LC_MESSAGES" / "django.po"
    if not committed_path.exists():
        return [f"{code}: no catalog at {committed_path}"]
    problems = []
    checked = subprocess.run(  # noqa: S603 (fixed program, our own file)
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(committed_path)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    if checked.returncode:
        problems.append(f"{code}: msgfmt rejects the catalog: {checked.stderr.strip()}")
    committed = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(committed_path)) if not entry.obsolete}
    for entry in polib.pofile(str(extracted_dir / "django.po")):
        if entry.obsolete:
            continue
        where = ", ".join(path for path, _line in entry.occurrences) or "?"
        label = f"{code}: {entry.msgid!r} ({where})"
        if (entry.msgctxt, entry.msgid) not in committed:
            problems.append(f"{label} is not in the catalog yet")
        elif "fuzzy" in entry.flags:
            problems.append(f"{label} is marked fuzzy")
        elif not entry.translated():
            problems.append(f"{label} is untranslated")
    return problems
