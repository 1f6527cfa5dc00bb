from django.core.management.base import BaseCommand

from cms.cache import bump_content_version


class Command(BaseCommand):
    help = "Retire every cached API answer (run on deploy: new code may answer differently)."

    def handle(self, *args, **options):
        bump_content_version()
        self.stdout.write("Cached API answers retired.")
