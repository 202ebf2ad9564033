import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop.audit.log import record
from ocop.lib import daily


class Command(BaseCommand):
    help = (
        "The daily job: marks expired certificates, sends renewal reminders, audits what it "
        "did. Safe to run twice, and on two machines at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="run as on this day (YYYY-MM-DD), to catch up")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date: not a date (YYYY-MM-DD): {date}") from None
        report = daily.run_all(today)
        record("daily.ran", changes={"date": today, **_flat(report)})
        for name, counts in report.items():
            shown = ", ".join(f"{k} {v}" for k, v in counts.items()) or "nothing to do"
            self.stdout.write(f"{today.isoformat()} {name}: {shown}")


def _flat(report: dict[str, dict[str, int]]) -> dict[str, int]:
    return {
        f"{name}.{key}": value for name, counts in report.items() for key, value in counts.items()
    }
