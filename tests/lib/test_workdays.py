import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.lib.workdays import add_working_days, is_working_day, working_days_between

D = dt.date


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(D(2026, 11, 23))  # Monday
    assert not is_working_day(D(2026, 11, 22))  # Sunday
    assert not is_working_day(D(2026, 9, 2))  # National Day
    assert not is_working_day(D(2027, 2, 8))  # Tết 2027, a Monday


def test_fifteen_working_days_in_an_ordinary_stretch():
    # Received Monday 2/11/2026: three weeks minus nothing → Monday 23/11/2026.
    assert add_working_days(D(2026, 11, 2), 15) == D(2026, 11, 23)


def test_fifteen_working_days_across_tet_2027():
    # Received Monday 25/01/2027. Tết closes Thu 4/2 to Wed 10/2/2027 (five working days).
    # Working days: 26–29/1 (4), 1–3/2 (3), 11–12/2 (2), 15–19/2 (5), 22/2 (1) = 15.
    assert add_working_days(D(2027, 1, 25), 15) == D(2027, 2, 22)


def test_fifteen_working_days_across_tet_2026():
    # Received Friday 6/02/2026; Tết closes Mon 16/2 to Fri 20/2/2026.
    # 9–13/2 (5), 23–27/2 (5), 2–6/3 (5) → Friday 6/3/2026.
    assert add_working_days(D(2026, 2, 6), 15) == D(2026, 3, 6)


def test_extra_decreed_days_off_are_excluded(settings):
    settings.OCOP_EXTRA_DAYS_OFF = ["2026-11-25"]
    assert not is_working_day(D(2026, 11, 25))
    assert add_working_days(D(2026, 11, 23), 1) == D(2026, 11, 26)  # 24/11 is Cultural Day too


def test_zero_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 11, 23), 0)


@given(st.dates(min_value=D(2025, 1, 1), max_value=D(2030, 12, 31)), st.integers(1, 60))
def test_adding_then_counting_gives_the_same_number(start, days):
    end = add_working_days(start, days)
    assert is_working_day(end)
    assert working_days_between(start, end) == days
    assert working_days_between(end, start) == -days
