from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ocop.accounts.demo import seed_demo
from ocop.places.models import Province


class Command(BaseCommand):
    help = "Create demo accounts (one per role in Hà Nội and Lâm Đồng). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG=false (demo accounts would reach a real server).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to create demo accounts with DEBUG=false. "
                "Pass --allow-production if this really is a demo server."
            )
        if not Province.objects.exists():
            raise CommandError("No places loaded: run 'python manage.py load_places' first.")
        rows = seed_demo(settings.DEMO_PASSWORD)
        self.stdout.write(f"Demo accounts (password: {settings.DEMO_PASSWORD}):")
        for username, role, place in rows:
            self.stdout.write(f"  {username:<18} {role} – {place}")
