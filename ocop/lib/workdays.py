"""Working days in Vietnam: weekends and public holidays (Tết included) excluded.

Holidays come from the maintained ``holidays`` package (statutory days, Tết, observed and
substituted days). Days off decreed later (a bridge day, a longer Tết break) go in the
``OCOP_EXTRA_DAYS_OFF`` setting as ISO dates.

Deadlines count from the day after receipt: a dossier received on a Friday with 15 working
days has its deadline on the 15th working day after that Friday.
"""

import datetime as dt
from functools import cache

import holidays
from django.conf import settings


@cache
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def _extra_days_off() -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(d) for d in getattr(settings, "OCOP_EXTRA_DAYS_OFF", []))


def is_working_day(day: dt.date) -> bool:
    return (
        day.weekday() < 5 and day not in _public_holidays(day.year) and day not in _extra_days_off()
    )


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself never counts)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        1 for n in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=n))
    )
