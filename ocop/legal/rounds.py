"""The round calendar of Điều 5, Quyết định 26/2026/QĐ-TTg: which evaluation round (đợt) a
proposal falls in, and by when that round must be finished. Pure: no Django, no database.

- Điều 5.1, province (at least two rounds a year): round 1 finished before 30/06 for the
  dossiers the commune proposed before 30/04; round 2 finished before 30/12 for the dossiers
  proposed before 30/10.
- Điều 5.2, central (Bộ Nông nghiệp và Môi trường): round 1 finished before 30/09 for the
  dossiers the province proposed before 30/07; round 2 finished before 30/03 of the next
  year for the dossiers proposed before 30/01 of the next year. A central round 2 therefore
  belongs to the year before the one it closes in: proposals made in January 2027 go to
  round 2 of 2026.

"Before 30/04" (trước ngày 30/4) leaves the 30th out: 29/04 is the last day a proposal counts
for round 1, and one made on 30/04 goes to round 2. The same reading holds for every date of
the article. ``RoundDates`` keeps the dates as the text writes them (``proposals_before``,
``finish_before``); ``last_proposal_day`` and ``last_day`` are the day before each.

Only the two standard rounds have dates in the law. More rounds are allowed only when the
council's regulation (Quy chế hoạt động) and an evaluation plan provide for them (Điều 5.1);
their dates come from that plan, not from here, and ``standard_round`` refuses them.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

Level = Literal["province", "central"]
PROVINCE: Final[Level] = "province"
CENTRAL: Final[Level] = "central"
LEVELS: Final[tuple[Level, ...]] = (PROVINCE, CENTRAL)
STANDARD_NUMBERS: Final[tuple[int, ...]] = (1, 2)

ONE_DAY: Final = dt.timedelta(days=1)

# (level, number) → (proposals before, finish before), each as (years after the round's
# year, month, day).
_CALENDAR: Final[dict[tuple[Level, int], tuple[tuple[int, int, int], tuple[int, int, int]]]] = {
    (PROVINCE, 1): ((0, 4, 30), (0, 6, 30)),  # Điều 5.1
    (PROVINCE, 2): ((0, 10, 30), (0, 12, 30)),  # Điều 5.1
    (CENTRAL, 1): ((0, 7, 30), (0, 9, 30)),  # Điều 5.2
    (CENTRAL, 2): ((1, 1, 30), (1, 3, 30)),  # Điều 5.2: closes in the next year
}


@dataclass(frozen=True)
class RoundDates:
    """One standard round: ``level``, its ``year`` and ``number`` (round 1 or 2 of that
    year), and the two dates of Điều 5, both exclusive: proposals made before
    ``proposals_before`` belong to it, and it must be finished before ``finish_before``."""

    level: Level
    year: int
    number: int
    proposals_before: dt.date
    finish_before: dt.date

    @property
    def last_proposal_day(self) -> dt.date:
        """The last day a proposal still counts for this round."""
        return self.proposals_before - ONE_DAY

    @property
    def last_day(self) -> dt.date:
        """The last day on which the round may still finish."""
        return self.finish_before - ONE_DAY


def standard_round(level: Level, year: int, number: int) -> RoundDates:
    """Round ``number`` (1 or 2) of ``year`` at ``level``, with the dates of Điều 5."""
    try:
        proposals, finish = _CALENDAR[(level, number)]
    except KeyError:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}") from None
        raise ValueError(
            f"round {number} has no dates in Điều 5 (extra rounds follow the council's plan)"
        ) from None
    return RoundDates(
        level=level,
        year=year,
        number=number,
        proposals_before=_day(year, proposals),
        finish_before=_day(year, finish),
    )


def _day(year: int, when: tuple[int, int, int]) -> dt.date:
    years_after, month, day = when
    return dt.date(year + years_after, month, day)


def round_for(day: dt.date, level: Level = PROVINCE) -> RoundDates:
    """The standard round a proposal made on ``day`` falls in: the first one whose
    proposals close after ``day`` (a proposal on the closing day itself goes to the next).

    Province (Điều 5.1): before 30/04/Y → round 1 of Y; before 30/10/Y → round 2 of Y;
    otherwise round 1 of Y+1. Central (Điều 5.2): before 30/01/Y → round 2 of Y-1;
    before 30/07/Y → round 1 of Y; otherwise round 2 of Y (which closes in Y+1).
    """
    if isinstance(day, dt.datetime):  # a datetime would compare wrongly (or not at all)
        raise TypeError("round_for takes the local date of the proposal, not a datetime")
    year = day.year
    for cycle, number in ((year - 1, 2), (year, 1), (year, 2), (year + 1, 1)):
        rnd = standard_round(level, cycle, number)
        if day < rnd.proposals_before:
            return rnd
    raise AssertionError("unreachable: round 1 of the next year is always still open")


def days_left(rnd: RoundDates, today: dt.date) -> int:
    """Days from ``today`` to ``finish_before``: 1 on the round's last day, 0 on
    ``finish_before`` itself (already too late: the round must finish before it), negative
    after."""
    return (rnd.finish_before - today).days
