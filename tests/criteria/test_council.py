"""A council's result (several members' sheets) on the real sets: set 1 (many star minimums)
and set 26 (community tourism, whose criteria 8, 9 and 15 offer two cases)."""

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.criteria import engine
from ocop.criteria.engine import (
    MINIMUMS_MAJORITY,
    MINIMUMS_MEAN,
    MINIMUMS_RULES,
    evaluate,
    evaluate_council,
    evaluate_points,
    majority_points,
    mean_points,
)

SETS_DIR = Path(__file__).resolve().parents[2] / "ocop/criteria/data/qd-26-2026/sets"


def load(number):
    """A set's sheet as the app builds it (CriteriaSet.sheet()), straight from the data file."""
    raw = json.loads((SETS_DIR / f"S{number:02d}.json").read_text())
    return engine.sheet_from_dict({**raw, "code": f"QD26-2026-S{number:02d}"})


S01 = load(1)
S26 = load(26)


def best(sheet, cases=(), **override):
    """Every leaf at its top option (of set 26's choices, only the ``cases`` given, else the
    first case); ``override`` as {"4_1": "4.1-2"}."""
    skip = set()
    for group in sheet.exclusive_groups():
        chosen = next((c for c in group.criteria if c.code in cases), group.criteria[0])
        skip |= {leaf.code for c in group.criteria if c is not chosen for leaf in c.leaves()}
    answers = {
        leaf.code: max(leaf.options, key=lambda o: o.points).code
        for leaf in sheet.leaves()
        if leaf.code not in skip
    }
    answers.update({k.replace("_", "."): v for k, v in override.items()})
    return answers


def test_best_helper_answers_one_case_per_choice():
    assert {"8.b", "9.a", "15.a"} <= best(S26, ("8.b",)).keys()
    assert not {"8.a", "9.b", "15.b"} & best(S26, ("8.b",)).keys()


# --- Hypothesis: members' sheets, all on the same case of each choice ----------------------


@st.composite
def councils(draw, sheet, min_size=1, max_size=9):
    """Members' answers (leaves may be left blank) that agree on set 26's cases."""
    cases = {g.code: draw(st.sampled_from(g.criteria)) for g in sheet.exclusive_groups()}
    other = {
        leaf.code
        for g in sheet.exclusive_groups()
        for case in g.criteria
        if case is not cases[g.code]
        for leaf in case.leaves()
    }
    member = st.fixed_dictionaries(
        {},
        optional={
            leaf.code: st.sampled_from([o.code for o in leaf.options])
            for leaf in sheet.leaves()
            if leaf.code not in other
        },
    )
    return draw(st.lists(member, min_size=min_size, max_size=max_size))


sheets = st.sampled_from([S01, S26])
rules = st.sampled_from(MINIMUMS_RULES)


@given(st.data(), sheets, rules)
def test_council_of_one_member_equals_evaluate(data, sheet, rule):
    [answers] = data.draw(councils(sheet, max_size=1))
    assert evaluate_council(sheet, [answers], minimums=rule) == evaluate(sheet, answers)


@given(st.data(), sheets, rules, st.integers(2, 9))
def test_council_of_identical_sheets_equals_evaluate(data, sheet, rule, n):
    [answers] = data.draw(councils(sheet, max_size=1))
    assert evaluate_council(sheet, [answers] * n, minimums=rule) == evaluate(sheet, answers)


@given(st.data(), sheets, rules)
def test_council_total_and_parts_are_the_means_of_the_members(data, sheet, rule):
    members = data.draw(councils(sheet))
    alone = [evaluate(sheet, answers) for answers in members]
    n = len(members)
    result = evaluate_council(sheet, members, minimums=rule)
    assert result.total == sum((r.total for r in alone), D(0)) / n
    for part in sheet.parts:
        assert result.parts[part.code] == sum((r.parts[part.code] for r in alone), D(0)) / n
    assert result.band_stars == engine.band_stars(result.total)
    assert 1 <= result.stars <= result.band_stars
    assert set(result.unanswered) == set.intersection(*(set(r.unanswered) for r in alone))


@given(st.data(), sheets, rules)
def test_council_result_ignores_the_members_order(data, sheet, rule):
    members = data.draw(councils(sheet))
    shuffled = data.draw(st.permutations(members))
    assert evaluate_council(sheet, shuffled, minimums=rule) == evaluate_council(
        sheet, members, minimums=rule
    )


@given(st.data(), sheets)
def test_council_rules_share_the_band_and_the_total(data, sheet):
    members = data.draw(councils(sheet))
    mean = evaluate_council(sheet, members, minimums=MINIMUMS_MEAN)
    majority = evaluate_council(sheet, members, minimums=MINIMUMS_MAJORITY)
    assert (majority.total, majority.parts, majority.band_stars) == (
        mean.total,
        mean.parts,
        mean.band_stars,
    )


# --- Exact means ----------------------------------------------------------------------------


