"""Decisions after a council's result: drafted from closed results, recorded once (then
final), corrected only by a new decision; notices for 1★–2★. One function each, audited."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.accounts.queries import holders
from ocop.audit.log import record
from ocop.evaluation.enums import EvaluationState
from ocop.notify.send import notify
from ocop.producers.queries import accounts_of
from ocop.recognition import rules
from ocop.recognition.enums import (
    CERTIFIABLE_FROM,
    DecisionKind,
    DecisionState,
    LineAction,
)
from ocop.recognition.models import Decision, DecisionLine, Notice

# What a closed result calls for.
RECOGNISE, APPROVE, NOTICE = "recognise", "approve", "notice"
LINE_OF_KIND = {
    DecisionKind.RECOGNITION: LineAction.RECOGNISE,
    DecisionKind.APPROVAL: LineAction.APPROVE,
}


class RecognitionError(Exception):
    """A refused change, in words for the person who asked for it."""


def outcome(evaluation) -> str | None:
    """RECOGNISE a 3★ or 4★ result, APPROVE a 5★ one (90 points or more with the 5★
    minimums met: it goes to the ministry, Điều 7.3.e), NOTICE 1★–2★; None while open or
    after a rejection."""
    if evaluation.state != EvaluationState.CLOSED:
        return None
    stars = int(evaluation.result.get("stars") or 0)
    if stars >= 5:
        return APPROVE
    if stars >= CERTIFIABLE_FROM:
        return RECOGNISE
    return NOTICE


def live_lines(evaluation):
    """Lines naming this product that stand: in a decision (draft or recorded) and not
    withdrawn by a recorded correction."""
    return DecisionLine.objects.filter(evaluation=evaluation).standing()


def _line(decision, evaluation, action, withdraws=None) -> DecisionLine:
    dossier = evaluation.dossier
    return DecisionLine.objects.create(
        decision=decision,
        evaluation=evaluation,
        action=action,
        withdraws=withdraws,
        product_name=dossier.product.name,
        product_code=dossier.product.ocop_code or "",
        producer_name=dossier.producer.name,
        commune_name=dossier.commune.name,
        product_set=str(dossier.criteria_set.product_set),
        score=Decimal(str(evaluation.result.get("total") or 0)),
        stars=int(evaluation.result.get("stars") or 0),
    )


def _check_heading(rnd, *, actor, number: str, signed_on, signer: str) -> None:
    if not rules.can_decide(actor, rnd):
        raise RecognitionError(_("Bạn không có quyền lập quyết định cho đợt này."))
    if not number.strip() or signed_on is None or not signer.strip():
        raise RecognitionError(_("Hãy ghi số, ngày ký và người ký của quyết định."))
    if Decision.objects.filter(province_id=rnd.council.province_id, number=number.strip()).exists():
        raise RecognitionError(
            _("Số quyết định %(number)s đã có ở tỉnh này.") % {"number": number.strip()}
        )


@transaction.atomic
def draft_decision(rnd, evaluations, *, actor, kind, number, signed_on, signer) -> Decision:
    """A draft decision with one line per product: recognition for 3★–4★ results, approval
    of the result for 5★ ones. Every product must have a closed result in this round and
    stand in no other decision."""
    kind = DecisionKind(kind)
    if kind not in LINE_OF_KIND:
        raise RecognitionError(_("Loại quyết định không hợp lệ."))
    _check_heading(rnd, actor=actor, number=number, signed_on=signed_on, signer=signer)
    evaluations = list(evaluations)
    if not evaluations:
        raise RecognitionError(_("Hãy chọn sản phẩm đưa vào quyết định."))
    wanted = RECOGNISE if kind == DecisionKind.RECOGNITION else APPROVE
    for e in evaluations:
        name = e.dossier.product.name
        if e.round_id != rnd.pk or outcome(e) is None:
            raise RecognitionError(
                _("“%(name)s” chưa có kết quả đánh giá của Hội đồng trong đợt này.")
                % {"name": name}
            )
        if outcome(e) != wanted:
            raise RecognitionError(
                _("“%(name)s” đạt %(stars)s sao: không thuộc loại quyết định này.")
                % {"name": name, "stars": e.result.get("stars")}
            )
        if live_lines(e).exists():
            raise RecognitionError(
                _("“%(name)s” đã có trong một quyết định khác.") % {"name": name}
            )
    decision = Decision.objects.create(
        province_id=rnd.council.province_id,
        round=rnd,
        kind=kind,
        number=number.strip(),
        signed_on=signed_on,
        signer=signer.strip(),
        created_by=actor,
    )
    for e in evaluations:
        _line(decision, e, LINE_OF_KIND[kind])
    record(
        "decision.drafted",
        actor=actor,
        obj=decision,
        changes={
            "number": decision.number,
            "products": [e.dossier.product.name for e in evaluations],
        },
    )
    return decision


@transaction.atomic
def correct(decision, withdraw, *, actor, number, signed_on, signer, reason) -> Decision:
    """A draft decision withdrawing named lines of a recorded decision."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.recorded:
        raise RecognitionError(_("Chỉ sửa đổi, bãi bỏ được quyết định đã ban hành."))
    _check_heading(decision.round, actor=actor, number=number, signed_on=signed_on, signer=signer)
    if not reason.strip():
        raise RecognitionError(_("Hãy ghi lý do sửa đổi, bãi bỏ."))
    withdraw = list(withdraw)
    standing = set(decision.lines.standing().values_list("pk", flat=True))
    if not withdraw or any(line.pk not in standing for line in withdraw):
        raise RecognitionError(_("Hãy chọn dòng của quyết định còn hiệu lực để bãi bỏ."))
    correction = Decision.objects.create(
        province_id=decision.province_id,
        round=decision.round,
        kind=DecisionKind.CORRECTION,
        number=number.strip(),
        signed_on=signed_on,
        signer=signer.strip(),
        corrects=decision,
        reason=reason.strip(),
        created_by=actor,
    )
    for line in withdraw:
        _line(correction, line.evaluation, LineAction.WITHDRAW, withdraws=line)
    record(
        "decision.drafted",
        actor=actor,
        obj=correction,
        changes={
            "number": correction.number,
            "corrects": decision.number,
            "reason": reason.strip(),
        },
    )
    return correction


