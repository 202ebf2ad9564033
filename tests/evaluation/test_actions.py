"""Councils score a product: declarations and recusal, sheets, spread, quorum, the result."""

import datetime as dt
from decimal import Decimal

import pytest

from ocop.accounts import actions as account_actions
from ocop.accounts.enums import Role
from ocop.audit.models import AuditEntry
from ocop.criteria import engine
from ocop.evaluation import actions, councils, rules
from ocop.evaluation.actions import EvaluationError
from ocop.evaluation.enums import EvaluationState, Level, MemberRole, MinimumsRule, Relation
from ocop.evaluation.models import ScoreSheet
from ocop.evaluation.walk import member_answers, open_round, score
from ocop.places.models import Commune, Province


def totals(evaluation):
    return [Decimal(str(s.result["total"])) for s in actions.submitted_sheets(evaluation)]


# --- councils and rounds -----------------------------------------------------------------


def test_council_is_set_up_by_its_province_only(other_province_officer, province_officer):
    hanoi = Province.objects.get(code="01")
    fields = {
        "name": "Hội đồng",
        "decision_number": "1/QĐ-UBND",
        "decision_date": dt.date(2026, 7, 1),
        "decision_signer": "Chủ tịch UBND",
        "term_from": dt.date(2026, 7, 1),
    }
    with pytest.raises(EvaluationError):
        councils.create_council(
            actor=other_province_officer, level=Level.PROVINCE, province=hanoi, **fields
        )
    with pytest.raises(EvaluationError):
        councils.create_council(actor=province_officer, level=Level.CENTRAL, **fields)
    council = councils.create_council(
        actor=province_officer, level=Level.PROVINCE, province=hanoi, **fields
    )
    # The regulation's settings start at their documented defaults.
    assert (council.quorum_ratio, council.spread_threshold) == (Decimal("0.75"), Decimal("10"))
    assert council.chair_required and not council.members_see_scores
    assert council.minimums_rule == MinimumsRule.MEAN
    assert AuditEntry.objects.filter(verb="council.created", object_id=str(council.pk)).exists()


def test_a_council_has_one_chair(council, province_officer, plain_user):
    with pytest.raises(EvaluationError, match="Chủ tịch"):
        councils.add_member(
            council, plain_user, actor=province_officer, role=MemberRole.CHAIR, office="Sở Y tế"
        )


def test_standard_rounds_take_the_dates_of_article_5(council, province_officer):
    first = councils.create_round(council, actor=province_officer, year=2027, number=1)
    second = councils.create_round(council, actor=province_officer, year=2027, number=2)
    assert (first.proposals_before, first.finish_before) == (
        dt.date(2027, 4, 30),
        dt.date(2027, 6, 30),
    )
    assert (second.proposals_before, second.finish_before) == (
        dt.date(2027, 10, 30),
        dt.date(2027, 12, 30),
    )
    with pytest.raises(EvaluationError, match="đợt bổ sung"):
        councils.create_round(council, actor=province_officer, year=2027, number=3)


def test_an_extra_round_needs_the_regulation_and_the_plan(council, province_officer):
    dates = {"proposals_before": dt.date(2027, 7, 15), "finish_before": dt.date(2027, 8, 30)}
    with pytest.raises(EvaluationError, match="Điều 5"):
        councils.create_round(
            council, actor=province_officer, year=2027, number=3, extra=True, **dates
        )
    rnd = councils.create_round(
        council,
        actor=province_officer,
        year=2027,
        number=3,
        extra=True,
        regulation_reference="Điều 6 Quy chế ban hành kèm QĐ 12/QĐ-UBND",
        plan_reference="Kế hoạch 45/KH-UBND ngày 01/06/2027",
        **dates,
    )
    assert rnd.extra and rnd.finish_before == dt.date(2027, 8, 30)


def test_a_round_takes_only_its_provinces_accepted_dossiers(
    council, province_officer, accepted, producer, producer_user
):
    from ocop.dossiers import actions as dossier_actions
    from ocop.legal.models import ProductSet
    from ocop.products import actions as product_actions

    other = product_actions.create_product(
        producer, actor=producer_user, product_set=ProductSet.objects.get(number=21), name="Chén"
    )
    draft = dossier_actions.start_dossier(other, actor=producer_user, kind="first")
    rnd, added = open_round(council, province_officer, [accepted])
    assert [e.dossier for e in added] == [accepted]
    with pytest.raises(EvaluationError, match=draft.code):
        councils.add_dossiers(rnd, [draft], actor=province_officer)
    with pytest.raises(EvaluationError):  # already in the round
        councils.add_dossiers(rnd, [accepted], actor=province_officer)