def lowered_by_two(*codes):
    """Set 1 at full marks but ``codes`` two points lower (none of them breaks a minimum)."""
    answers = best(S01)
    for code in codes:
        leaf = S01.leaf(code)
        top = max(o.points for o in leaf.options)
        answers[code] = next(o.code for o in leaf.options if o.points == top - 2)
    return answers


def test_council_total_on_a_band_floor_is_not_lowered_by_thirds():
    # Three sheets of exactly 90 each (5★ alone), each 2 points short on other leaves: 15
    # leaf means end in .333…, which added up fall short of 90.
    members = [
        lowered_by_two("1.1", "1.4", "1.6", "3.1", "3.3"),
        lowered_by_two("12", "7", "4.3", "5.3", "8"),
        lowered_by_two("10", "4.2", "6.3", "6.4", "1.2"),
    ]
    assert [(r.total, r.stars) for r in (evaluate(S01, a) for a in members)] == [(90, 5)] * 3
    assert sum(mean_points(S01, members).values()) < 90  # the hazard this test is about
    result = evaluate_council(S01, members)
    assert (result.total, result.band_stars, result.stars) == (90, 5, 5)
    assert result.parts == {"A": 36, "B": 23, "C": 31}


# --- Set 26: alternative cases ---------------------------------------------------------------


def test_set26_council_on_the_same_case_scores_that_case():
    members = [
        best(S26, ("8.b", "9.b", "15.a")),
        best(S26, ("8.b", "9.b", "15.a"), **{"8_b": "8.b-1", "6": "6-1"}),  # 3 → 1, 3 → 1
        best(S26, ("8.b", "9.b", "15.a"), **{"9_b": "9.b-1"}),  # 2 → 1
    ]
    points = mean_points(S26, members)
    assert {"8.b", "9.b", "15.a"} <= points.keys()
    assert not {"8.a", "9.a", "15.b"} & points.keys()
    assert points["8.b"] == D(7) / 3
    result = evaluate_council(S26, members)
    assert result.total == D(100 + 96 + 99) / 3
    assert result.parts["C"] == D(35 + 31 + 34) / 3
    assert result.unanswered == () and result.stars == 5
    # The existing path (mean points, then the one-sheet rules) works again for set 26.
    assert evaluate_points(S26, points).stars == 5


def test_set26_council_member_without_a_case_does_not_split_it():
    members = [best(S26, ("8.b",)), best(S26, ("8.b",))]
    blank = {k: v for k, v in best(S26, ("8.b",)).items() if not k.startswith("8.")}
    result = evaluate_council(S26, [*members, blank])
    assert mean_points(S26, [*members, blank])["8.b"] == 2  # (3 + 3 + 0) / 3
    assert result.total == D(100 + 100 + 97) / 3 and result.unanswered == ()
    assert majority_points(S26, [members[0], blank])["8.b"] == 0  # 3 against a blank: lower


@pytest.mark.parametrize("rule", MINIMUMS_RULES)
def test_set26_council_on_different_cases_raises_cases_differ(rule):
    members = [best(S26, ("8.a",)), best(S26, ("8.a",)), best(S26, ("8.b",))]
    for compute in (
        lambda: evaluate_council(S26, members, minimums=rule),
        lambda: mean_points(S26, members),
        lambda: majority_points(S26, members),
    ):
        with pytest.raises(engine.CasesDiffer) as exc:
            compute()
        assert (exc.value.code, exc.value.cases) == ("8", ("8.a", "8.b"))
        assert isinstance(exc.value, engine.EvaluationError)
        assert not isinstance(exc.value, engine.TwoCasesAnswered)


def test_set26_council_split_names_the_split_criterion():
    members = [best(S26, ("8.a", "15.a")), best(S26, ("8.a", "15.b"))]
    with pytest.raises(engine.CasesDiffer) as exc:
        evaluate_council(S26, members)
    assert (exc.value.code, exc.value.cases) == ("15", ("15.a", "15.b"))


def test_set26_council_member_answering_both_cases_is_refused_as_for_one_sheet():
    both = {**best(S26, ("8.a",)), "8.b": "8.b-1"}
    with pytest.raises(engine.TwoCasesAnswered) as exc:
        evaluate_council(S26, [best(S26, ("8.a",)), both])
    assert exc.value.code == "8"


# --- Star minimums: mean or majority ---------------------------------------------------------
# Set 1, criterion 4.1: 1, 2 (3★ mark), 3 (4★ mark), 5 (5★ mark); all else at full marks.


def with_4_1(*options):
    return [best(S01, **{"4_1": option}) for option in options]


