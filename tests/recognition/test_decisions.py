"""The province decides after the council: recognition of 3★–4★, approval of a 5★ result
for the ministry, a notice for 1★–2★; recorded decisions are final, corrected by another."""

import datetime as dt

import pytest

from ocop.audit.models import AuditEntry
from ocop.notify.models import Notification
from ocop.recognition import actions, queries
from ocop.recognition.actions import APPROVE, NOTICE, RECOGNISE, RecognitionError
from ocop.recognition.enums import DecisionKind, DecisionState, LineAction

HEADING = {"number": "123/QĐ-UBND", "signed_on": dt.date(2026, 12, 20), "signer": "Chủ tịch UBND"}


def test_a_closed_result_calls_for_its_kind_of_paper(evaluation, close_with):
    assert actions.outcome(evaluation) is None  # still being scored
    closed = close_with(evaluation)
    assert 3 <= closed.result["stars"] <= 4 and actions.outcome(closed) == RECOGNISE


def test_five_stars_go_to_approval_and_one_star_to_a_notice(close_with, two_more):
    first, second = two_more
    assert actions.outcome(close_with(first, "best")) == APPROVE
    assert actions.outcome(close_with(second, "worst")) == NOTICE


def test_recognition_is_drafted_recorded_and_then_final(
    evaluation, close_with, province_officer, producer_user, commune_officer
):
    closed = close_with(evaluation)
    decision = actions.draft_decision(
        closed.round, [closed], actor=province_officer, kind=DecisionKind.RECOGNITION, **HEADING
    )
    (line,) = decision.lines.all()
    assert (line.product_name, line.stars, line.action) == (
        closed.dossier.product.name,
        closed.result["stars"],
        LineAction.RECOGNISE,
    )
    assert queries.recognition_of(closed.dossier.product) is None  # a draft recognises nothing
    actions.record_decision(decision, actor=province_officer)
    assert queries.recognition_of(closed.dossier.product) == line
    told = set(
        Notification.objects.filter(verb="decision.recorded").values_list("recipient", flat=True)
    )
    assert {producer_user.pk, commune_officer.pk} <= told
    with pytest.raises(RecognitionError, match="không sửa được"):
        actions.record_decision(decision, actor=province_officer)
    with pytest.raises(RecognitionError, match="quyết định khác"):
        actions.draft_decision(
            closed.round,
            [closed],
            actor=province_officer,
            kind=DecisionKind.RECOGNITION,
            **{**HEADING, "number": "124/QĐ-UBND"},
        )
    assert AuditEntry.objects.filter(verb="decision.recorded", object_id=str(decision.pk)).exists()


def test_a_product_without_a_closed_result_is_refused(evaluation, province_officer):
    with pytest.raises(RecognitionError, match="chưa có kết quả"):
        actions.draft_decision(
            evaluation.round,
            [evaluation],
            actor=province_officer,
            kind=DecisionKind.RECOGNITION,
            **HEADING,
        )


def test_a_three_star_product_is_not_approved_for_the_ministry(
    evaluation, close_with, province_officer
):
    closed = close_with(evaluation)
    with pytest.raises(RecognitionError, match="không thuộc loại"):
        actions.draft_decision(
            closed.round, [closed], actor=province_officer, kind=DecisionKind.APPROVAL, **HEADING
        )


def test_another_provinces_office_cannot_decide(evaluation, close_with, other_province_officer):
    closed = close_with(evaluation)
    with pytest.raises(RecognitionError, match="quyền"):
        actions.draft_decision(
            closed.round,
            [closed],
            actor=other_province_officer,
            kind=DecisionKind.RECOGNITION,
            **HEADING,
        )


def test_a_decision_number_is_used_once_in_a_province(evaluation, close_with, province_officer):
    closed = close_with(evaluation)
    actions.draft_decision(
        closed.round, [closed], actor=province_officer, kind=DecisionKind.RECOGNITION, **HEADING
    )
    with pytest.raises(RecognitionError, match="123/QĐ-UBND"):
        actions.draft_decision(
            closed.round, [closed], actor=province_officer, kind=DecisionKind.RECOGNITION, **HEADING
        )


def test_a_correction_withdraws_a_line_once_recorded(evaluation, close_with, province_officer):
    closed = close_with(evaluation)
    decision = actions.draft_decision(
        closed.round, [closed], actor=province_officer, kind=DecisionKind.RECOGNITION, **HEADING
    )
    with pytest.raises(RecognitionError, match="đã ban hành"):
        actions.correct(
            decision,
            decision.lines.all(),
            actor=province_officer,
            reason="Sai điểm",
            **{**HEADING, "number": "200/QĐ-UBND"},
        )
    actions.record_decision(decision, actor=province_officer)
    with pytest.raises(RecognitionError, match="lý do"):
        actions.correct(
            decision,
            decision.lines.all(),
            actor=province_officer,
            reason=" ",
            **{**HEADING, "number": "200/QĐ-UBND"},
        )
    correction = actions.correct(
        decision,
        decision.lines.all(),
        actor=province_officer,
        reason="Chủ thể gian lận hồ sơ",
        **{**HEADING, "number": "200/QĐ-UBND"},
    )
    product = closed.dossier.product
    assert queries.recognition_of(product) is not None  # the correction is still a draft
    correction = actions.record_decision(correction, actor=province_officer)
    assert correction.state == DecisionState.RECORDED
    assert queries.recognition_of(product) is None
    assert decision.lines.get().action == LineAction.RECOGNISE  # the first decision is unchanged


def test_a_one_or_two_star_result_gets_a_notice_once(
    province_officer, close_with, two_more, producer_user
):
    _first, second = two_more
    closed = close_with(second, "worst")
    notice = actions.send_notice(
        closed, actor=province_officer, number="45/TB-SNNMT", signed_on=dt.date(2026, 12, 21)
    )
    assert notice.stars < 3 and notice.improvements
    assert Notification.objects.filter(verb="notice.sent", recipient=producer_user).exists()
    with pytest.raises(RecognitionError, match="đã có thông báo"):
        actions.send_notice(
            closed, actor=province_officer, number="46/TB", signed_on=dt.date(2026, 12, 21)
        )


def test_a_recognised_product_gets_no_notice(evaluation, close_with, province_officer):
    closed = close_with(evaluation)
    with pytest.raises(RecognitionError, match="1 sao hoặc 2 sao"):
        actions.send_notice(
            closed, actor=province_officer, number="47/TB", signed_on=dt.date(2026, 12, 21)
        )
