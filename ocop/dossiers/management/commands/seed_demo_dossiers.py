from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from ocop.accounts.models import User
from ocop.dossiers.demo import seed


class Command(BaseCommand):
    help = "Create demo producers, products, evidence and dossiers in every state. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to create demo data with DEBUG=false.")
        if not User.objects.filter(username="xa.battrang").exists():
            raise CommandError("Run 'python manage.py seed_demo' first (demo officers).")
        # The demo's notifications stay in-app: nobody should get e-mail from a seed.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            created = seed(settings.DEMO_PASSWORD)
        for name in created:
            self.stdout.write(f"  producer: {name}")
        self.stdout.write(
            f"Demo producers ready ({len(created)} new). Accounts chuthe.battrang and "
            f"chuthe.donduong use the demo password."
        )