def test_another_provinces_officer_cannot_fill_the_round(
    round_and_products, other_province_officer, accepted
):
    rnd, _ = round_and_products
    with pytest.raises(EvaluationError):
        councils.add_dossiers(rnd, [accepted], actor=other_province_officer)


# --- conflicts of interest ---------------------------------------------------------------


def test_a_member_declares_before_scoring(evaluation, scorers):
    member = scorers[1]
    with pytest.raises(EvaluationError, match="khai báo"):
        actions.save_sheet(evaluation, actor=member, answers={})
    councils.declare(evaluation.round, actor=member)
    assert rules.can_score(member, evaluation)


def test_a_declared_relation_recuses_the_member(evaluation, scorers, chair):
    member = scorers[2]
    producer = evaluation.dossier.producer
    councils.declare(evaluation.round, actor=member, relations={producer: (Relation.FAMILY, "")})
    assert not rules.can_score(member, evaluation)
    with pytest.raises(EvaluationError, match="xung đột lợi ích"):
        actions.save_sheet(evaluation, actor=member, answers={})
    standing = actions.standing(evaluation)
    assert member.pk not in {m.user_id for m in standing["eligible"]}
    assert standing["quorum"].eligible == 4  # five scorers, one recused
    assert standing["quorum"].needed == 3


def test_a_link_the_system_sees_is_flagged_without_declaring(evaluation, scorers, chair):
    member = scorers[3]
    account_actions.grant_role(
        member, Role.COMMUNE_OFFICER, actor=None, commune=Commune.objects.get(code="00583")
    )
    seat = rules.seat(member, evaluation.round.council)
    assert rules.recusal_reasons(seat, evaluation) == [str(Relation.COMMUNE_OFFICE.label)]
    declaration = councils.declare(evaluation.round, actor=member)
    assert [i.relation for i in declaration.interests.all()] == [Relation.COMMUNE_OFFICE]
    assert not rules.can_score(member, evaluation)


def test_a_declaration_names_only_producers_of_the_round(evaluation, scorers, other_producer_user):
    from ocop.producers.models import Producer

    stranger = Producer.objects.get(name="Cơ sở Gốm Minh")
    with pytest.raises(EvaluationError):
        councils.declare(
            evaluation.round, actor=scorers[0], relations={stranger: (Relation.OTHER, "")}
        )


def test_the_secretary_does_not_score(evaluation, people):
    with pytest.raises(EvaluationError, match="thành viên chấm điểm"):
        councils.declare(evaluation.round, actor=people["hd.thuky"])


# --- sheets ------------------------------------------------------------------------------


def test_a_sheet_with_unanswered_criteria_is_not_submitted(evaluation, chair):
    answers = member_answers(evaluation.dossier.criteria_set.sheet())
    answers.pop(next(iter(answers)))
    score(evaluation, chair, answers, submit=False)
    with pytest.raises(EvaluationError, match="chưa chấm"):
        actions.submit_sheet(evaluation, actor=chair)
    assert not ScoreSheet.objects.get(evaluation=evaluation).submitted


def test_a_submitted_sheet_is_locked_and_signed(evaluation, chair):
    sheet = score(evaluation, chair)
    assert sheet.submitted_at is not None
    with pytest.raises(EvaluationError, match="đã nộp"):
        actions.submit_sheet(evaluation, actor=chair)
    with pytest.raises(EvaluationError, match="không sửa"):
        actions.save_sheet(evaluation, actor=chair, answers={})
    entry = AuditEntry.objects.get(verb="sheet.submitted", object_id=str(evaluation.pk))
    assert entry.actor == chair and entry.changes["answers"] == sheet.answers


def test_an_unknown_option_is_refused_in_words(evaluation, chair):
    councils.declare(evaluation.round, actor=chair)
    with pytest.raises(EvaluationError) as refused:
        actions.save_sheet(evaluation, actor=chair, answers={"1.1": "1.1-99"})
    assert "1.1-99" in str(refused.value)


