"""A council's arithmetic on one product: quorum, spread. Pure: no Django.

The decision bands stars on the average total (Điều 3.3) but leaves quorum and spread to
the council's regulation; the numbers here come from the council's settings.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


def quorum_needed(eligible: int, ratio: Decimal) -> int:
    """Members whose sheets must be in: ``ratio`` of the eligible members, rounded up
    (3/4 of 7 → 6). Never fewer than one when anyone is eligible."""
    if eligible <= 0:
        return 0
    return max(1, math.ceil(Decimal(eligible) * ratio))


def spread(totals: Sequence[Decimal]) -> Decimal:
    """The gap between the highest and the lowest member's total (0 for one sheet)."""
    return max(totals) - min(totals) if totals else Decimal(0)


@dataclass(frozen=True)
class Quorum:
    eligible: int  # scoring members of the council, recused members excluded
    needed: int
    submitted: int
    chair_needed: bool  # the regulation asks for the chair and the chair is not recused
    chair_submitted: bool

    @property
    def met(self) -> bool:
        return self.submitted >= self.needed > 0 and (self.chair_submitted or not self.chair_needed)


def quorum(
    eligible: int,
    submitted: int,
    ratio: Decimal,
    *,
    chair_required: bool,
    chair_eligible: bool,
    chair_submitted: bool,
) -> Quorum:
    return Quorum(
        eligible,
        quorum_needed(eligible, ratio),
        submitted,
        chair_required and chair_eligible,
        chair_submitted,
    )
