"""The 45 days of a re-evaluation (Điều 7.6.g, 26/2026): calendar days, the day of the
complete dossier not counted."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.legal.reevaluation import (
    REEVALUATION_DAYS,
    days_late,
    days_left,
    deadline,
    finished_in_time,
    is_overdue,
)

D = dt.date


def test_the_last_day_is_the_45th_after_the_complete_dossier():
    assert REEVALUATION_DAYS == 45
    assert deadline(D(2026, 7, 1)) == D(2026, 8, 15)
    assert deadline(D(2026, 12, 20)) == D(2027, 2, 3)  # across a year, calendar days


def test_day_46_is_late_and_day_45_is_not():
    start = D(2026, 7, 1)
    assert days_left(start, D(2026, 7, 1)) == 45
    assert days_left(start, D(2026, 8, 15)) == 0 and not is_overdue(start, D(2026, 8, 15))
    assert days_left(start, D(2026, 8, 16)) == -1 and is_overdue(start, D(2026, 8, 16))
    assert days_late(start, D(2026, 8, 15)) == 0 and days_late(start, D(2026, 8, 20)) == 5


def test_finished_in_time_counts_the_last_day():
    start = D(2026, 7, 1)
    assert finished_in_time(start, D(2026, 8, 15))
    assert not finished_in_time(start, D(2026, 8, 16))


def test_a_datetime_is_refused():
    with pytest.raises(TypeError):
        deadline(dt.datetime(2026, 7, 1, 9, 0))
    with pytest.raises(TypeError):
        days_left(D(2026, 7, 1), dt.datetime(2026, 7, 2, 9, 0))


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)), st.integers(0, 400))
def test_overdue_exactly_after_the_45th_day(start, after):
    today = start + dt.timedelta(days=after)
    assert is_overdue(start, today) == (after > 45)
    assert days_left(start, today) == 45 - after
    assert finished_in_time(start, today) != is_overdue(start, today)