# --- spread, discussion, quorum, result ----------------------------------------------------


def test_a_wide_spread_asks_for_discussion_and_the_chair_reopens(evaluation, scorers, chair):
    sheet_def = evaluation.dossier.criteria_set.sheet()
    score(evaluation, chair)
    score(evaluation, scorers[1], member_answers(sheet_def, lower=40))
    evaluation.refresh_from_db()
    assert max(totals(evaluation)) - min(totals(evaluation)) > 10
    assert evaluation.state == EvaluationState.DISCUSSION
    with pytest.raises(EvaluationError):
        actions.close(evaluation, actor=chair)
    low = rules.seat(scorers[1], evaluation.round.council)
    with pytest.raises(EvaluationError, match="Chủ tịch"):
        actions.reopen(evaluation, [low], actor=scorers[1], note="Thảo luận")
    with pytest.raises(EvaluationError, match="thảo luận"):
        actions.reopen(evaluation, [low], actor=chair, note=" ")
    actions.reopen(evaluation, [low], actor=chair, note="Thống nhất lại tiêu chí 1.5")
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.SCORING
    assert not ScoreSheet.objects.get(evaluation=evaluation, member=low).submitted
    actions.save_sheet(evaluation, actor=scorers[1], answers=member_answers(sheet_def, lower=1))
    actions.submit_sheet(evaluation, actor=scorers[1])
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.SCORING
    assert evaluation.discussions.get().note == "Thống nhất lại tiêu chí 1.5"


def test_the_chair_cannot_close_without_quorum(evaluation, scorers, chair):
    score(evaluation, chair)
    score(evaluation, scorers[1])
    with pytest.raises(EvaluationError, match="2/4"):  # 3/4 of 5 members, rounded up
        actions.close(evaluation, actor=chair)


def test_the_chair_must_have_scored(evaluation, scorers, chair):
    for member in scorers[1:]:
        score(evaluation, member)
    with pytest.raises(EvaluationError, match="Chủ tịch"):
        actions.close(evaluation, actor=chair)


def test_the_result_is_the_mean_of_the_members_totals(evaluation, scorers, chair):
    sheet_def = evaluation.dossier.criteria_set.sheet()
    for lower, member in enumerate(scorers[:4]):
        score(evaluation, member, member_answers(sheet_def, lower=lower * 2))
    with pytest.raises(EvaluationError, match="Chủ tịch"):
        actions.close(evaluation, actor=scorers[1])
    closed = actions.close(evaluation, actor=chair)
    expected = sum(totals(evaluation)) / 4
    assert closed.state == EvaluationState.CLOSED
    assert Decimal(str(closed.result["total"])) == expected.quantize(Decimal("0.01"))
    assert closed.result["quorum"] == {"eligible": 5, "needed": 4, "submitted": 4}
    assert len(closed.result["sheets"]) == 4
    assert (
        closed.result["stars"]
        == engine.evaluate_council(
            sheet_def, [s.answers for s in actions.submitted_sheets(evaluation)]
        ).stars
    )
    with pytest.raises(EvaluationError):  # a closed product takes no more sheets
        score(evaluation, scorers[4])


def test_a_recused_members_sheet_does_not_count(evaluation, scorers, chair):
    for member in scorers[:3]:
        score(evaluation, member)
    recused = scorers[4]
    councils.declare(
        evaluation.round,
        actor=recused,
        relations={evaluation.dossier.producer: (Relation.ADVISER, "Tư vấn bao bì năm 2025")},
    )
    closed = actions.close(evaluation, actor=chair)  # 3 of 4 eligible: quorum met
    assert closed.result["quorum"] == {"eligible": 4, "needed": 3, "submitted": 3}
    assert closed.result["recused"] == [
        {"member": recused.full_name, "reasons": [str(Relation.ADVISER.label)]}
    ]


