"""The scoring engine of Quyết định 26/2026/QĐ-TTg, Phụ lục II. Pure: no database, no Django.

A sheet is a tree (part → criterion → … → leaf criterion → options). Each leaf gets one
chosen option, or, for a council's mean, a number of points. The engine returns the part
scores, the total, the star band, the star minimums that are not met and the final stars:

* band (half-open): [90, 100] 5★, [70, 90) 4★, [50, 70) 3★, [30, 50) 2★, below 30 1★;
* a product reaches level L ∈ {3, 4, 5} only if, in every criterion where an option is marked
  L or lower, the chosen option scores at least as much as the marked option (marks
  accumulate: 4★ must meet the 3★ marks too);
* stars = min(band, highest level whose minimums are all met, or 2 when none is met).

Some criteria (set 26) offer two cases ("Lựa chọn một trong hai trường hợp"): their children
are ``exclusive``; the product answers one case, which alone scores and alone carries marks.

Only 3★ and above are certifiable. ``next_star`` says what would lift the product one level:
the unmet minimums of that level and the fewest option upgrades that reach it.

A council (``evaluate_council``): each member fills a sheet. The band comes from the mean total
("tổng điểm trung bình", Điều 3.3); the minimums are judged as the council's regulation says:
on each criterion's mean points (``MINIMUMS_MEAN``) or on the option most members chose, the
lower one on a tie (``MINIMUMS_MAJORITY``). Members must agree on the case of set 26's choices.
"""

from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

STAR_LEVELS = (3, 4, 5)
CERTIFIABLE_FROM = 3
# Lower bound of each band, highest first (half-open intervals).
BANDS = ((Decimal(90), 5), (Decimal(70), 4), (Decimal(50), 3), (Decimal(30), 2))
BAND_FLOOR = {stars: floor for floor, stars in BANDS}
# How a council judges the star minimums (the council's regulation chooses; see evaluate_council).
MINIMUMS_MEAN = "mean"
MINIMUMS_MAJORITY = "majority"
MINIMUMS_RULES = (MINIMUMS_MEAN, MINIMUMS_MAJORITY)


@dataclass(frozen=True)
class Option:
    code: str
    text: str
    points: Decimal
    min_star: int | None = None


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    max_points: Decimal
    criteria: tuple["Criterion", ...] = ()
    options: tuple[Option, ...] = ()
    exclusive: bool = False  # children are alternative cases; one is answered

    @property
    def is_leaf(self) -> bool:
        return bool(self.options)

    def active_leaves(self, answered: Collection[str]) -> Iterator["Criterion"]:
        """The leaves that count: for alternative cases, the answered one (else the first)."""
        if self.is_leaf:
            yield self
            return
        if not self._has_cases:  # the usual criterion: every leaf counts, whatever is answered
            yield from self._leaves
            return
        children = self.criteria
        if self.exclusive:
            chosen = tuple(c for c in children if any(lf in answered for lf in c._leaf_codes))
            children = chosen[:1] or children[:1]
        for child in children:
            yield from child.active_leaves(answered)

    # A sheet never changes once built: what its walks give is worked out once.
    @cached_property
    def _leaves(self) -> tuple["Criterion", ...]:
        return tuple(self.leaves())

    @cached_property
    def _leaf_codes(self) -> frozenset[str]:
        return frozenset(leaf.code for leaf in self._leaves)

    @cached_property
    def _has_cases(self) -> bool:
        return self.exclusive or any(c._has_cases for c in self.criteria)

    def leaves(self) -> Iterator["Criterion"]:
        if self.is_leaf:
            yield self
        for child in self.criteria:
            yield from child.leaves()

    def required_points(self, level: int) -> Decimal | None:
        """The points a product needs here to reach ``level`` (marks of that level or lower)."""
        marked = [o.points for o in self.options if o.min_star is not None and o.min_star <= level]
        return max(marked) if marked else None


