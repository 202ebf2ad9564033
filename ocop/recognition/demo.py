"""Demo recognition for ``make run``: Hà Nội's decision recognising the products of the
demo council's finished round (round 2 of 2026). Idempotent."""

import datetime as dt

from django.db import transaction

from ocop.accounts.models import User
from ocop.evaluation.models import Round
from ocop.recognition import actions
from ocop.recognition.enums import DecisionKind
from ocop.recognition.models import Decision

NUMBER = "3579/QĐ-UBND"


@transaction.atomic
def seed() -> Decision | None:
    if Decision.objects.filter(number=NUMBER).exists():
        return None
    rnd = Round.objects.filter(council__province__code="01", year=2026, number=2).first()
    if rnd is None:
        return None
    officer = User.objects.get(username="tinh.hanoi")
    recognised = [e for e in rnd.evaluations.all() if actions.outcome(e) == actions.RECOGNISE]
    if not recognised:
        return None
    decision = actions.draft_decision(
        rnd,
        recognised,
        actor=officer,
        kind=DecisionKind.RECOGNITION,
        number=NUMBER,
        signed_on=dt.date(2026, 12, 28),
        signer="Phó Chủ tịch UBND thành phố",
    )
    return actions.record_decision(decision, actor=officer)
