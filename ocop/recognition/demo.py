"""Demo recognition for ``make run``: Hà Nội's decision recognising the products of the
demo council's finished round (round 2 of 2026), and an upgrade dossier started for one of
them, with one change stated (Điều 6.1.b). Idempotent."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ocop.accounts.models import User
from ocop.dossiers import actions as dossier_actions
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.standing import standing_of
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
        # Not after today: a decision dated ahead would give certificates not yet in force.
        signed_on=min(dt.date(2026, 12, 28), timezone.localdate()),
        signer="Phó Chủ tịch UBND thành phố",
    )
    decision = actions.record_decision(decision, actor=officer)
    _upgrade(decision)
    return decision


def _upgrade(decision: Decision) -> None:
    """An upgrade draft for the first recognised product whose producer has an account and
    no other dossier open: a copy of the recognised dossier, with its changes stated."""
    for line in decision.lines.select_related("evaluation__dossier__product__producer"):
        product = line.evaluation.dossier.product
        owner = (
            User.objects.filter(
                producer_memberships__producer=product.producer,
                producer_memberships__revoked_at__isnull=True,
            )
            .order_by("pk")
            .first()
        )
        standing = standing_of(product)
        if owner is None or standing is None or standing.stars >= 5:
            continue
        if product.dossiers.exclude(state__in=dossier_actions.FINISHED).exists():
            continue
        upgrade = dossier_actions.start_dossier(product, actor=owner, kind=DossierKind.UPGRADE)
        dossier_actions.save_content(
            upgrade,
            actor=owner,
            sections={
                "part2": {"markets": "Đã xuất khẩu sang Nhật Bản từ năm 2026."},
                "changes": {"changes": "Mở rộng thị trường sang Nhật Bản; đổi mẫu bao bì và nhãn."},
            },
        )
        return
