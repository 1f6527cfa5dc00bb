from django.core.management.base import BaseCommand, CommandError

from portal.federation.mirror.client import PullError
from portal.federation.mirror.pull import pull
from portal.federation.mirror.tasks import mirrored_partners, pull_all_partners


class Command(BaseCommand):
    help = (
        "Mirror a partner's handbook (its slug or id), or every partner with --all; --schedule queues the regular pull."
    )

    def add_arguments(self, parser):
        parser.add_argument("partner", nargs="?", help="The partner's slug or id.")
        parser.add_argument(
            "--section", help="Path of the section of their handbook to mirror (stored), e.g. /1-principles/."
        )
        parser.add_argument("--full", action="store_true", help="Read the whole section again, not only the changes.")
        parser.add_argument("--all", action="store_true", help="Every active partner with a stored token.")
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the pull of every partner that requeues itself."
        )

    def handle(self, *args, partner=None, section=None, full=False, all=False, schedule=False, **options):
        if schedule:
            pull_all_partners.enqueue()
            self.stdout.write("The regular pull of every partner is queued.")
            return
        if all:
            partners = list(mirrored_partners())
        elif partner:
            lookup = {"pk": int(partner)} if partner.isdigit() else {"slug": partner}
            partners = list(mirrored_partners().filter(**lookup))
            if not partners:
                raise CommandError(f"No active partner {partner!r} with a stored API token.")
        else:
            raise CommandError("Name a partner, or use --all.")
        failed = False
        for record in partners:
            try:
                counts = pull(record, section=section, full=full)
            except PullError as error:
                failed = True
                self.stderr.write(f"{record.slug}: {error}")
            else:
                self.stdout.write(f"{record.slug}: {counts}")
        if failed:
            raise CommandError("Some pulls failed; the mirrors stay as they were.")