@dataclass(frozen=True)
class Part:
    code: str
    name: str
    max_points: Decimal
    criteria: tuple[Criterion, ...]

    def leaves(self) -> Iterator[Criterion]:
        for criterion in self.criteria:
            yield from criterion.leaves()

    def active_leaves(self, answered: Collection[str]) -> Iterator[Criterion]:
        if not self._has_cases:
            yield from self._leaves
            return
        for criterion in self.criteria:
            yield from criterion.active_leaves(answered)

    @cached_property
    def _leaves(self) -> tuple[Criterion, ...]:
        return tuple(self.leaves())

    @cached_property
    def _has_cases(self) -> bool:
        return any(c._has_cases for c in self.criteria)


@dataclass(frozen=True)
class Sheet:
    code: str
    name: str
    parts: tuple[Part, ...]

    def leaves(self) -> Iterator[Criterion]:
        for part in self.parts:
            yield from part.leaves()

    def active_leaves(self, answered: Collection[str]) -> Iterator[Criterion]:
        for part in self.parts:
            yield from part.active_leaves(answered)

    @cached_property
    def _leaf_index(self) -> dict[str, Criterion]:
        return {leaf.code: leaf for leaf in self.leaves()}

    def leaf(self, code: str) -> Criterion:
        try:
            return self._leaf_index[code]
        except KeyError:
            raise UnknownCriterion(code) from None

    def exclusive_groups(self) -> Iterator[Criterion]:
        return iter(self._exclusive_groups)

    @cached_property
    def _exclusive_groups(self) -> tuple[Criterion, ...]:
        def walk(criteria: Sequence[Criterion]) -> Iterator[Criterion]:
            for c in criteria:
                if c.exclusive:
                    yield c
                yield from walk(c.criteria)

        return tuple(c for part in self.parts for c in walk(part.criteria))

    @property
    def max_points(self) -> Decimal:
        return sum((p.max_points for p in self.parts), Decimal(0))


class EvaluationError(ValueError):
    """Answers that do not fit the sheet; ``code`` names the offending code."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class UnknownCriterion(EvaluationError):
    pass


class UnknownOption(EvaluationError):
    pass


class TwoCasesAnswered(EvaluationError):
    """Both alternative cases of one criterion were answered; ``code`` is the criterion."""


class CasesDiffer(EvaluationError):
    """Council members answered different cases of one criterion ("cần thảo luận"): ``code`` is
    the criterion (the first such in the sheet), ``cases`` the cases chosen, in sheet order.
    The council agrees on one case before its result can be computed."""

    def __init__(self, code: str, cases: Sequence[str] = ()):
        super().__init__(code)
        self.cases = tuple(cases)


class NoSheets(ValueError):
    """A council result was asked for before any member's sheet is in; ``code`` is the sheet.
    Not an ``EvaluationError``: no answer is wrong, the caller asked too early."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class UnmetMinimum:
    criterion: str
    required_star: int
    required_points: Decimal
    chosen_points: Decimal


@dataclass(frozen=True)
class Upgrade:
    criterion: str
    from_option: str | None
    to_option: str
    gain: Decimal


@dataclass(frozen=True)
class NextStar:
    stars: int
    points_needed: Decimal
    unmet_minimums: tuple[UnmetMinimum, ...]
    upgrades: tuple[Upgrade, ...]
    reachable: bool


@dataclass(frozen=True)
class Result:
    total: Decimal
    parts: dict[str, Decimal]
    band_stars: int
    stars: int
    unmet_minimums: tuple[UnmetMinimum, ...]
    unanswered: tuple[str, ...]
    next_star: NextStar | None = field(default=None)

    @property
    def certifiable(self) -> bool:
        return self.stars >= CERTIFIABLE_FROM


