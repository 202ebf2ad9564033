from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from ocop.recognition import demo_central
from ocop.recognition.demo import seed


class Command(BaseCommand):
    help = "Record Hà Nội's demo recognition decision for the finished round. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to create demo data with DEBUG=false.")
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            decision = seed()
            minister = demo_central.seed()
        if decision is None:
            self.stdout.write("Demo recognition already there (or no finished demo round).")
        else:
            self.stdout.write(f"Demo decision recorded: {decision.number}.")
        if minister is not None:
            self.stdout.write(f"Demo 5★ path: the Minister's decision {minister.number}.")
