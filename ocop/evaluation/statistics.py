"""How a council's members score, read across products: the spread of totals and stars,
each member's deviation from the products' means (lenient, strict or erratic scoring), the
criteria where members disagree most, and the gap between the producer's self-assessment
and the council. Pure: no Django; the page builds the inputs from submitted sheets.

Nothing here is law. The decision fixes neither how far a member may stray from the others
nor a leniency test; the flag threshold below is the platform's default reading aid, shown
as such on the page, not a rule of the council's regulation.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean, pstdev

# A member whose totals sit on average this many points above (or below) the products'
# means is flagged: the platform's default, not law nor the council's regulation.
DEVIATION_FLAG = 5.0
TOP_CRITERIA = 10
BIN_WIDTH = 10
MAX_TOTAL = 100
STARS = (1, 2, 3, 4, 5)
# Bars are drawn in an SVG whose viewBox is this wide (whole numbers: no decimal separator
# can creep into an attribute).
SCALE = 1000


@dataclass(frozen=True)
class MemberSheet:
    """One member's submitted sheet for one product."""

    member: str  # a stable key (the seat's id)
    total: float
    stars: int
    points: Mapping[str, float] = field(default_factory=dict)  # criterion key → points


@dataclass(frozen=True)
class ProductScores:
    key: str
    label: str
    sheets: Sequence[MemberSheet]
    self_total: float | None = None  # the producer's self-assessed total, if filed


@dataclass(frozen=True)
class Bar:
    """A bar in an SVG ``viewBox="0 0 SCALE h"``: starts at ``x``, ``width`` long."""

    x: int
    width: int


@dataclass(frozen=True)
class Bin:
    label: str
    low: float
    high: float  # exclusive, except for the last bin, which holds MAX_TOTAL
    count: int
    bar: Bar


@dataclass(frozen=True)
class MemberDeviation:
    member: str
    sheets: int  # submitted sheets
    compared: int  # of them, on products someone else scored too
    mean: float | None  # mean signed deviation from the products' means (+: lenient)
    mean_abs: float | None
    largest: float | None  # the deviation furthest from 0 (signed)
    flag: str | None  # "lenient", "strict", "erratic" or None
    bar: Bar


@dataclass(frozen=True)
class CriterionSpread:
    criterion: str
    products: int  # products where two or more members answered it
    mean_stdev: float  # population standard deviation of the points, averaged over products
    mean_range: float  # highest − lowest points, averaged over products
    bar: Bar


@dataclass(frozen=True)
class SelfGap:
    product: str
    label: str
    self_total: float | None
    council_mean: float | None
    sheets: int
    gap: float | None  # self-assessment − council mean (+: the producer rated itself higher)
    bar: Bar


@dataclass(frozen=True)
class Statistics:
    sheets: int
    products: int
    totals: Sequence[Bin]
    stars: Sequence[Bin]
    mean_total: float | None
    lowest_total: float | None
    highest_total: float | None
    members: Sequence[MemberDeviation]
    criteria: Sequence[CriterionSpread]
    gaps: Sequence[SelfGap]
    mean_gap: float | None
    threshold: float


# --- bars --------------------------------------------------------------------------------


def bar(value: float, top: float) -> Bar:
    """A bar from the left edge, ``value`` of ``top`` long (none for 0 or no scale)."""
    if top <= 0 or value <= 0:
        return Bar(0, 0)
    return Bar(0, round(min(value, top) / top * SCALE))


