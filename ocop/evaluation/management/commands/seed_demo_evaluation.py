from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from ocop.accounts.models import User
from ocop.evaluation.demo import seed


class Command(BaseCommand):
    help = "Create Hà Nội's demo council, a finished round and one being scored. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to create demo data with DEBUG=false.")
        if not User.objects.filter(username="chuthe.battrang").exists():
            raise CommandError("Run 'python manage.py seed_demo_dossiers' first.")
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            council = seed()
        if council is None:
            self.stdout.write("Demo council already there.")
        else:
            self.stdout.write(
                f"Demo council ready: {council.name}. Members hoidong.hanoi (chair), "
                "hoidong.nnmt, hoidong.congthuong, hoidong.yte, hoidong.khcn."
            )
