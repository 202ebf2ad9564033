"""The evaluation fixtures (a Hà Nội council, a round with an accepted product), and
products closed at each kind of result."""

import pytest

from ocop.evaluation import actions as evaluation_actions
from ocop.evaluation.walk import member_answers, score


def answers_at(sheet, level):
    """Every criterion at its best ("best") or lowest ("worst") option, first case only."""
    skipped = {
        leaf.code
        for group in sheet.exclusive_groups()
        for case in group.criteria[1:]
        for leaf in case.leaves()
    }
    pick = max if level == "best" else min
    return {
        leaf.code: pick(leaf.options, key=lambda o: o.points).code
        for leaf in sheet.leaves()
        if leaf.code not in skipped
    }


@pytest.fixture
def close_with(scorers, chair):
    """``close_with(evaluation, "best" | "worst" | None)``: four members score it alike
    (None: near-best answers), the chair closes it."""

    def close(evaluation, level=None):
        sheet = evaluation.dossier.criteria_set.sheet()
        answers = member_answers(sheet) if level is None else answers_at(sheet, level)
        for member in scorers[:4]:
            score(evaluation, member, answers)
        return evaluation_actions.close(evaluation, actor=chair)

    return close


@pytest.fixture
def two_more(round_and_products, producer, producer_user, bring, province_officer):
    """Two more products of the producer accepted into the same round."""
    from ocop.dossiers import actions as dossier_actions
    from ocop.evaluation import councils
    from ocop.legal.models import ProductSet
    from ocop.products import actions as product_actions

    rnd, _ = round_and_products
    dossiers = []
    for name in ("Đĩa gốm", "Chén gốm"):
        product = product_actions.create_product(
            producer, actor=producer_user, product_set=ProductSet.objects.get(number=21), name=name
        )
        draft = dossier_actions.start_dossier(product, actor=producer_user, kind="first")
        dossiers.append(bring(draft, "accepted"))
    return councils.add_dossiers(rnd, dossiers, actor=province_officer)
