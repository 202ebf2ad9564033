from django.core.management.base import BaseCommand, CommandError

from ocop.criteria.loading import PublishedSetChanged, load_all


class Command(BaseCommand):
    help = "Load legal instruments, classifications and criteria sets from data files."

    def handle(self, *args, **options):
        try:
            report = load_all()
        except PublishedSetChanged as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Criteria ({', '.join(report.instruments)}): {report.created} sets created, "
            f"{report.unchanged} unchanged."
        )