@transaction.atomic
def record_decision(decision, *, actor) -> Decision:
    """The decision is signed: from now on it is final. The commune and each producer are
    told (Điều 7.3.g)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not rules.can_decide(actor, decision.round):
        raise RecognitionError(_("Bạn không có quyền ban hành quyết định này."))
    if decision.recorded:
        raise RecognitionError(_("Quyết định đã ban hành; không sửa được."))
    decision.state, decision.recorded_at, decision.recorded_by = (
        DecisionState.RECORDED,
        timezone.now(),
        actor,
    )
    decision.save(update_fields=["state", "recorded_at", "recorded_by"])
    lines = list(
        decision.lines.select_related(
            "evaluation__dossier__producer", "evaluation__dossier__commune"
        )
    )
    record(
        "decision.recorded",
        actor=actor,
        obj=decision,
        changes={"number": decision.number, "products": [line.product_name for line in lines]},
    )
    for line in lines:
        dossier = line.evaluation.dossier
        notify(
            [
                *accounts_of(dossier.producer),
                *holders(Role.COMMUNE_OFFICER, commune=dossier.commune),
            ],
            "decision.recorded",
            subject=f"{decision.get_kind_display()} {decision.number}: {line.product_name}",
            url=reverse("dossiers:detail", args=[dossier.code]),
            note=_("%(action)s, %(stars)s sao, %(score)s điểm.")
            % {"action": line.get_action_display(), "stars": line.stars, "score": line.score},
            exclude=actor,
        )
    return decision


@transaction.atomic
def send_notice(evaluation, *, actor, number, signed_on) -> Notice:
    """The written notice of a 1★–2★ result: no decision, no certificate (Điều 4.1.a), the
    score and what to improve (the engine's next star)."""
    if not rules.can_decide(actor, evaluation.round):
        raise RecognitionError(_("Bạn không có quyền gửi thông báo cho đợt này."))
    if outcome(evaluation) != NOTICE:
        raise RecognitionError(_("Chỉ sản phẩm đạt 1 sao hoặc 2 sao mới nhận thông báo kết quả."))
    if Notice.objects.filter(evaluation=evaluation).exists():
        raise RecognitionError(_("Sản phẩm này đã có thông báo kết quả."))
    if not number.strip() or signed_on is None:
        raise RecognitionError(_("Hãy ghi số và ngày của văn bản thông báo."))
    next_star = evaluation.result.get("next_star") or {}
    notice = Notice.objects.create(
        evaluation=evaluation,
        number=number.strip(),
        signed_on=signed_on,
        score=Decimal(str(evaluation.result.get("total") or 0)),
        stars=int(evaluation.result.get("stars") or 0),
        improvements=list(next_star.get("upgrades") or []),
        sent_by=actor,
    )
    dossier = evaluation.dossier
    record(
        "notice.sent",
        actor=actor,
        obj=notice,
        changes={"number": notice.number, "score": str(notice.score), "stars": notice.stars},
    )
    notify(
        [*accounts_of(dossier.producer), *holders(Role.COMMUNE_OFFICER, commune=dossier.commune)],
        "notice.sent",
        subject=_("Thông báo kết quả đánh giá: %(name)s") % {"name": dossier.product.name},
        url=reverse("dossiers:detail", args=[dossier.code]),
        note=_("%(score)s điểm, %(stars)s sao.") % {"score": notice.score, "stars": notice.stars},
        exclude=actor,
    )
    return notice