def code_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """Decision order for criterion codes: "2.3" before "10", "8.a" after "8"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def band_stars(total: Decimal) -> int:
    for floor, stars in BANDS:
        if total >= floor:
            return stars
    return 1


def resolve(sheet: Sheet, answers: Mapping[str, str]) -> dict[str, Option]:
    """Map ``{leaf code: option code}`` to options, refusing unknown or misplaced codes."""
    chosen = {}
    for criterion_code, option_code in answers.items():
        leaf = sheet.leaf(criterion_code)
        option = next((o for o in leaf.options if o.code == option_code), None)
        if option is None:
            raise UnknownOption(option_code)
        chosen[criterion_code] = option
    _check_one_case(sheet, chosen)
    return chosen


def _check_one_case(sheet: Sheet, answered: Collection[str]) -> None:
    for group in sheet.exclusive_groups():
        cases = [c for c in group.criteria if any(lf in answered for lf in c._leaf_codes)]
        if len(cases) > 1:
            raise TwoCasesAnswered(group.code)


def evaluate(sheet: Sheet, answers: Mapping[str, str]) -> Result:
    """Score one sheet from chosen options (unanswered leaves score 0 and are listed)."""
    chosen = resolve(sheet, answers)
    points = {code: option.points for code, option in chosen.items()}
    return evaluate_points(sheet, points, chosen=chosen)


def mean_points(sheet: Sheet, sheets_answers: Sequence[Mapping[str, str]]) -> dict[str, Decimal]:
    """A council's mean: each leaf's points averaged over the members' sheets.

    Covers the leaves at least one member answered (a member who left one blank counts 0 in
    its mean), and of alternative cases only the one the members chose. Raises ``NoSheets``
    with no sheet and ``CasesDiffer`` when members chose different cases. For the council's
    result use ``evaluate_council``: it divides the totals once, whereas summing these means
    (thirds, sevenths) can fall a hair short of a band floor."""
    resolved = _resolve_council(sheet, sheets_answers)
    count = Decimal(len(resolved))
    return {code: total / count for code, total in _leaf_sums(sheet, resolved).items()}


def majority_points(
    sheet: Sheet, sheets_answers: Sequence[Mapping[str, str]]
) -> dict[str, Decimal]:
    """For each leaf ``mean_points`` covers, the points of the option most members chose; on a
    tie the lower points (a blank counts as a choice worth 0). Same errors as ``mean_points``."""
    resolved = _resolve_council(sheet, sheets_answers)
    return {
        code: _points(_majority(sheet.leaf(code), resolved)) for code in _leaf_sums(sheet, resolved)
    }


def evaluate_council(
    sheet: Sheet, sheets_answers: Sequence[Mapping[str, str]], *, minimums: str = MINIMUMS_MEAN
) -> Result:
    """Score a council: one ``{leaf code: option code}`` per member's sheet.

    ``total`` and ``parts`` are the means of the members' totals and parts (each divided once,
    unrounded); the band comes from that mean total. ``minimums`` says how the star minimums
    are judged: ``MINIMUMS_MEAN`` on each criterion's mean points, ``MINIMUMS_MAJORITY`` on the
    points of the option most members chose (``majority_points``); ``unmet_minimums`` carry
    those points. Stars = min(band, highest level whose minimums are met), as for one sheet.
    ``unanswered`` lists the leaves no member answered; ``next_star`` works on the mean points
    (its minimums judged by the same rule), an upgrade's ``from_option`` being the option all
    members chose, if they agree. One sheet gives exactly ``evaluate(sheet, answers)``.

    Raises ``ValueError`` for an unknown rule, ``NoSheets`` with no sheet, ``CasesDiffer`` when
    members chose different cases of one criterion, and the errors of ``evaluate`` for a bad
    sheet."""
    if minimums not in MINIMUMS_RULES:
        raise ValueError(f"unknown minimums rule {minimums!r}; expected one of {MINIMUMS_RULES}")
    resolved = _resolve_council(sheet, sheets_answers)
    sums = _leaf_sums(sheet, resolved)
    unanimous = {}
    for code in sums:
        options = {r[code].code: r[code] for r in resolved if code in r}
        if len(options) == 1 and all(code in r for r in resolved):
            unanimous[code] = next(iter(options.values()))
    judged = None
    if minimums == MINIMUMS_MAJORITY:
        judged = {code: _points(_majority(sheet.leaf(code), resolved)) for code in sums}
    return _score(sheet, sums, chosen=unanimous, judged=judged, members=len(resolved))


def _resolve_council(
    sheet: Sheet, sheets_answers: Sequence[Mapping[str, str]]
) -> list[dict[str, Option]]:
    if not sheets_answers:
        raise NoSheets(sheet.code)
    resolved = [resolve(sheet, answers) for answers in sheets_answers]
    for group in sheet.exclusive_groups():
        # resolve() allows one case per sheet: more than one here means the members differ.
        cases = [
            case.code
            for case in group.criteria
            if any(leaf.code in r for r in resolved for leaf in case.leaves())
        ]
        if len(cases) > 1:
            raise CasesDiffer(group.code, cases)
    return resolved


def _leaf_sums(sheet: Sheet, resolved: Sequence[Mapping[str, Option]]) -> dict[str, Decimal]:
    """Each leaf's points summed over the sheets, for the leaves some sheet answered."""
    answered = {code for r in resolved for code in r}
    return {
        leaf.code: sum((r[leaf.code].points for r in resolved if leaf.code in r), Decimal(0))
        for leaf in sheet.active_leaves(answered)
        if leaf.code in answered
    }