def test_minimums_follow_the_councils_setting(evaluation, scorers, chair, province_officer):
    """Three members give a criterion exactly its 4★ mark and one gives it the lowest option:
    its mean falls below the mark, the option most chose meets it."""
    sheet_def = evaluation.dossier.criteria_set.sheet()
    marked = next(
        leaf
        for leaf in sheet_def.leaves()
        if any(o.min_star == 4 for o in leaf.options) and leaf.code in member_answers(sheet_def)
    )
    mark = max((o for o in marked.options if o.min_star == 4), key=lambda o: o.points)
    lowest = min(marked.options, key=lambda o: o.points)
    assert lowest.points < mark.points
    for i, member in enumerate(scorers[:4]):
        answers = member_answers(sheet_def)
        answers[marked.code] = (mark if i < 3 else lowest).code
        score(evaluation, member, answers)
    on_mean = engine.evaluate_council(
        sheet_def, [s.answers for s in actions.submitted_sheets(evaluation)]
    )
    assert on_mean.band_stars >= 4
    assert marked.code in {u.criterion for u in on_mean.unmet_minimums}
    councils.update_council(
        evaluation.round.council, actor=province_officer, minimums_rule=MinimumsRule.MAJORITY
    )
    closed = actions.close(evaluation, actor=chair)
    assert closed.result["minimums_rule"] == MinimumsRule.MAJORITY
    assert marked.code not in {u["criterion"] for u in closed.result["unmet_minimums"]}
    assert Decimal(str(closed.result["total"])) == on_mean.total.quantize(Decimal("0.01"))


def test_a_rejection_ticked_by_most_members_rejects_the_dossier(evaluation, scorers, chair):
    for i, member in enumerate(scorers[:4]):
        score(evaluation, member, rejections=[0] if i < 3 else [])
    closed = actions.close(evaluation, actor=chair)
    conditions = evaluation.dossier.criteria_set.definition["rejection_conditions"]
    assert closed.state == EvaluationState.REJECTED
    assert closed.rejection_reason == conditions[0]


def test_set_26_scores_when_every_member_takes_the_same_case(
    council, province_officer, tourism_dossier, scorers, chair
):
    _rnd, (evaluation,) = open_round(council, province_officer, [tourism_dossier])
    for member in scorers[:4]:
        score(evaluation, member)
    closed = actions.close(evaluation, actor=chair)
    assert closed.state == EvaluationState.CLOSED and closed.result["total"] > 0


def test_set_26_split_cases_ask_the_council_to_agree(
    council, province_officer, tourism_dossier, scorers, chair
):
    _rnd, (evaluation,) = open_round(council, province_officer, [tourism_dossier])
    sheet_def = evaluation.dossier.criteria_set.sheet()
    group = next(sheet_def.exclusive_groups())
    first, second = group.criteria[0], group.criteria[1]
    base = member_answers(sheet_def)
    other = {k: v for k, v in base.items() if k not in {lf.code for lf in first.leaves()}}
    for leaf in second.leaves():
        other[leaf.code] = max(leaf.options, key=lambda o: o.points).code
    for i, member in enumerate(scorers[:4]):
        score(evaluation, member, base if i % 2 == 0 else other)
    with pytest.raises(EvaluationError, match=f"tiêu chí {group.code}"):
        actions.close(evaluation, actor=chair)


def test_members_hear_of_products_added_to_their_round(round_and_products, scorers, people):
    from ocop.notify.models import Notification

    rnd, _added = round_and_products
    told = set(
        Notification.objects.filter(verb="evaluation.added").values_list("recipient", flat=True)
    )
    assert told == {u.pk for u in scorers}  # not the secretary


def test_the_central_councils_rounds_take_article_5_2(central_officer, province_officer):
    fields = {
        "name": "Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp trung ương",
        "decision_number": "15/QĐ-BNNMT",
        "decision_date": dt.date(2026, 7, 1),
        "decision_signer": "Bộ trưởng Bộ Nông nghiệp và Môi trường",
        "term_from": dt.date(2026, 7, 1),
    }
    central = councils.create_council(actor=central_officer, level=Level.CENTRAL, **fields)
    with pytest.raises(EvaluationError):
        councils.create_round(central, actor=province_officer, year=2026, number=2)
    first = councils.create_round(central, actor=central_officer, year=2026, number=1)
    second = councils.create_round(central, actor=central_officer, year=2026, number=2)
    assert (first.proposals_before, first.finish_before) == (
        dt.date(2026, 7, 30),
        dt.date(2026, 9, 30),
    )
    assert (second.proposals_before, second.finish_before) == (
        dt.date(2027, 1, 30),
        dt.date(2027, 3, 30),
    )
