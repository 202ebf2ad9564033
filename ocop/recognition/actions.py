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
from ocop.evaluation.enums import EvaluationState, Level
from ocop.notify.send import notify
from ocop.producers.queries import accounts_of
from ocop.recognition import after, rules
from ocop.recognition.enums import (
    CERTIFIABLE_FROM,
    DecisionKind,
    DecisionState,
    LineAction,
    ProvinceChoice,
)
from ocop.recognition.errors import RecognitionError
from ocop.recognition.models import Decision, DecisionLine, Notice

# What a closed result calls for.
RECOGNISE, APPROVE, NOTICE = "recognise", "approve", "notice"
LINE_OF_KIND = {
    DecisionKind.RECOGNITION: LineAction.RECOGNISE,
    DecisionKind.APPROVAL: LineAction.APPROVE,
    DecisionKind.MINISTRY: LineAction.RECOGNISE,
}
# The decisions a round's results may call for, by the council's level.
KINDS_AT = {
    Level.PROVINCE: {DecisionKind.RECOGNITION: RECOGNISE, DecisionKind.APPROVAL: APPROVE},
    Level.CENTRAL: {DecisionKind.MINISTRY: RECOGNISE},
}


def outcome(evaluation) -> str | None:
    """At the province: RECOGNISE a 3★ or 4★ result, APPROVE a 5★ one (90 points or more
    with the 5★ minimums met: it goes to the ministry, Điều 7.3.e), NOTICE 1★–2★. At the
    ministry: RECOGNISE 5★ (the Minister's decision, Điều 7.4.e), otherwise NOTICE to the
    province (Điều 7.4.g). None while open or after a rejection."""
    if evaluation.state != EvaluationState.CLOSED:
        return None
    stars = int(evaluation.result.get("stars") or 0)
    if evaluation.round.council.level == Level.CENTRAL:
        return RECOGNISE if stars >= 5 else NOTICE
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


def _check_heading(province_id, *, allowed: bool, number: str, signed_on, signer: str) -> None:
    """``province_id`` None: the ministry's numbering."""
    if not allowed:
        raise RecognitionError(_("Bạn không có quyền lập quyết định cho đợt này."))
    if not number.strip() or signed_on is None or not signer.strip():
        raise RecognitionError(_("Hãy ghi số, ngày ký và người ký của quyết định."))
    if Decision.objects.filter(province_id=province_id, number=number.strip()).exists():
        raise RecognitionError(
            _("Số quyết định %(number)s đã có ở tỉnh này.") % {"number": number.strip()}
        )


@transaction.atomic
def draft_decision(rnd, evaluations, *, actor, kind, number, signed_on, signer) -> Decision:
    """A draft decision with one line per product: at the province, recognition for 3★–4★
    results and approval of the result for 5★ ones; at the ministry, the Minister's
    recognition of 5★ ones. Every product must have a closed result in this round and stand
    in no other decision."""
    kinds = KINDS_AT[Level(rnd.council.level)]
    try:
        kind = DecisionKind(kind)
    except ValueError:
        raise RecognitionError(_("Loại quyết định không hợp lệ.")) from None
    if kind not in kinds:
        raise RecognitionError(_("Loại quyết định không hợp lệ."))
    _check_heading(
        rnd.council.province_id,
        allowed=rules.can_decide(actor, rnd),
        number=number,
        signed_on=signed_on,
        signer=signer,
    )
    evaluations = list(evaluations)
    if not evaluations:
        raise RecognitionError(_("Hãy chọn sản phẩm đưa vào quyết định."))
    wanted = kinds[kind]
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
    return _drafted(
        rnd.council.province_id, rnd, kind, evaluations, actor, number, signed_on, signer
    )


def _drafted(province_id, rnd, kind, evaluations, actor, number, signed_on, signer) -> Decision:
    """A draft decision with one line per evaluation, audited."""
    decision = Decision.objects.create(
        province_id=province_id,
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
    _check_heading(
        decision.province_id,
        allowed=rules.can_act_on(actor, decision),
        number=number,
        signed_on=signed_on,
        signer=signer,
    )
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
    if not rules.can_act_on(actor, decision):
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
    after.decision_recorded(decision, actor=actor)  # certificates (Điều 4.3)
    for line in lines:
        dossier = line.evaluation.dossier
        province_office = (
            list(holders(Role.PROVINCE_OFFICER, province=dossier.province))
            if decision.by_ministry
            else []
        )
        notify(
            [
                *accounts_of(dossier.producer),
                *holders(Role.COMMUNE_OFFICER, commune=dossier.commune),
                *province_office,
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
    score and what to improve (the engine's next star). At the ministry, the notice to the
    province of a result below 90 points (Điều 7.4.g)."""
    if not rules.can_decide(actor, evaluation.round):
        raise RecognitionError(_("Bạn không có quyền gửi thông báo cho đợt này."))
    central = evaluation.round.council.level == Level.CENTRAL
    if outcome(evaluation) != NOTICE:
        raise RecognitionError(
            _("Sản phẩm đạt 5 sao: Bộ trưởng quyết định công nhận, không gửi thông báo.")
            if central
            else _("Chỉ sản phẩm đạt 1 sao hoặc 2 sao mới nhận thông báo kết quả.")
        )
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
    after.notice_sent(notice, actor=actor)
    province_office = (
        list(holders(Role.PROVINCE_OFFICER, province=dossier.province)) if central else []
    )
    notify(
        [
            *accounts_of(dossier.producer),
            *holders(Role.COMMUNE_OFFICER, commune=dossier.commune),
            *province_office,
        ],
        "notice.sent",
        subject=_("Thông báo kết quả đánh giá: %(name)s") % {"name": dossier.product.name},
        url=reverse("dossiers:detail", args=[dossier.code]),
        note=_("%(score)s điểm, %(stars)s sao.") % {"score": notice.score, "stars": notice.stars},
        exclude=actor,
    )
    return notice


@transaction.atomic
def decide_on_central_result(package, *, actor, number, signed_on, signer) -> Decision:
    """Điều 7.4.g: the ministry's council gave less than 90 points; the province's Chairman
    recognises the product at the central result's 3★ or 4★. A province decision whose
    line is the central council's evaluation."""
    from ocop.recognition import packages

    if not package.choice:
        package = packages.choose(package, actor=actor, choice=ProvinceChoice.RECOGNISE)
    package = package.__class__.objects.select_for_update().get(pk=package.pk)
    result = packages.below_five(package)
    if result is None or package.choice != ProvinceChoice.RECOGNISE:
        raise RecognitionError(_("Tỉnh đã chọn tổ chức đánh giá lại sản phẩm này."))
    _check_heading(
        package.province_id,
        allowed=rules.can_prepare(actor, package),
        number=number,
        signed_on=signed_on,
        signer=signer,
    )
    if live_lines(result).exists():
        raise RecognitionError(
            _("“%(name)s” đã có trong một quyết định khác.")
            % {"name": package.dossier.product.name}
        )
    return _drafted(
        package.province_id,
        result.round,
        DecisionKind.RECOGNITION,
        [result],
        actor,
        number,
        signed_on,
        signer,
    )
