"""Validity of a recognition (Điều 4.3) and the re-evaluation window (Điều 7.6.a)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ocop.legal.validity import (
    CERTIFICATE_MONTHS,
    add_months,
    expiry,
    in_renewal_window,
    renewal_window,
)

D = dt.date


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(D(2026, 1, 15), 1) == D(2026, 2, 15)
    assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 3, 31), 1) == D(2026, 4, 30)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 12, 31), 12) == D(2027, 12, 31)
    assert add_months(D(2027, 3, 31), -1) == D(2027, 2, 28)


def test_29_february_plus_36_months_is_28_february():
    assert add_months(D(2028, 2, 29), CERTIFICATE_MONTHS) == D(2031, 2, 28)
    assert expiry(D(2028, 2, 29)) == D(2031, 2, 27)
    assert add_months(D(2028, 2, 29), 48) == D(2032, 2, 29)


def test_a_recognition_is_valid_36_months_counting_its_first_day():
    assert expiry(D(2026, 12, 28)) == D(2029, 12, 27)
    assert expiry(D(2027, 1, 1)) == D(2029, 12, 31)
    assert expiry(D(2026, 3, 31)) == D(2029, 3, 30)


def test_the_renewal_window_runs_from_180_to_120_days_before_expiry():
    opens_on, closes_on = renewal_window(D(2029, 12, 27))
    assert (opens_on, closes_on) == (D(2029, 6, 30), D(2029, 8, 29))
    assert (D(2029, 12, 27) - opens_on).days == 180 and (D(2029, 12, 27) - closes_on).days == 120
    assert not in_renewal_window(D(2029, 12, 27), D(2029, 6, 29))
    assert in_renewal_window(D(2029, 12, 27), opens_on)
    assert in_renewal_window(D(2029, 12, 27), closes_on)
    assert not in_renewal_window(D(2029, 12, 27), D(2029, 8, 30))


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 120))
def test_add_months_lands_in_the_right_month_never_past_its_end(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or later.day < day.day
    assert add_months(day, 0) == day


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)))
def test_the_term_is_about_three_years_and_the_window_inside_it(decided_on):
    expires_on = expiry(decided_on)
    assert 1094 <= (expires_on - decided_on).days <= 1096
    opens_on, closes_on = renewal_window(expires_on)
    assert decided_on < opens_on < closes_on < expires_on


# --- Điều 12.3: the transitional extension (our reading in validity.extension_end) --------


def test_the_extension_covers_certificates_whose_window_opened_before_22_05_2026():
    from ocop.legal.validity import extension_end

    # The window opens 180 days before the last valid day: 17/11/2026 → opens 21/05/2026.
    assert extension_end(D(2026, 11, 17)) == D(2027, 5, 16)
    assert (D(2027, 5, 16) - D(2026, 11, 17)).days == 180
    # 18/11/2026 → the window opens on 22/05/2026 itself: wholly under 26/2026, no extension.
    assert extension_end(D(2026, 11, 18)) is None
    assert extension_end(D(2029, 12, 27)) is None
    # A certificate that lapsed before 26/2026 took effect still gets the extension's end:
    # 180 days after its own expiry (already over by then).
    assert extension_end(D(2025, 3, 1)) == D(2025, 8, 28)


def test_expiring_soon_starts_the_day_the_renewal_window_opens():
    from ocop.legal.validity import expiring_soon

    expires = D(2029, 12, 27)
    opens_on, _closes = renewal_window(expires)
    assert not expiring_soon(expires, opens_on - dt.timedelta(days=1))
    assert expiring_soon(expires, opens_on)
    assert expiring_soon(expires, expires)
    assert not expiring_soon(expires, expires + dt.timedelta(days=1))
