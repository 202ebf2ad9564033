"""The round calendar of Điều 5, 26/2026: both levels, both rounds, the cut-off days."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.legal.rounds import (
    CENTRAL,
    PROVINCE,
    RoundDates,
    days_left,
    round_for,
    standard_round,
)

D = dt.date


def test_province_rounds_have_the_dates_of_dieu_5_1():
    assert standard_round(PROVINCE, 2026, 1) == RoundDates(
        PROVINCE, 2026, 1, proposals_before=D(2026, 4, 30), finish_before=D(2026, 6, 30)
    )
    assert standard_round(PROVINCE, 2026, 2) == RoundDates(
        PROVINCE, 2026, 2, proposals_before=D(2026, 10, 30), finish_before=D(2026, 12, 30)
    )


def test_central_rounds_have_the_dates_of_dieu_5_2():
    assert standard_round(CENTRAL, 2026, 1) == RoundDates(
        CENTRAL, 2026, 1, proposals_before=D(2026, 7, 30), finish_before=D(2026, 9, 30)
    )
    # Round 2 of 2026 takes proposals until 29/01/2027 and finishes before 30/03/2027.
    assert standard_round(CENTRAL, 2026, 2) == RoundDates(
        CENTRAL, 2026, 2, proposals_before=D(2027, 1, 30), finish_before=D(2027, 3, 30)
    )


def test_before_means_the_day_before_is_the_last_one():
    rnd = standard_round(PROVINCE, 2026, 1)
    assert rnd.last_proposal_day == D(2026, 4, 29)
    assert rnd.last_day == D(2026, 6, 29)
    assert standard_round(CENTRAL, 2027, 2).last_day == D(2028, 3, 29)  # 2028 is a leap year


@pytest.mark.parametrize(
    ("day", "year", "number"),
    [
        (D(2026, 1, 1), 2026, 1),
        (D(2026, 3, 16), 2026, 1),
        (D(2026, 4, 29), 2026, 1),
        (D(2026, 4, 30), 2026, 2),
        (D(2026, 7, 15), 2026, 2),
        (D(2026, 10, 29), 2026, 2),
        (D(2026, 10, 30), 2027, 1),
        (D(2026, 12, 31), 2027, 1),
    ],
)
def test_province_round_of_a_proposal_day(day, year, number):
    rnd = round_for(day)
    assert rnd == round_for(day, PROVINCE)
    assert (rnd.level, rnd.year, rnd.number) == (PROVINCE, year, number)


@pytest.mark.parametrize(
    ("day", "year", "number", "finish_before"),
    [
        (D(2027, 1, 1), 2026, 2, D(2027, 3, 30)),
        (D(2027, 1, 29), 2026, 2, D(2027, 3, 30)),
        (D(2027, 1, 30), 2027, 1, D(2027, 9, 30)),
        (D(2027, 7, 29), 2027, 1, D(2027, 9, 30)),
        (D(2027, 7, 30), 2027, 2, D(2028, 3, 30)),
        (D(2027, 12, 31), 2027, 2, D(2028, 3, 30)),
    ],
)
def test_central_round_of_a_proposal_day(day, year, number, finish_before):
    rnd = round_for(day, CENTRAL)
    assert (rnd.level, rnd.year, rnd.number, rnd.finish_before) == (
        CENTRAL,
        year,
        number,
        finish_before,
    )


@pytest.mark.parametrize(
    ("level", "number"), [(PROVINCE, 0), (PROVINCE, 3), (CENTRAL, 3), ("district", 1)]
)
def test_rounds_without_dates_in_the_law_are_refused(level, number):
    # Extra rounds exist only in a council's regulation and evaluation plan (Điều 5.1).
    with pytest.raises(ValueError):
        standard_round(level, 2026, number)


def test_a_datetime_is_refused():
    with pytest.raises(TypeError):
        round_for(dt.datetime(2026, 4, 29, 23, 0))


def _previous(rnd: RoundDates) -> RoundDates:
    if rnd.number == 2:
        return standard_round(rnd.level, rnd.year, 1)
    return standard_round(rnd.level, rnd.year - 1, 2)


@given(
    year=st.integers(min_value=2000, max_value=2100),
    day_of_year=st.integers(min_value=0, max_value=365),
    level=st.sampled_from([PROVINCE, CENTRAL]),
)
def test_every_day_of_a_year_falls_in_the_first_round_still_open(year, day_of_year, level):
    day = D(year, 1, 1) + dt.timedelta(days=day_of_year)
    if day.year != year:  # 31/12 of a leap year is the 366th day
        day = D(year, 12, 31)
    rnd = round_for(day, level)
    assert rnd.level == level and rnd.number in (1, 2)
    assert day < rnd.proposals_before < rnd.finish_before
    # …and not a later one: the round before it had already stopped taking proposals.
    assert _previous(rnd).proposals_before <= day
    # A round takes at most a year of proposals and finishes within two months of closing.
    assert (rnd.proposals_before - day).days <= 366
    assert (rnd.finish_before - rnd.proposals_before).days in (59, 60, 61, 62)


def test_days_left_until_the_round_must_be_finished():
    rnd = standard_round(PROVINCE, 2026, 1)
    assert days_left(rnd, D(2026, 6, 1)) == 29
    assert days_left(rnd, D(2026, 6, 29)) == 1  # the last day
    assert days_left(rnd, D(2026, 6, 30)) == 0  # "before 30/06": already too late
    assert days_left(rnd, D(2026, 7, 10)) == -10
    assert days_left(standard_round(CENTRAL, 2026, 2), D(2026, 12, 30)) == 90
