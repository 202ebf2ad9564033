"""How long a recognition lasts and when it may be renewed (26/2026/QĐ-TTg). Pure: no Django,
no database.

- Điều 4.3: the certificate of a product of 3 stars or more is valid for 36 months from the
  day the competent authority issues it ("có giá trị trong thời hạn 36 tháng kể từ ngày cơ
  quan có thẩm quyền ban hành").
- Điều 7.6.a: a re-evaluation dossier is filed "không sớm hơn 180 ngày và không muộn hơn 120
  ngày tính đến ngày hết thời hạn của giấy chứng nhận": from 180 days to 120 days before the
  expiry, both days included.

- Điều 12.3 (transition): a product due for re-evaluation whose filing "could not meet" the
  window of Điều 7.6.a keeps a valid certificate until the authority's result, for at most
  180 days after the expiry. Our reading is in ``extension_end``.

Months are calendar months: one month after 31/01 is the last day of February, and 36 months
after 29/02/2028 is 28/02/2031 (there is no 29/02/2031).
"""

import calendar
import datetime as dt
from typing import Final

CERTIFICATE_MONTHS: Final = 36  # Điều 4.3
RENEWAL_OPENS_DAYS: Final = 180  # Điều 7.6.a: "không sớm hơn 180 ngày"
RENEWAL_CLOSES_DAYS: Final = 120  # Điều 7.6.a: "không muộn hơn 120 ngày"
EXPIRING_SOON_DAYS: Final = RENEWAL_OPENS_DAYS  # "sắp hết hạn" from the day the window opens
IN_FORCE_FROM: Final = dt.date(2026, 5, 22)  # Điều 11.1: 26/2026 in force from 22/05/2026
EXTENSION_DAYS: Final = 180  # Điều 12.3: "không quá 180 ngày tính từ ngày hết thời hạn"


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


def expiring_soon(expires_on: dt.date, today: dt.date) -> bool:
    """From the day the renewal window opens (180 days before the last valid day) to the
    last valid day itself: the certificate is "sắp hết hạn"."""
    return expires_on - dt.timedelta(days=EXPIRING_SOON_DAYS) <= today <= expires_on


def extension_end(expires_on: dt.date) -> dt.date | None:
    """The last day a certificate may stay valid under Điều 12.3, or None when the clause
    does not apply to it. Our reading (written down in the domain notes):

    - The clause is transitional (Chương III, "Điều khoản chuyển tiếp"): it covers the
      certificates whose re-evaluation window of Điều 7.6.a was not wholly under 26/2026,
      i.e. the window opened before the decision took effect on 22/05/2026 (the last valid
      day is before 18/11/2026). Their holders could not have filed in a window that was
      partly, or wholly, past when the rule appeared. A certificate whose window lies
      entirely after 22/05/2026 had the whole window and gets no extension.
    - For those, the certificate stays valid after its last day until the authority's
      result on the re-evaluation, and at most 180 days: "tính từ ngày hết thời hạn" counts
      like the 45 days of Điều 7.6.g, the expiry day not counted, so the last day is the
      expiry + 180. The result ends it earlier (a new certificate supersedes it; a result
      of 1★–2★ ends it on the day of the notice): that is the caller's, with the database.
    - The clause sets no condition of filing: the extension runs whether or not a
      re-evaluation was filed; without one there is no result, and it ends at +180.
    """
    opens_on, _closes_on = renewal_window(expires_on)
    if opens_on >= IN_FORCE_FROM:
        return None
    return expires_on + dt.timedelta(days=EXTENSION_DAYS)
