"""``make setup``: the demo catalogue (``ocop.catalogue.demo``) and its index."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from ocop.catalogue import demo


class Command(BaseCommand):
    help = (
        "The demo catalogue: 45 certified products of 15 producers in five provinces and the "
        "six sectors, with stories, shop links and coordinates. Run after "
        "seed_demo_certificates. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to create demo data with DEBUG=false.")
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            listed = demo.seed()
        self.stdout.write(f"Demo catalogue: {listed} products listed (/san-pham-ocop/).")
