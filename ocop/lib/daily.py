"""The daily job (``python manage.py ocop_daily``): each app registers what it does once a
day (certificates: expiry, renewal reminders), in the layer order of ``ready()``.

Every task takes the day it runs for and returns counts of what it did. Tasks must be safe
to run twice, and on two machines at once: each change is guarded by the row it changes
(a state checked under a lock, a unique row per reminder), never by "the job ran today".
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

Task = Callable[[dt.date], dict[str, int]]


@dataclass(frozen=True)
class Entry:
    name: str
    run: Task


_tasks: dict[str, Entry] = {}


def register(name: str, run: Task) -> None:
    """Add (or, when an app loads twice, replace) the task ``name``."""
    _tasks[name] = Entry(name, run)


def tasks() -> list[Entry]:
    return list(_tasks.values())


def run_all(today: dt.date) -> dict[str, dict[str, int]]:
    return {entry.name: entry.run(today) for entry in tasks()}
