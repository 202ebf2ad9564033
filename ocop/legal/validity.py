"""How long a recognition lasts and when it may be renewed (26/2026/QĐ-TTg). Pure: no Django,
no database.

- Điều 4.3: the certificate of a product of 3 stars or more is valid for 36 months from the
  day the competent authority issues it ("có giá trị trong thời hạn 36 tháng kể từ ngày cơ
  quan có thẩm quyền ban hành").
- Điều 7.6.a: a re-evaluation dossier is filed "không sớm hơn 180 ngày và không muộn hơn 120
  ngày tính đến ngày hết thời hạn của giấy chứng nhận": from 180 days to 120 days before the
  expiry, both days included.

Months are calendar months: one month after 31/01 is the last day of February, and 36 months
after 29/02/2028 is 28/02/2031 (there is no 29/02/2031).
"""

import calendar
import datetime as dt
from typing import Final

CERTIFICATE_MONTHS: Final = 36  # Điều 4.3
RENEWAL_OPENS_DAYS: Final = 180  # Điều 7.6.a: "không sớm hơn 180 ngày"
RENEWAL_CLOSES_DAYS: Final = 120  # Điều 7.6.a: "không muộn hơn 120 ngày"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (earlier when negative), or the last day
    of that month when it is shorter (31/01 + 1 month = 28/02 or 29/02)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry(decided_on: dt.date) -> dt.date:
    """The last day a recognition decided (or a certificate issued) on ``decided_on`` is
    valid (Điều 4.3).

    The 36 months run "from the day of issue", and that day is the first day of validity:
    a decision of 28/12/2026 is valid through 27/12/2029, and on 28/12/2029 it has run for
    exactly 36 months. So the last day is 36 calendar months later, less one day. Counting
    the day of issue in keeps the term at 36 months and not a day longer.
    """
    return add_months(decided_on, CERTIFICATE_MONTHS) - dt.timedelta(days=1)


def renewal_window(expires_on: dt.date) -> tuple[dt.date, dt.date]:
    """``(opens_on, closes_on)``: the first and the last day a re-evaluation dossier may be
    filed for a certificate whose last valid day is ``expires_on`` (Điều 7.6.a: not earlier
    than 180 days and not later than 120 days before the expiry; both days count)."""
    return (
        expires_on - dt.timedelta(days=RENEWAL_OPENS_DAYS),
        expires_on - dt.timedelta(days=RENEWAL_CLOSES_DAYS),
    )


def in_renewal_window(expires_on: dt.date, today: dt.date) -> bool:
    opens_on, closes_on = renewal_window(expires_on)
    return opens_on <= today <= closes_on
