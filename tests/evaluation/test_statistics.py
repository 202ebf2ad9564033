"""How members score across products: the pure computations, then the office's page."""

import math

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from ocop.evaluation import statistics as stats
from ocop.evaluation.statistics import MemberSheet, ProductScores
from ocop.evaluation.walk import member_answers, score


def product(key, totals, *, self_total=None, points=None):
    """A product scored by members ``m0, m1, …`` with these totals (and criterion points)."""
    points = points or [{} for _ in totals]
    sheets = [
        MemberSheet(f"m{i}", total, 3, p)
        for i, (total, p) in enumerate(zip(totals, points, strict=True))
    ]
    return ProductScores(key, f"Sản phẩm {key}", sheets, self_total)


def by_member(rows):
    return {row.member: row for row in rows}


# --- members -----------------------------------------------------------------------------


def test_a_member_who_always_scores_higher_is_flagged_lenient():
    # m0 gives 8 points more than m1 and m2 on every product: 8 − 8/3 ≈ +5.3 from the mean.
    products = [product(k, [t + 8, t, t]) for k, t in (("a", 60), ("b", 72), ("c", 85))]
    rows = by_member(stats.member_deviations(products))
    assert rows["m0"].flag == "lenient"
    assert rows["m0"].mean == pytest.approx(16 / 3)
    assert rows["m0"].sheets == rows["m0"].compared == 3
    assert rows["m1"].mean == pytest.approx(-8 / 3) and rows["m1"].flag is None
    assert stats.member_deviations(products)[0].member == "m0"  # most deviant first


def test_a_member_below_the_others_is_strict_and_one_who_swings_is_erratic():
    products = [
        product("a", [50, 62, 62, 70]),  # m0 −11; m3 +9
        product("b", [52, 62, 62, 54]),  # m0 −5.5; m3 −3.5
        product("c", [40, 55, 55, 80]),  # m0 −17.5; m3 +22.5
        product("d", [60, 70, 70, 50]),  # m0 −2.5; m3 −12.5
    ]
    rows = by_member(stats.member_deviations(products))
    assert rows["m0"].flag == "strict"
    assert rows["m3"].mean == pytest.approx(3.875) and rows["m3"].flag == "erratic"
    assert rows["m3"].largest == pytest.approx(22.5)
    assert rows["m1"].flag is None


def test_the_threshold_is_a_parameter_with_a_documented_default():
    products = [product("a", [66, 60, 60])]  # m0: +4
    assert by_member(stats.member_deviations(products))["m0"].flag is None
    assert by_member(stats.member_deviations(products, threshold=4))["m0"].flag == "lenient"
    assert stats.DEVIATION_FLAG == 5


def test_a_product_scored_by_one_member_compares_nobody():
    products = [product("a", [90]), product("b", [70, 60])]
    rows = by_member(stats.member_deviations(products))
    assert (rows["m0"].sheets, rows["m0"].compared, rows["m0"].mean) == (2, 1, 5)
    assert stats.deviations(products[0]) == {}


@given(st.lists(st.floats(min_value=0, max_value=100), min_size=2, max_size=12))
def test_deviations_sum_to_zero_on_every_product(totals):
    deviations = stats.deviations(product("a", totals))
    assert len(deviations) == len(totals)
    assert math.fsum(deviations.values()) == pytest.approx(0, abs=1e-9)


# --- criteria ----------------------------------------------------------------------------


def test_the_most_disagreed_criterion_comes_first():
    agree = {"S21|1.1": 3.0, "S21|1.2": 2.0}
    products = [
        product(
            "a",
            [60, 60, 60],
            points=[
                {**agree, "S21|2.1": 5.0},
                {**agree, "S21|2.1": 1.0},
                {**agree, "S21|2.1": 3.0},
            ],
        ),
        product(
            "b",
            [60, 60],
            points=[{**agree, "S21|2.1": 4.0, "S21|1.2": 1.0}, {**agree, "S21|2.1": 2.0}],
        ),
        product("c", [60], points=[{"S21|3.1": 0.0}]),  # one sheet: no disagreement to see
    ]
    rows = stats.criterion_spreads(products)
    assert [r.criterion for r in rows] == ["S21|2.1", "S21|1.2"]  # all agree on 1.1
    first = rows[0]
    assert first.products == 2
    assert first.mean_range == pytest.approx((4 + 2) / 2)
    assert first.mean_stdev == pytest.approx((math.sqrt(8 / 3) + 1) / 2)
    assert rows[-1].mean_stdev == pytest.approx(0.25)  # 1.2: (0 on a, 0.5 on b) / 2
    assert first.bar.width == stats.SCALE