def _majority(leaf: Criterion, resolved: Sequence[Mapping[str, Option]]) -> Option | None:
    """The option most sheets chose for ``leaf`` (``None``: left blank); ties go to the lower
    points, then to the blank and the sheet's order, so the members' order never matters."""
    votes = Counter(r[leaf.code].code if leaf.code in r else None for r in resolved)
    top = max(votes.values())
    candidates: list[Option | None] = [None, *leaf.options]
    tied = [o for o in candidates if votes[o.code if o else None] == top]
    return min(tied, key=_points)


def _points(option: Option | None) -> Decimal:
    return option.points if option else Decimal(0)


def evaluate_points(
    sheet: Sheet, points: Mapping[str, Decimal], *, chosen: Mapping[str, Option] | None = None
) -> Result:
    """Score one sheet from points per leaf (chosen options, or a council's mean)."""
    return _score(sheet, points, chosen=chosen or {})


def _score(
    sheet: Sheet,
    points: Mapping[str, Decimal],
    *,
    chosen: Mapping[str, Option],
    judged: Mapping[str, Decimal] | None = None,
    members: int = 1,
) -> Result:
    """The rules of one sheet. ``points`` are per leaf, summed over ``members`` sheets: leaves,
    parts and the total are divided once by ``members``. The minimums are judged on ``judged``
    (a council's majority) or, without it, on the leaves' points."""
    for code in points:
        sheet.leaf(code)  # refuses unknown criteria
    _check_one_case(sheet, points)

    def mean(value: Decimal) -> Decimal:
        return value if members == 1 else value / members

    leaves = list(sheet.active_leaves(points))
    sums = {leaf.code: Decimal(points.get(leaf.code, 0)) for leaf in leaves}
    got = {code: mean(value) for code, value in sums.items()}
    part_sums = {
        part.code: sum((sums[leaf.code] for leaf in part.active_leaves(points)), Decimal(0))
        for part in sheet.parts
    }
    parts = {code: mean(value) for code, value in part_sums.items()}
    total = mean(sum(part_sums.values(), Decimal(0)))
    judge = got
    if judged is not None:
        judge = {leaf.code: Decimal(judged.get(leaf.code, 0)) for leaf in leaves}
    band = band_stars(total)
    met = [level for level in STAR_LEVELS if not _unmet(leaves, judge, level)]
    highest_met = max(met) if met else 2
    stars = min(band, highest_met)
    unmet = tuple(u for u in _unmet(leaves, judge, band) if u.required_star <= band)
    unanswered = tuple(leaf.code for leaf in leaves if leaf.code not in points)
    next_star = _next_star(leaves, got, chosen, total, stars, judge) if stars < 5 else None
    return Result(total, parts, band, stars, unmet, unanswered, next_star)


