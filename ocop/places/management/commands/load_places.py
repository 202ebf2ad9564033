from django.core.management.base import BaseCommand

from ocop.places.loading import load_places


class Command(BaseCommand):
    help = "Load or refresh the 34 provinces and 3,321 communes (idempotent)."

    def handle(self, *args, **options):
        result = load_places()
        self.stdout.write(
            f"Places: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
