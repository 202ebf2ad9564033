"""Results closed at each level and recognised products, for every test directory (registered
in the root conftest): ``close_with`` closes an evaluation, ``recognise`` records the
province's decision recognising it, ``recognised`` is the evaluation fixture's product so
recognised today."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from ocop.evaluation import actions as evaluation_actions
from ocop.evaluation.walk import answers_at, member_answers, score
from ocop.legal.validity import CERTIFICATE_MONTHS, add_months

_numbers = itertools.count(1)


def expiring_in(days: int) -> dt.date:
    """The signing day of a recognition whose validity ends about ``days`` days from today
    (±3 days for the lengths of months)."""
    today = timezone.localdate()
    return add_months(today, -CERTIFICATE_MONTHS) + dt.timedelta(days=days)


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
def recognise(close_with, province_officer):
    """``recognise(evaluation, signed_on=today)``: closed at a 3★–4★ result (if still open)
    and recognised by a recorded decision of the province signed on ``signed_on``."""
    from ocop.evaluation.enums import EvaluationState
    from ocop.recognition import actions as recognition_actions
    from ocop.recognition.enums import DecisionKind

    def recognise(evaluation, signed_on=None):
        if evaluation.state != EvaluationState.CLOSED:
            evaluation = close_with(evaluation)
        decision = recognition_actions.draft_decision(
            evaluation.round,
            [evaluation],
            actor=province_officer,
            kind=DecisionKind.RECOGNITION,
            number=f"{next(_numbers)}/QĐ-UBND-CN",
            signed_on=signed_on or timezone.localdate(),
            signer="Chủ tịch UBND",
        )
        recognition_actions.record_decision(decision, actor=province_officer)
        return decision

    return recognise


@pytest.fixture
def recognised(evaluation, recognise):
    """The evaluation fixture's dossier, its product recognised (3★–4★) by a decision of
    today."""
    recognise(evaluation)
    dossier = evaluation.dossier
    dossier.refresh_from_db()
    return dossier
