"""First-run setup for `make run`: demo content when the database is empty, and a demo admin account."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms.handbook.models import HandbookIndexPage

DEMO_ADMIN = "admin"


class Command(BaseCommand):
    help = "Load the demo content if the database has none, and create the demo admin account if missing."

    def add_arguments(self, parser):
        parser.add_argument("--address", default="http://127.0.0.1:8000", help="Where the portal will listen.")

    def handle(self, *args, address, **options):
        if HandbookIndexPage.objects.exists():
            self.stdout.write("The database already has content: the demo was not loaded again.")
        else:
            self.stdout.write("Loading the demo content (a minute at most)...")
            call_command("load_demo", stdout=self.stdout)
        self.ensure_admin()
        self.stdout.write(
            f"\nThe portal:\n  Wagtail admin:  {address}/admin/\n"
            f"  GraphQL API:    {address}/graphql/  (GraphiQL in the browser while DEBUG is on)\n"
            + "".join(f"  Readers' site:  {address}/{code}/  ({name})\n" for code, name in settings.LANGUAGES)
        )

    def ensure_admin(self):
        users = get_user_model().objects
        if users.filter(username=DEMO_ADMIN).exists():
            self.stdout.write(f"Demo admin account: {DEMO_ADMIN!r} (password printed when it was created).")
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(DEMO_ADMIN, email="admin@example.coop", password=password)
        self.stdout.write(self.style.SUCCESS(f"Demo admin account created: user {DEMO_ADMIN!r}, password {password!r}"))
        self.stdout.write("This password is shown only once: note it now.")
