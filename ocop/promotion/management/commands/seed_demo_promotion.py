from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from ocop.promotion import demo


class Command(BaseCommand):
    help = (
        "Demo trade-promotion events (fair, festival, point of sale, showroom, a past fair, a "
        "draft) with accepted producers whose products hold certificates in force. Run after "
        "seed_demo_certificates. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to create demo data with DEBUG=false.")
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            events = demo.seed()
        self.stdout.write(f"Demo events: {len(events)} (public calendar: /su-kien/).")
