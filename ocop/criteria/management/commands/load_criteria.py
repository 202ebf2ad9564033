from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop.criteria.loading import DATA_DIR, PublishedSetChanged, load_all


class Command(BaseCommand):
    help = "Load legal instruments, classifications and criteria sets from data files."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    def handle(self, *args, data_dir, **options):
        try:
            report = load_all(data_dir)
        except PublishedSetChanged as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Criteria ({', '.join(report.instruments)}): {report.created} sets created, "
            f"{report.unchanged} unchanged."
        )
