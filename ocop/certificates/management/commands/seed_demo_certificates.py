from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils import timezone

from ocop.certificates import demo
from ocop.certificates.enums import Status
from ocop.lib import daily


class Command(BaseCommand):
    help = (
        "Demo certificates in every status, after the daily job has caught up; prints one "
        "verification URL per status. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")
        parser.add_argument("--base-url", default="", help="e.g. http://127.0.0.1:8000")

    def handle(self, *args, allow_production=False, base_url="", **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to create demo data with DEBUG=false.")
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            daily.run_all(timezone.localdate())  # issue what the recordings gave, expire
            certificates = demo.seed()
            daily.run_all(timezone.localdate())  # the demo's reminders and expiries
        base = (base_url or settings.SITE_URL).rstrip("/")
        self.stdout.write("Demo certificates: open one verification page per status:")
        for status, cert in certificates.items():
            label = str(Status(status).label)
            self.stdout.write(f"  {label:<28} {base}{cert.verify_url()}  ({cert.product_name})")
