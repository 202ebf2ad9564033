"""What a certificate means on each day (certificates/status.py, pure): every boundary of its
life — the day before, of and after expiry; the 180- and 120-day marks; the Điều 12.3
extension's end; 29 February."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.certificates.status import Dates, days_left, last_valid_day, status_on
from ocop.legal.validity import expiry, extension_end, renewal_window

D = dt.date
DAY = dt.timedelta(days=1)


def cert(valid_from, state="active", expires_on=None):
    expires_on = expires_on or expiry(valid_from)
    return Dates(state, valid_from, expires_on, extension_end(expires_on))


def test_a_certificate_of_28_12_2026_is_valid_through_27_12_2029():
    c = cert(D(2026, 12, 28))
    assert c.expires_on == D(2029, 12, 27)
    assert status_on(c, D(2026, 12, 27)) == "pending"
    assert status_on(c, D(2026, 12, 28)) == "valid"
    assert status_on(c, D(2029, 12, 26)) == "expiring"
    assert status_on(c, D(2029, 12, 27)) == "expiring"  # its last day
    assert status_on(c, D(2029, 12, 28)) == "expired"  # the day after
    assert c.extended_until is None


def test_expiring_from_the_180_day_mark_and_the_120_day_mark_is_inside_it():
    c = cert(D(2026, 12, 28))
    opens_on, closes_on = renewal_window(c.expires_on)
    assert status_on(c, opens_on - DAY) == "valid"
    assert status_on(c, opens_on) == "expiring"
    assert status_on(c, closes_on) == "expiring"
    assert status_on(c, closes_on + DAY) == "expiring"
    assert days_left(c, opens_on) == 180 and days_left(c, closes_on) == 120


def test_29_february_runs_to_27_february_three_years_later():
    c = cert(D(2028, 2, 29))
    assert c.expires_on == D(2031, 2, 27)
    assert status_on(c, D(2031, 2, 27)) == "expiring"
    assert status_on(c, D(2031, 2, 28)) == "expired"
    leap = cert(D(2029, 2, 28))  # expires 27/02/2032: 2032 is a leap year, no 29/02 involved
    assert leap.expires_on == D(2032, 2, 27)
    into_leap = cert(D(2029, 3, 1))
    assert into_leap.expires_on == D(2032, 2, 29)
    assert status_on(into_leap, D(2032, 2, 29)) == "expiring"
    assert status_on(into_leap, D(2032, 3, 1)) == "expired"


def test_the_article_12_3_extension_runs_180_days_after_expiry_then_ends():
    # A 148-era certificate of 10/10/2023 expires 09/10/2026; its window opened on
    # 12/04/2026, before 26/2026 took effect: Điều 12.3 applies.
    c = cert(D(2023, 10, 10))
    assert c.expires_on == D(2026, 10, 9)
    assert c.extended_until == D(2027, 4, 7)
    assert status_on(c, D(2026, 10, 9)) == "expiring"
    assert status_on(c, D(2026, 10, 10)) == "extended"  # the day after expiry
    assert status_on(c, D(2027, 4, 7)) == "extended"  # the extension's last day
    assert status_on(c, D(2027, 4, 8)) == "expired"  # the day after it
    assert last_valid_day(c) == D(2027, 4, 7)
    assert days_left(c, D(2027, 4, 8)) == -1


def test_no_extension_once_the_whole_window_lay_under_26_2026():
    c = cert(D(2023, 11, 19))  # expires 18/11/2026: window opened on 22/05/2026
    assert c.expires_on == D(2026, 11, 18)
    assert c.extended_until is None
    assert status_on(c, D(2026, 11, 19)) == "expired"
    assert last_valid_day(c) == c.expires_on


@pytest.mark.parametrize("state", ["superseded", "revoked", "expired"])
def test_an_ended_certificate_says_so_whatever_the_day(state):
    c = cert(D(2026, 12, 28), state=state)
    for day in (D(2026, 12, 1), D(2027, 6, 1), D(2029, 12, 27), D(2031, 1, 1)):
        assert status_on(c, day) == state


def test_an_extension_ended_by_the_authoritys_result_is_expired():
    c = cert(D(2023, 10, 10), state="expired")
    assert status_on(c, D(2026, 12, 1)) == "expired"


def test_a_paper_certificate_keeps_the_term_its_decision_gave():
    c = cert(D(2024, 7, 1), expires_on=D(2027, 7, 1))  # "từ 01/07/2024", a stated end
    assert status_on(c, D(2027, 7, 1)) == "expiring"
    assert status_on(c, D(2027, 7, 2)) == "expired"


@given(st.dates(min_value=D(2019, 1, 1), max_value=D(2040, 12, 31)), st.integers(-400, 2000))
def test_in_force_exactly_from_its_first_to_its_last_valid_day(valid_from, offset):
    c = cert(valid_from)
    day = valid_from + dt.timedelta(days=offset)
    in_force = status_on(c, day) in {"valid", "expiring", "extended"}
    assert in_force == (valid_from <= day <= last_valid_day(c))
