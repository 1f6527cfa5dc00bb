from django.core.management.base import BaseCommand, CommandError

from cms.demo.loader import DemoContentError, DemoLoader


class Command(BaseCommand):
    help = "Build the demo handbook, glossary and governance documents in every language. Safe to run again."

    def handle(self, *args, **options):
        try:
            report = DemoLoader().run()
        except DemoContentError as error:
            raise CommandError(f"Demo content is invalid; nothing was changed: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