def _unmet(
    leaves: Sequence[Criterion], got: Mapping[str, Decimal], level: int
) -> list[UnmetMinimum]:
    unmet = []
    for leaf in leaves:
        for option in leaf.options:
            if option.min_star is None or option.min_star > level:
                continue
            if got[leaf.code] < option.points:
                unmet.append(
                    UnmetMinimum(leaf.code, option.min_star, option.points, got[leaf.code])
                )
    # One row per criterion and star: the strictest mark of that star.
    strictest: dict[tuple[str, int], UnmetMinimum] = {}
    for u in unmet:
        key = (u.criterion, u.required_star)
        if key not in strictest or u.required_points > strictest[key].required_points:
            strictest[key] = u
    return sorted(strictest.values(), key=lambda u: (u.required_star, code_key(u.criterion)))


def _next_star(
    leaves: Sequence[Criterion],
    got: Mapping[str, Decimal],
    chosen: Mapping[str, Option],
    total: Decimal,
    stars: int,
    judge: Mapping[str, Decimal],
) -> NextStar:
    """The fewest upgrades that lift the product from ``stars`` to ``stars + 1``; the minimums
    are judged on ``judge`` (``got`` but for a council's majority), the points on ``got``."""
    target = max(stars + 1, CERTIFIABLE_FROM)
    floor = BAND_FLOOR[target]
    unmet = tuple(_unmet(leaves, judge, target))
    new_points = dict(got)
    upgrades: dict[str, Upgrade] = {}

    def upgrade(leaf: Criterion, option: Option) -> None:
        current = chosen.get(leaf.code)
        # A council's mean can already exceed an option its majority misses: never a loss.
        new_points[leaf.code] = max(option.points, got[leaf.code])
        upgrades[leaf.code] = Upgrade(
            leaf.code,
            current.code if current else None,
            option.code,
            new_points[leaf.code] - got[leaf.code],
        )

    # 1. Every unmet minimum of the target level: the cheapest option that meets it.
    by_code = {leaf.code: leaf for leaf in leaves}
    for code in dict.fromkeys(u.criterion for u in unmet):
        leaf = by_code[code]
        need = leaf.required_points(target)
        assert need is not None  # an unmet minimum has a marked option
        option = min((o for o in leaf.options if o.points >= need), key=lambda o: o.points)
        upgrade(leaf, option)
    # 2. Then the points still missing, with as few upgrades as possible (largest gains first).
    # (From the total, divided once, rather than by adding up a council's rounded means.)
    missing = floor - total - sum((u.gain for u in upgrades.values()), Decimal(0))
    candidates = sorted(
        (leaf for leaf in leaves if leaf.code not in upgrades),
        key=lambda leaf: max(o.points for o in leaf.options) - new_points[leaf.code],
        reverse=True,
    )
    for leaf in candidates:
        if missing <= 0:
            break
        best = max(o.points for o in leaf.options)
        if best <= new_points[leaf.code]:
            break
        enough = [o for o in leaf.options if o.points - new_points[leaf.code] >= missing]
        option = (
            min(enough, key=lambda o: o.points)
            if enough
            else max(leaf.options, key=lambda o: o.points)
        )
        missing -= option.points - new_points[leaf.code]
        upgrade(leaf, option)
    return NextStar(
        stars=target,
        points_needed=max(floor - total, Decimal(0)),
        unmet_minimums=unmet,
        upgrades=tuple(upgrades.values()),
        reachable=missing <= 0,
    )


def sheet_from_dict(data: Mapping[str, Any]) -> Sheet:
    """Build a sheet from the JSON shape of the API and the data files."""

    def criterion(c: Mapping[str, Any]) -> Criterion:
        variants = c.get("variants")
        return Criterion(
            code=c["code"],
            name=c["name"],
            max_points=Decimal(str(c.get("max_points") or max(o["points"] for o in c["options"]))),
            criteria=tuple(criterion(x) for x in (variants or c.get("criteria", ()))),
            exclusive=bool(variants),
            options=tuple(
                Option(o["code"], o["text"], Decimal(str(o["points"])), o.get("min_star"))
                for o in c.get("options", ())
            ),
        )

    return Sheet(
        code=data["code"],
        name=data["name"],
        parts=tuple(
            Part(
                p["code"],
                p["name"],
                Decimal(str(p["max_points"])),
                tuple(criterion(c) for c in p["criteria"]),
            )
            for p in data["parts"]
        ),
    )
