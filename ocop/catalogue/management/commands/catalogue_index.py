"""Build the public catalogue's index again from products and certificates (after a bulk
import, or to be sure): ``python manage.py catalogue_index``."""

import time

from django.core.management.base import BaseCommand

from ocop.catalogue import index


class Command(BaseCommand):
    help = "Build the public catalogue's search index again from products and certificates."

    def handle(self, *args, **options):
        started = time.perf_counter()
        made = index.rebuild()
        self.stdout.write(
            f"catalogue: {made} products indexed in {time.perf_counter() - started:.1f} s"
        )