def diverging(value: float | None, top: float) -> Bar:
    """A bar from the middle: to the right for a positive value, to the left otherwise."""
    if value is None or top <= 0 or value == 0:
        return Bar(SCALE // 2, 0)
    half = SCALE // 2
    width = round(min(abs(value), top) / top * half)
    return Bar(half if value > 0 else half - width, width)


def _scale(values: Iterable[float | None]) -> float:
    return max((abs(v) for v in values if v is not None), default=0.0)


# --- distributions -----------------------------------------------------------------------


def total_bins(totals: Sequence[float], width: int = BIN_WIDTH, top: int = MAX_TOTAL) -> list[Bin]:
    """Counts of totals in bins ``[0, width)``, ``[width, 2·width)`` … with ``top`` in the
    last bin (a total of 100 counts in 90–100)."""
    edges = list(range(0, top, width))
    counts = [0] * len(edges)
    for total in totals:
        index = min(max(int(total // width), 0), len(edges) - 1)
        counts[index] += 1
    most = max(counts, default=0)
    return [
        Bin(f"{low}–{min(low + width, top)}", low, min(low + width, top), count, bar(count, most))
        for low, count in zip(edges, counts, strict=True)
    ]


def star_bins(stars: Sequence[int]) -> list[Bin]:
    """Counts of sheets per star rating (1 to 5, and any other value that occurs)."""
    levels = sorted(set(STARS) | set(stars))
    counts = dict.fromkeys(levels, 0)
    for s in stars:
        counts[s] += 1
    most = max(counts.values(), default=0)
    return [
        Bin(str(level), level, level + 1, counts[level], bar(counts[level], most))
        for level in levels
    ]


# --- members -----------------------------------------------------------------------------


def product_mean(product: ProductScores) -> float | None:
    return fmean(s.total for s in product.sheets) if product.sheets else None


def deviations(product: ProductScores) -> dict[str, float]:
    """Each member's total minus the product's mean (they sum to 0). Empty with fewer than
    two sheets: one member alone deviates from nobody."""
    if len(product.sheets) < 2:
        return {}
    mean = fmean(s.total for s in product.sheets)
    return {s.member: s.total - mean for s in product.sheets}


def member_deviations(
    products: Iterable[ProductScores], threshold: float = DEVIATION_FLAG
) -> list[MemberDeviation]:
    """Per member: sheets, mean signed and absolute deviation from the products' means, and
    a flag: "lenient" (mean ≥ +threshold), "strict" (≤ −threshold), or "erratic" (mean near
    0 but the absolute mean ≥ threshold: high here, low there). Most deviant first."""
    sheets: dict[str, int] = {}
    found: dict[str, list[float]] = {}
    for product in products:
        for s in product.sheets:
            sheets[s.member] = sheets.get(s.member, 0) + 1
            found.setdefault(s.member, [])
        for member, deviation in deviations(product).items():
            found[member].append(deviation)
    rows = []
    for member, values in found.items():
        mean = fmean(values) if values else None
        mean_abs = fmean(abs(v) for v in values) if values else None
        largest = max(values, key=abs) if values else None
        rows.append((member, sheets[member], len(values), mean, mean_abs, largest))
    top = _scale(r[3] for r in rows)
    out = [
        MemberDeviation(
            member,
            count,
            compared,
            mean,
            mean_abs,
            largest,
            _flag(mean, mean_abs, threshold),
            diverging(mean, top),
        )
        for member, count, compared, mean, mean_abs, largest in rows
    ]
    return sorted(out, key=lambda m: (-(abs(m.mean) if m.mean is not None else -1), m.member))


def _flag(mean: float | None, mean_abs: float | None, threshold: float) -> str | None:
    if mean is None or mean_abs is None:
        return None
    if mean >= threshold:
        return "lenient"
    if mean <= -threshold:
        return "strict"
    if mean_abs >= threshold:
        return "erratic"
    return None


# --- criteria ----------------------------------------------------------------------------


def criterion_spreads(
    products: Iterable[ProductScores], top: int | None = TOP_CRITERIA
) -> list[CriterionSpread]:
    """Per criterion: how far apart members' points lie on one product (standard deviation
    and range), averaged over the products where two or more members answered it. The
    most disagreed first, ``top`` of them (all with None); criteria on which every member
    always agreed are left out."""
    stdevs: dict[str, list[float]] = {}
    ranges: dict[str, list[float]] = {}
    for product in products:
        given: dict[str, list[float]] = {}
        for s in product.sheets:
            for criterion, points in s.points.items():
                given.setdefault(criterion, []).append(points)
        for criterion, values in given.items():
            if len(values) < 2:
                continue
            stdevs.setdefault(criterion, []).append(pstdev(values))
            ranges.setdefault(criterion, []).append(max(values) - min(values))
    rows = [(c, len(v), fmean(v), fmean(ranges[c])) for c, v in stdevs.items()]
    rows = [r for r in rows if r[2] > 0]  # where all members agreed, there is nothing to see
    rows.sort(key=lambda r: (-r[2], -r[3], r[0]))
    chosen = rows if top is None else rows[:top]
    scale = _scale(r[2] for r in chosen)
    return [CriterionSpread(c, n, sd, rg, bar(sd, scale)) for c, n, sd, rg in chosen]


# --- self-assessment ---------------------------------------------------------------------


def self_gaps(products: Iterable[ProductScores]) -> list[SelfGap]:
    """Per product: the producer's total, the council members' mean, and the gap."""
    rows = []
    for p in products:
        mean = product_mean(p)
        gap = p.self_total - mean if p.self_total is not None and mean is not None else None
        rows.append((p, mean, gap))
    top = _scale(gap for _p, _mean, gap in rows)
    return [
        SelfGap(p.key, p.label, p.self_total, mean, len(p.sheets), gap, diverging(gap, top))
        for p, mean, gap in rows
    ]


# --- all of it ---------------------------------------------------------------------------


def summarize(products: Sequence[ProductScores], threshold: float = DEVIATION_FLAG) -> Statistics:
    sheets = [s for p in products for s in p.sheets]
    totals = [s.total for s in sheets]
    gaps = self_gaps(products)
    known = [g.gap for g in gaps if g.gap is not None]
    return Statistics(
        sheets=len(sheets),
        products=len(products),
        totals=total_bins(totals),
        stars=star_bins([s.stars for s in sheets]),
        mean_total=fmean(totals) if totals else None,
        lowest_total=min(totals, default=None),
        highest_total=max(totals, default=None),
        members=member_deviations(products, threshold),
        criteria=criterion_spreads(products),
        gaps=gaps,
        mean_gap=fmean(known) if known else None,
        threshold=threshold,
    )