def test_majority_fails_a_minimum_the_mean_meets():
    members = with_4_1("4.1-2", "4.1-2", "4.1-4")  # 2, 2, 5: mean 3 meets 4★, majority 2 not
    mean = evaluate_council(S01, members, minimums=MINIMUMS_MEAN)
    majority = evaluate_council(S01, members, minimums=MINIMUMS_MAJORITY)
    assert mean.total == majority.total == 98 and mean.band_stars == 5
    assert (mean.stars, majority.stars) == (4, 3)
    assert mean.unmet_minimums == (engine.UnmetMinimum("4.1", 5, D(5), D(3)),)
    assert majority.unmet_minimums == (
        engine.UnmetMinimum("4.1", 4, D(3), D(2)),
        engine.UnmetMinimum("4.1", 5, D(5), D(2)),
    )
    assert majority_points(S01, members)["4.1"] == 2 and mean_points(S01, members)["4.1"] == 3


def test_majority_meets_a_minimum_the_mean_fails():
    members = with_4_1("4.1-3", "4.1-3", "4.1-1")  # 3, 3, 1: mean 7/3 misses 4★, majority 3
    mean = evaluate_council(S01, members, minimums=MINIMUMS_MEAN)
    majority = evaluate_council(S01, members, minimums=MINIMUMS_MAJORITY)
    assert mean.total == majority.total == D(98 + 98 + 96) / 3
    assert (mean.stars, majority.stars) == (3, 4)
    assert engine.UnmetMinimum("4.1", 4, D(3), D(7) / 3) in mean.unmet_minimums


@pytest.mark.parametrize(
    "options",
    [
        ("4.1-2", "4.1-2", "4.1-4", "4.1-4"),
        ("4.1-4", "4.1-4", "4.1-2", "4.1-2"),
        ("4.1-4", "4.1-2"),
        ("4.1-2", "4.1-4"),
    ],
)
def test_majority_tie_takes_the_lower_option(options):
    # A tie of 2 points (meets 3★ only) and 5 (meets 5★); the mean 3.5 meets 4★.
    members = with_4_1(*options)
    assert majority_points(S01, members)["4.1"] == 2
    assert evaluate_council(S01, members, minimums=MINIMUMS_MAJORITY).stars == 3
    assert evaluate_council(S01, members, minimums=MINIMUMS_MEAN).stars == 4


def test_majority_plurality_wins_over_a_tie_of_others():
    members = with_4_1("4.1-1", "4.1-2", "4.1-3", "4.1-3")  # 3 chosen twice, 1 and 2 once
    assert majority_points(S01, members)["4.1"] == 3
    assert evaluate_council(S01, members, minimums=MINIMUMS_MAJORITY).stars == 4


def test_majority_next_star_lists_the_minimum_the_majority_misses():
    members = with_4_1("4.1-2", "4.1-2", "4.1-2", "4.1-4", "4.1-4")  # majority 2, mean 3.2
    result = evaluate_council(S01, members, minimums=MINIMUMS_MAJORITY)
    assert result.stars == 3
    nxt = result.next_star
    assert nxt.stars == 4 and nxt.reachable
    assert nxt.unmet_minimums == (engine.UnmetMinimum("4.1", 4, D(3), D(2)),)
    # The mean (3.2) is already above option 4.1-3: no points lost, and no agreed option.
    assert nxt.upgrades == (engine.Upgrade("4.1", None, "4.1-3", D(0)),)


def test_council_upgrade_names_the_current_option_only_when_all_members_chose_it():
    agreed = with_4_1("4.1-1", "4.1-1")  # 1 misses the 3★ mark (2): stars 2
    [upgrade] = evaluate_council(S01, agreed).next_star.upgrades
    assert (upgrade.from_option, upgrade.to_option, upgrade.gain) == ("4.1-1", "4.1-2", D(1))
    blank = {k: v for k, v in best(S01).items() if k != "4.1"}
    for members in (with_4_1("4.1-1", "4.1-3", "4.1-1", "4.1-1"), [*with_4_1("4.1-3"), blank]):
        result = evaluate_council(S01, members)
        assert result.stars == 2
        [upgrade] = result.next_star.upgrades
        assert (upgrade.criterion, upgrade.from_option) == ("4.1", None)


# --- Refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["median", "Mean", ""])
def test_council_unknown_minimums_rule_is_refused(rule):
    with pytest.raises(ValueError, match="unknown minimums rule") as exc:
        evaluate_council(S01, [best(S01)], minimums=rule)
    assert not isinstance(exc.value, engine.EvaluationError)


def test_council_rule_names_are_the_settings_values():
    assert (MINIMUMS_MEAN, MINIMUMS_MAJORITY) == ("mean", "majority") == MINIMUMS_RULES


@pytest.mark.parametrize("compute", [evaluate_council, mean_points, majority_points])
def test_council_without_sheets_raises_no_sheets(compute):
    with pytest.raises(engine.NoSheets) as exc:
        compute(S01, [])
    assert exc.value.code == "QD26-2026-S01"
    assert not isinstance(exc.value, engine.EvaluationError)


def test_council_bad_code_in_one_sheet_names_it():
    with pytest.raises(engine.UnknownOption) as exc:
        evaluate_council(S01, [best(S01), best(S01, **{"4_1": "4.1-9"})])
    assert exc.value.code == "4.1-9"
