"""Several requests or jobs at the same moment, on threads with their own connections."""

import threading
from collections.abc import Callable

from django.db import connections


def at_once(count: int, work: Callable[[int], object]) -> tuple[list, list[str]]:
    """Run ``work(i)`` for i in range(count), released together by a barrier; each thread
    closes its database connections. Gives (the results, the exceptions as text)."""
    start = threading.Barrier(count)
    results, errors = [], []

    def run(i):
        try:
            start.wait()
            results.append(work(i))
        except Exception as exc:  # noqa: BLE001 — collected and reported to the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results, errors
