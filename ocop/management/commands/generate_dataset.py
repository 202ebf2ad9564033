"""``python manage.py generate_dataset --products N --seed S``: a realistic national-scale
dataset for benchmarks, built deterministically (same seed, same day → same data).

What it contains, what it leaves out and how it writes are in ``ocop.dataset`` (its module
docstring). In short: producers in every commune with the real shares of producer types,
products over the 6 sectors and 26 product sets, dossiers in every state, the last two
provincial rounds with councils, score sheets, decisions and notices, and certificates in
every status (paper ones from before the system and the system's own). Rows are written
in batches in one transaction (``COPY`` on PostgreSQL, ``executemany`` on SQLite): no
``save()``, no signals, no audit entries and no notifications. Generated data bypasses the
audit trail on purpose.

It refuses to run on a database that has generated data already; ``--replace`` deletes
that data first (only that: the demo data of ``make setup`` stays) and builds it again.
``--remove`` only deletes it. The accounts to sign in with are printed at the end; their
password is ``settings.DEMO_PASSWORD``.
"""

import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from ocop import dataset


class Command(BaseCommand):
    help = (
        "Generate a realistic national-scale dataset (producers, products, dossiers, rounds, "
        "decisions, certificates) for benchmarks. Deterministic for a seed and a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, help="how many products (e.g. 20000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="the day the data is built for, YYYY-MM-DD (default: today)",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the data generated before (only that) and generate again",
        )
        parser.add_argument(
            "--remove", action="store_true", help="only delete the data generated before"
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="rows per INSERT batch")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="run even with DEBUG=false (generated accounts share a known password)",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to generate data with DEBUG=false. "
                "Pass --allow-production if this really is a benchmark server."
            )
        products = options["products"]
        if not options["remove"] and (products is None or products < 1):
            raise CommandError("Give the number of products: --products N (N ≥ 1).")
        started = time.perf_counter()
        try:
            with transaction.atomic():
                if options["remove"] or options["replace"]:
                    self.stdout.write("Removing the generated data …")
                    removed = dataset.remove(log=self.stdout.write)
                    for label, count in sorted(removed.items()):
                        self.stdout.write(f"  {label:<32} {count:>9,}")
                    if options["remove"]:
                        return
                elif dataset.exists():
                    raise CommandError(
                        "This database has generated data already: pass --replace to delete "
                        "it and generate again, or --remove to delete it."
                    )
                self.stdout.write(f"Generating {products:,} products with seed {options['seed']} …")
                report = dataset.generate(
                    products,
                    options["seed"],
                    today=options["today"],
                    batch_size=options["batch_size"],
                    log=self.stdout.write,
                )
        except dataset.DatasetError as exc:
            raise CommandError(str(exc)) from None
        # Fresh statistics for the query planner: after a bulk load PostgreSQL still plans for
        # the tables as they were (it chose sequential scans for a 78,000-row table it thought
        # held 29,000), and SQLite has none until ANALYZE.
        analyzed = time.perf_counter()
        with connections[options.get("database") or "default"].cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"ANALYZE: {time.perf_counter() - analyzed:.1f} s")
        self.print_report(report, time.perf_counter() - started)

    def print_report(self, report, elapsed: float) -> None:
        out = self.stdout.write
        out("Rows:")
        for label, count in sorted(report.counts.items()):
            out(f"  {label:<32} {count:>9,}")
        for name, values in report.shape.items():
            out(f"{name[:1].upper()}{name[1:]}:")
            for key, value in values.items():
                out(f"  {key:<24} {value}")
        out("Timings:")
        for name, seconds in report.seconds:
            out(f"  {name:<48} {seconds:6.1f} s")
        out(f"  {'total':<48} {elapsed:6.1f} s")
        out(f"Accounts for the benchmark (password: {settings.DEMO_PASSWORD}):")
        for role, username in report.accounts.items():
            out(f"  {role:<18} {username}")