def test_only_the_top_ten_criteria_are_kept():
    points = [{f"S|{i}": float(i) for i in range(15)}, {f"S|{i}": 0.0 for i in range(15)}]
    rows = stats.criterion_spreads([product("a", [50, 50], points=points)])
    assert len(rows) == 10 and rows[0].criterion == "S|14"


# --- self-assessment ---------------------------------------------------------------------


def test_the_gap_is_self_assessment_minus_the_council_mean():
    products = [
        product("a", [70, 74], self_total=80),
        product("b", [60, 64], self_total=55),
        product("c", [50, 52]),  # no filed self-assessment
    ]
    gaps = {g.product: g for g in stats.self_gaps(products)}
    assert (gaps["a"].council_mean, gaps["a"].gap) == (72, 8)
    assert gaps["b"].gap == -7
    assert gaps["c"].gap is None and gaps["c"].self_total is None
    assert gaps["a"].bar.x == stats.SCALE // 2  # right of the middle
    assert gaps["b"].bar.x + gaps["b"].bar.width == stats.SCALE // 2  # left of it
    assert stats.summarize(products).mean_gap == pytest.approx(0.5)


# --- distributions -----------------------------------------------------------------------


def test_totals_and_stars_are_counted_in_their_bins():
    bins = stats.total_bins([0, 9.99, 10, 55, 100, 90])
    assert [b.label for b in bins][:2] == ["0–10", "10–20"] and bins[-1].label == "90–100"
    assert [b.count for b in bins] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert bins[0].bar.width == stats.SCALE and bins[1].bar.width == stats.SCALE // 2
    stars = stats.star_bins([3, 3, 4, 5, 3])
    assert [(b.label, b.count) for b in stars] == [("1", 0), ("2", 0), ("3", 3), ("4", 1), ("5", 1)]


def test_summary_of_nothing_is_empty_not_an_error():
    summary = stats.summarize([])
    assert summary.sheets == 0 and summary.mean_total is None and summary.members == []
    assert all(b.count == 0 and b.bar.width == 0 for b in summary.totals)


# --- the page ----------------------------------------------------------------------------


@pytest.fixture
def scored(evaluation, scorers):
    """All five members scored; the first one lower on its first 6 criteria."""
    sheet = evaluation.dossier.criteria_set.sheet()
    for i, user in enumerate(scorers):
        score(evaluation, user, member_answers(sheet, lower=6 if i == 0 else 0))
    return evaluation


def test_the_office_sees_the_round_statistics(client_for, scored, province_officer, scorers):
    url = reverse("evaluation:round_statistics", args=[scored.round.code])
    response = client_for(province_officer).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "5 phiếu đã nộp và ký của 1 sản phẩm" in page
    assert scorers[0].full_name in page and scored.dossier.product.name in page
    assert "<svg" in page and "style=" not in page  # bars as SVG attributes: strict CSP
    members = response.context["members"]
    assert members[0][0].user == scorers[0] and members[0][1].mean < 0  # scored lowest
    round_page = client_for(province_officer).get(
        reverse("evaluation:round", args=[scored.round.code])
    )
    assert url in round_page.content.decode()


def test_members_and_other_provinces_do_not_see_the_statistics(
    client_for, scored, chair, other_province_officer, central_officer
):
    url = reverse("evaluation:round_statistics", args=[scored.round.code])
    assert client_for(chair).get(url).status_code == 404
    assert (
        url
        not in client_for(chair)
        .get(reverse("evaluation:round", args=[scored.round.code]))
        .content.decode()
    )
    assert client_for(other_province_officer).get(url).status_code == 404
    council_url = reverse("evaluation:council_statistics", args=[scored.round.council.code])
    assert client_for(chair).get(council_url).status_code == 404
    response = client_for(central_officer).get(council_url)
    assert response.status_code == 200 and response.context["stats"].sheets == 5
