"""The scoring engine's rules, on a small sheet shaped like the real ones (A 40, B 25, C 35)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.criteria import engine
from ocop.criteria.engine import band_stars, evaluate, evaluate_points, mean_points


def leaf(code, *options):
    """options: (points, min_star) pairs; option codes are <code>.a, <code>.b, ..."""
    opts = tuple(
        engine.Option(f"{code}.{chr(97 + i)}", f"option {i}", D(p), star)
        for i, (p, star) in enumerate(options)
    )
    return engine.Criterion(code, f"criterion {code}", max(o.points for o in opts), options=opts)


def group(code, *children):
    return engine.Criterion(
        code, f"group {code}", sum((c.max_points for c in children), D(0)), criteria=children
    )


SHEET = engine.Sheet(
    "TEST",
    "test sheet",
    (
        engine.Part(
            "A",
            "A",
            D(40),
            (
                group(
                    "1",
                    leaf("1.1", (0, None), (5, 3), (10, None)),
                    leaf("1.2", (0, None), (10, None)),
                ),
                leaf("2", (0, None), (4, None), (10, 4), (20, 5)),
            ),
        ),
        engine.Part("B", "B", D(25), (leaf("3", (0, None), (10, None), (25, None)),)),
        engine.Part(
            "C",
            "C",
            D(35),
            (
                leaf("4", (0, None), (15, 3), (20, None)),
                leaf("5", (0, None), (5, None), (15, None)),
            ),
        ),
    ),
)
LEAVES = {lf.code: lf for lf in SHEET.leaves()}


def best(**override):
    answers = {code: max(lf.options, key=lambda o: o.points).code for code, lf in LEAVES.items()}
    answers.update({k.replace("_", "."): v for k, v in override.items()})
    return answers


def test_sheet_sums_to_100():
    assert SHEET.max_points == 100
    assert [p.max_points for p in SHEET.parts] == [40, 25, 35]


@pytest.mark.parametrize(
    ("total", "stars"),
    [
        ("0", 1),
        ("29.99", 1),
        ("30", 2),
        ("49.99", 2),
        ("50", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),
        ("90", 5),
        ("100", 5),
    ],
)
def test_band_is_half_open(total, stars):
    assert band_stars(D(total)) == stars


def test_full_marks_give_five_stars():
    result = evaluate(SHEET, best())
    assert (result.total, result.band_stars, result.stars) == (100, 5, 5)
    assert result.parts == {"A": 40, "B": 25, "C": 35}
    assert result.certifiable and result.unmet_minimums == () and result.next_star is None


def test_missing_a_five_star_mark_caps_at_four():
    result = evaluate(SHEET, best(**{"2": "2.c"}))  # 10 instead of 20: total 90, 5★ mark missed
    assert (result.total, result.band_stars, result.stars) == (90, 5, 4)
    assert result.unmet_minimums == (engine.UnmetMinimum("2", 5, D(20), D(10)),)


def test_missing_a_three_star_mark_gives_at_most_two_stars():
    result = evaluate(SHEET, best(**{"4": "4.a"}))  # total 80, but criterion 4 has 0 < 15 (3★)
    assert (result.band_stars, result.stars, result.certifiable) == (4, 2, False)
    assert engine.UnmetMinimum("4", 3, D(15), D(0)) in result.unmet_minimums


def test_marks_accumulate_four_stars_needs_the_three_star_marks():
    # Band 4 (total 70), 4★ mark of criterion 2 met, 3★ mark of criterion 1.1 missed.
    answers = best(**{"1.1": "1.1.a", "2": "2.c", "5": "5.b"})
    result = evaluate(SHEET, answers)
    assert result.total == 70 and result.stars == 2


def test_unanswered_leaves_score_zero_and_are_listed():
    result = evaluate(SHEET, {"3": "3.c"})
    assert result.total == 25
    assert result.unanswered == ("1.1", "1.2", "2", "4", "5")


def test_unknown_codes_name_the_bad_code():
    with pytest.raises(engine.UnknownCriterion) as exc:
        evaluate(SHEET, {"9.9": "9.9.a"})
    assert exc.value.code == "9.9"
    with pytest.raises(engine.UnknownOption) as exc:
        evaluate(SHEET, {"3": "4.a"})  # an option of another criterion
    assert exc.value.code == "4.a"


def test_council_mean_uses_the_same_rules():
    a = best()
    b = best(**{"3": "3.b", "2": "2.c"})  # 100 and 75
    points = mean_points(SHEET, [a, b])
    result = evaluate_points(SHEET, points)
    assert result.total == D("87.5")
    assert result.stars == 4  # band 4; the mean 15 of criterion 2 misses its 5★ mark anyway


def test_next_star_lists_the_fewest_upgrades():
    result = evaluate(SHEET, best(**{"2": "2.c"}))  # 4★, 5★ needs criterion 2 at 20
    nxt = result.next_star
    assert nxt.stars == 5 and nxt.reachable
    assert nxt.upgrades == (engine.Upgrade("2", "2.c", "2.d", D(10)),)


answers_strategy = st.fixed_dictionaries(
    {},
    optional={code: st.sampled_from([o.code for o in lf.options]) for code, lf in LEAVES.items()},
)


@given(answers_strategy)
def test_total_stays_within_the_sheet_and_stars_within_the_band(answers):
    result = evaluate(SHEET, answers)
    assert 0 <= result.total <= 100
    assert 1 <= result.stars <= result.band_stars
    assert sum(result.parts.values()) == result.total


@given(answers_strategy, st.sampled_from(sorted(LEAVES)))
def test_raising_an_option_never_lowers_total_or_stars(answers, code):
    before = evaluate(SHEET, answers)
    current = answers.get(code)
    current_points = next((o.points for o in LEAVES[code].options if o.code == current), D(0))
    for option in LEAVES[code].options:
        if option.points >= current_points:
            after = evaluate(SHEET, {**answers, code: option.code})
            assert after.total >= before.total
            assert after.stars >= before.stars


@given(answers_strategy)
def test_applying_next_star_upgrades_reaches_that_star(answers):
    result = evaluate(SHEET, answers)
    if result.next_star is None or not result.next_star.reachable:
        return
    upgraded = {**answers, **{u.criterion: u.to_option for u in result.next_star.upgrades}}
    assert evaluate(SHEET, upgraded).stars >= result.next_star.stars


CASES = engine.Sheet(
    "CASES",
    "two cases",
    (
        engine.Part(
            "A",
            "A",
            D(10),
            (
                engine.Criterion(
                    "8",
                    "either case",
                    D(3),
                    criteria=(leaf("8.a", (1, None), (3, 3)), leaf("8.b", (1, None), (3, None))),
                    exclusive=True,
                ),
                leaf("9", (0, None), (7, None)),
            ),
        ),
    ),
)


def test_only_the_answered_case_scores_and_carries_marks():
    assert CASES.max_points == 10
    result = evaluate(CASES, {"8.b": "8.b.a", "9": "9.b"})
    assert result.total == 8 and result.unanswered == ()
    assert all(u.criterion != "8.a" for u in evaluate(CASES, {"8.b": "8.b.a"}).unmet_minimums)
    assert evaluate(CASES, {"8.a": "8.a.a"}).next_star.unmet_minimums[0].criterion == "8.a"


def test_answering_both_cases_is_refused_naming_the_criterion():
    with pytest.raises(engine.TwoCasesAnswered) as exc:
        evaluate(CASES, {"8.a": "8.a.a", "8.b": "8.b.a"})
    assert exc.value.code == "8"


def test_unanswered_cases_list_only_the_first_case():
    assert evaluate(CASES, {}).unanswered == ("8.a", "9")
