"""The clock of a re-evaluation (đánh giá, phân hạng lại) at the end of a certificate's 36
months, Điều 7.6.g, Quyết định 26/2026/QĐ-TTg: "Thời gian tổ chức đánh giá, phân hạng lại
sản phẩm OCOP không quá 45 ngày kể từ ngày nhận đủ hồ sơ đề nghị của UBND cấp xã hoặc UBND
cấp tỉnh". Pure: no Django, no database.

- The 45 days are calendar days: the article says "ngày", not "ngày làm việc" (the
  commune's 15 days of Điều 7.2 are working days and say so).
- "Kể từ ngày nhận đủ": the day the complete proposal was received is not counted and the
  period ends at the end of its 45th day (Bộ luật Dân sự 2015, Điều 147.2 and 148.1: a
  period counted in days starts the day after the event and ends with its last day; the
  decision itself is silent on the counting). Received complete on 01/07, the
  re-evaluation must be finished by 15/08 (``deadline``), and it is late from 16/08.
- Which day the clock starts from is the caller's: the province's acceptance of the
  commune's complete dossier for a provincial re-evaluation, the ministry's receipt of the
  province's package for a 5★ one (Điều 7.6.e).
"""

import datetime as dt
from typing import Final

REEVALUATION_DAYS: Final = 45  # Điều 7.6.g, calendar days


def _date(day: dt.date, name: str) -> dt.date:
    if isinstance(day, dt.datetime):  # a datetime would compare wrongly with a date
        raise TypeError(f"{name} takes a local date, not a datetime")
    return day


def deadline(complete_on: dt.date) -> dt.date:
    """The last day on which the re-evaluation may still finish: ``complete_on`` + 45."""
    return _date(complete_on, "deadline") + dt.timedelta(days=REEVALUATION_DAYS)


def days_left(complete_on: dt.date, today: dt.date) -> int:
    """Days from ``today`` to the deadline: 0 on the last day, negative once late (-1 the
    day after the deadline)."""
    return (deadline(complete_on) - _date(today, "days_left")).days


def is_overdue(complete_on: dt.date, today: dt.date) -> bool:
    """``today`` is after the last day (the 46th day after the complete dossier)."""
    return days_left(complete_on, today) < 0


def finished_in_time(complete_on: dt.date, finished_on: dt.date) -> bool:
    """The re-evaluation finished on or before its last day."""
    return _date(finished_on, "finished_in_time") <= deadline(complete_on)


def days_late(complete_on: dt.date, day: dt.date) -> int:
    """How many days after the deadline ``day`` is (0 when on time)."""
    return max(0, -days_left(complete_on, day))
