"""Every change to score sheets and a product's result: one function each, in one
transaction, audited. Councils, rounds and declarations are in ``councils``. Views and the
API call these; nothing else writes.

Written opinions (Điều 7.6.d). At a meeting (a first evaluation, an upgrade) the members'
totals lying further apart than the regulation's threshold move the product to "cần thảo
luận" (``EvaluationStep.DIVERGE``): the council discusses, the chair reopens sheets to
re-score, and only then closes. That state is the meeting's discussion. A re-evaluation is
evaluated by written opinion instead: each member's signed sheet is their opinion, nobody
meets, so a wide spread does not move the product anywhere; the chair is told the opinions
differ and may call a meeting (``call_meeting``, on one of the two grounds of 7.6.d), or
close on the written opinions. Calling a meeting turns the product to the meeting's way, so
from there on it follows the meeting flow unchanged (a spread already too wide moves it to
"cần thảo luận" at once). The lifecycle table is untouched: the way is ``Evaluation.mode``.
"""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.audit.log import record
from ocop.criteria import engine, serialize
from ocop.criteria.messages import evaluation_error
from ocop.evaluation import rules, tally
from ocop.evaluation.enums import (
    EVALUATION_TRANSITIONS,
    SCORING_OPEN,
    EvaluationMode,
    EvaluationState,
    EvaluationStep,
    MeetingGround,
    MemberRole,
)
from ocop.evaluation.errors import EvaluationError
from ocop.evaluation.models import (
    Council,
    CouncilMember,
    Discussion,
    Evaluation,
    ScoreSheet,
)
from ocop.notify.send import notify

# --- score sheets ------------------------------------------------------------------------


def _scoring_member(evaluation: Evaluation, actor) -> CouncilMember:
    member = rules.seat(actor, evaluation.round.council, scoring=True)
    if member is None:
        raise EvaluationError(_("Bạn không phải thành viên chấm điểm của hội đồng này."))
    if rules.declaration(member, evaluation.round) is None:
        raise EvaluationError(_("Hãy khai báo xung đột lợi ích của đợt trước khi chấm điểm."))
    reasons = rules.recusal_reasons(member, evaluation)
    if reasons:
        raise EvaluationError(
            _("Bạn không chấm sản phẩm này (xung đột lợi ích: %(reasons)s).")
            % {"reasons": ", ".join(reasons)}
        )
    if evaluation.state not in SCORING_OPEN:
        raise EvaluationError(_("Sản phẩm này đã có kết quả; phiếu không sửa được nữa."))
    return member


def sheet_of(evaluation: Evaluation, member: CouncilMember) -> ScoreSheet:
    return ScoreSheet.objects.filter(evaluation=evaluation, member=member).first() or ScoreSheet(
        evaluation=evaluation, member=member
    )


@transaction.atomic
def save_sheet(
    evaluation: Evaluation, *, actor, answers: dict, rejections=(), comment: str = ""
) -> ScoreSheet:
    """Keep what the member has chosen so far (save as you go). Refused once submitted."""
    member = _scoring_member(evaluation, actor)
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
        evaluation=evaluation, member=member
    )
    if sheet.submitted:
        raise EvaluationError(_("Phiếu đã nộp và ký; không sửa được."))
    criteria = evaluation.dossier.criteria_set
    try:
        result = engine.evaluate(criteria.sheet(), answers)
    except engine.EvaluationError as error:
        raise EvaluationError(evaluation_error(error)) from error
    conditions = len(criteria.definition.get("rejection_conditions") or [])
    ticked = sorted({int(i) for i in rejections if str(i).isdigit() and int(i) < conditions})
    sheet.answers, sheet.rejections, sheet.comment = dict(answers), ticked, comment.strip()
    sheet.result = _result_json(result)
    sheet.save(update_fields=["answers", "rejections", "comment", "result", "updated_at"])
    return sheet


@transaction.atomic
def submit_sheet(evaluation: Evaluation, *, actor) -> ScoreSheet:
    """Lock and sign the member's sheet. When the members' totals now lie further apart than
    the regulation allows, the product is marked "cần thảo luận" and the chair is told."""
    # The product's row is the lock every member's submission takes, so twelve members
    # submitting at once are counted one after the other.
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    member = _scoring_member(evaluation, actor)
    sheet = ScoreSheet.objects.select_for_update().filter(evaluation=evaluation, member=member)
    sheet = sheet.first()
    if sheet is None or not sheet.answers:
        raise EvaluationError(_("Phiếu chưa có điểm nào."))
    if sheet.submitted:
        raise EvaluationError(_("Phiếu đã nộp và ký rồi."))
    unanswered = sheet.result.get("unanswered") or []
    if unanswered:
        raise EvaluationError(
            _("Còn %(n)s tiêu chí chưa chấm: %(codes)s.")
            % {"n": len(unanswered), "codes": ", ".join(unanswered[:10])}
        )
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["submitted_at", "updated_at"])
    record(
        "sheet.submitted",
        actor=actor,
        obj=evaluation,
        changes={
            "member": member.name,
            "total": sheet.result.get("total"),
            "answers": sheet.answers,
            "rejections": sheet.rejections,
        },
    )
    sheets = submitted_sheets(evaluation)
    totals = [Decimal(str(s.result["total"])) for s in sheets]
    gap = tally.spread(totals)
    council = evaluation.round.council
    if evaluation.written:
        before = tally.spread([t for s, t in zip(sheets, totals, strict=True) if s != sheet])
        if before <= council.spread_threshold < gap:  # just now: tell the chair once
            notify(
                _chair_users(council),
                "evaluation.opinions_differ",
                subject=str(evaluation),
                url=reverse("evaluation:product", args=[evaluation.code]),
                note=_(
                    "Ý kiến bằng văn bản của các thành viên chênh nhau %(gap)s điểm: Chủ tịch "
                    "Hội đồng xem xét tổ chức họp trực tiếp (Điều 7.6.d)."
                )
                % {"gap": gap},
            )
    elif evaluation.state == EvaluationState.SCORING and gap > council.spread_threshold:
        _step(
            evaluation,
            EvaluationStep.DIVERGE,
            actor=actor,
            changes={"spread": str(gap), "threshold": str(council.spread_threshold)},
        )
        notify(
            _chair_users(council),
            "evaluation.diverge",
            subject=str(evaluation),
            url=reverse("evaluation:product", args=[evaluation.code]),
            note=_("Tổng điểm của các thành viên chênh nhau %(gap)s điểm.") % {"gap": gap},
        )
    return sheet


def submitted_sheets(evaluation: Evaluation) -> list[ScoreSheet]:
    """The signed sheets, the chair's first, then in the order of the council's roles."""
    sheets = evaluation.sheets.filter(submitted_at__isnull=False).select_related("member__user")
    order = list(MemberRole)
    return sorted(sheets, key=lambda s: (order.index(MemberRole(s.member.role)), s.member_id))


@transaction.atomic
def reopen(evaluation: Evaluation, members, *, actor, note: str) -> Discussion:
    """After the discussion, the chair reopens the named members' sheets to re-score."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _chair_only(evaluation, actor)
    if not note.strip():
        raise EvaluationError(_("Hãy ghi nội dung thảo luận của Hội đồng."))
    members = list(members)
    if not members:
        raise EvaluationError(_("Hãy chọn phiếu cần chấm lại."))
    sheets = {s.member_id: s for s in submitted_sheets(evaluation)}
    if any(m.pk not in sheets for m in members):
        raise EvaluationError(_("Chỉ mở lại được phiếu đã nộp."))
    _step(
        evaluation,
        EvaluationStep.REOPEN,
        actor=actor,
        changes={"reason": note.strip(), "members": [m.name for m in members]},
    )
    discussion = Discussion.objects.create(evaluation=evaluation, note=note.strip(), by=actor)
    discussion.reopened.set(members)
    for m in members:
        sheet = sheets[m.pk]
        sheet.submitted_at, sheet.reopened = None, sheet.reopened + 1
        sheet.save(update_fields=["submitted_at", "reopened", "updated_at"])
    notify(
        [m.user for m in members],
        "evaluation.reopen",
        subject=str(evaluation),
        url=reverse("evaluation:sheet", args=[evaluation.code]),
        note=note.strip(),
        exclude=actor,
    )
    return discussion


def standing(evaluation: Evaluation) -> dict:
    """Where the product stands: eligible and recused members, sheets in, quorum, spread."""
    council = evaluation.round.council
    scoring = [
        m for m in council.members.filter(left_on__isnull=True).select_related("user") if m.scores
    ]
    recused = {m.pk: rules.recusal_reasons(m, evaluation) for m in scoring}
    recused = {pk: reasons for pk, reasons in recused.items() if reasons}
    eligible = [m for m in scoring if m.pk not in recused]
    sheets = [s for s in submitted_sheets(evaluation) if s.member_id not in recused]
    chair = next((m for m in scoring if m.is_chair), None)
    totals = [Decimal(str(s.result["total"])) for s in sheets]
    return {
        "members": scoring,
        "eligible": eligible,
        "recused": [(m, recused[m.pk]) for m in scoring if m.pk in recused],
        "sheets": sheets,
        "quorum": tally.quorum(
            len(eligible),
            len(sheets),
            council.quorum_ratio,
            chair_required=council.chair_required,
            chair_eligible=chair is not None and chair.pk not in recused,
            chair_submitted=chair is not None and any(s.member_id == chair.pk for s in sheets),
        ),
        "spread": tally.spread(totals),
        "totals": totals,
    }


@transaction.atomic
def close(evaluation: Evaluation, *, actor) -> Evaluation:
    """The chair closes the product: quorum met and, at a meeting, totals within the
    threshold (written opinions close however far apart they lie: the chair has chosen not
    to meet, Điều 7.6.d, and the closing's audit keeps the spread). A rejection condition
    ticked on most sheets rejects the dossier with that reason."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _chair_only(evaluation, actor)
    if evaluation.state != EvaluationState.SCORING:
        raise EvaluationError(
            _("Không thể chốt kết quả khi sản phẩm ở trạng thái “%(state)s”.")
            % {"state": evaluation.get_state_display()}
        )
    now = standing(evaluation)
    council = evaluation.round.council
    q = now["quorum"]
    if not q.met:
        if q.submitted < q.needed:
            raise EvaluationError(
                _(
                    "Chưa đủ số thành viên chấm: mới có %(got)s/%(need)s phiếu "
                    "(Quy chế của Hội đồng)."
                )
                % {"got": q.submitted, "need": q.needed}
            )
        raise EvaluationError(_("Chưa có phiếu của Chủ tịch Hội đồng (Quy chế của Hội đồng)."))
    differ = now["spread"] > council.spread_threshold
    if differ and not evaluation.written:  # written opinions: the chair decides (7.6.d)
        raise EvaluationError(_("Tổng điểm chênh lệch quá ngưỡng; Hội đồng cần thảo luận."))
    sheets = now["sheets"]
    conditions = evaluation.dossier.criteria_set.definition.get("rejection_conditions") or []
    ticked = [
        conditions[i]
        for i in range(len(conditions))
        if sum(i in s.rejections for s in sheets) * 2 > len(sheets)
    ]
    sheet = evaluation.dossier.criteria_set.sheet()
    try:
        result = engine.evaluate_council(
            sheet, [s.answers for s in sheets], minimums=council.minimums_rule
        )
    except engine.CasesDiffer as error:
        raise EvaluationError(
            _(
                "Các thành viên chọn khác trường hợp ở tiêu chí %(code)s; Hội đồng cần thống "
                "nhất một trường hợp rồi chấm lại."
            )
            % {"code": error.code}
        ) from error
    evaluation.result = {
        **_result_json(result),
        "spread": str(now["spread"]),
        "minimums_rule": council.minimums_rule,
        "quorum": {"eligible": q.eligible, "needed": q.needed, "submitted": q.submitted},
        "sheets": [
            {"member": s.member.name, "role": s.member.role, "total": s.result.get("total")}
            for s in sheets
        ],
        "recused": [{"member": m.name, "reasons": r} for m, r in now["recused"]],
        "rejected_by": ticked,
        "mode": evaluation.mode,
    }
    evaluation.closed_at, evaluation.closed_by = timezone.now(), actor
    if ticked:
        evaluation.rejection_reason = "; ".join(ticked)
        step = EvaluationStep.REJECT
    else:
        step = EvaluationStep.CLOSE
    evaluation.save(update_fields=["result", "closed_at", "closed_by", "rejection_reason"])
    _step(
        evaluation,
        step,
        actor=actor,
        changes={
            "total": evaluation.result["total"],
            "stars": evaluation.result["stars"],
            "reason": evaluation.rejection_reason,
            "mode": evaluation.mode,
            **(
                {"spread": str(now["spread"]), "threshold": str(council.spread_threshold)}
                if differ
                else {}
            ),
        },
    )
    return evaluation


@transaction.atomic
def call_meeting(evaluation: Evaluation, *, actor, ground, note: str = "") -> Evaluation:
    """The chair decides that a re-evaluation, evaluated by written opinion, is discussed at
    a meeting after all: "chỉ tổ chức họp trực tiếp khi có nhiều ý kiến đánh giá khác nhau
    hoặc có nội dung phức tạp cần thảo luận" (Điều 7.6.d). The ground is one of those two;
    who decided, when and why is kept on the product and in its history. From here the
    product follows the meeting's flow (the module's docstring)."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _chair_only(evaluation, actor)
    if not evaluation.written:
        raise EvaluationError(
            _("Sản phẩm này được đánh giá tại cuộc họp của Hội đồng, không qua lấy ý kiến.")
        )
    if evaluation.state != EvaluationState.SCORING:
        raise EvaluationError(
            _("Không thể quyết định họp khi sản phẩm ở trạng thái “%(state)s”.")
            % {"state": evaluation.get_state_display()}
        )
    try:
        ground = MeetingGround(ground)
    except ValueError:
        raise EvaluationError(
            _(
                "Hãy chọn lý do họp trực tiếp: có nhiều ý kiến đánh giá khác nhau, hoặc có "
                "nội dung phức tạp cần thảo luận (Điều 7.6.d)."
            )
        ) from None
    note = (note or "").strip()
    if len(note) > 5000:
        raise EvaluationError(_("Nội dung dài quá %(n)s ký tự.") % {"n": 5000})
    evaluation.mode, evaluation.meeting_ground = EvaluationMode.MEETING, ground
    evaluation.meeting_note = note
    evaluation.meeting_called_at, evaluation.meeting_called_by = timezone.now(), actor
    evaluation.save(
        update_fields=[
            "mode",
            "meeting_ground",
            "meeting_note",
            "meeting_called_at",
            "meeting_called_by",
        ]
    )
    record(
        "evaluation.meeting",
        actor=actor,
        obj=evaluation,
        changes={
            "mode": [EvaluationMode.WRITTEN.value, EvaluationMode.MEETING.value],
            "meeting_ground": ground.value,
            "meeting_note": note,
        },
    )
    council = evaluation.round.council
    gap = standing(evaluation)["spread"]
    if gap > council.spread_threshold:
        _step(
            evaluation,
            EvaluationStep.DIVERGE,
            actor=actor,
            changes={"spread": str(gap), "threshold": str(council.spread_threshold)},
        )
    scorers = council.members.filter(left_on__isnull=True).select_related("user")
    notify(
        [m.user for m in scorers if m.scores],
        "evaluation.meeting",
        subject=str(evaluation),
        url=reverse("evaluation:product", args=[evaluation.code]),
        note=f"{ground.label}. {note}".strip()[:300],
        exclude=actor,
    )
    return evaluation


@transaction.atomic
def reject(evaluation: Evaluation, *, actor, reason: str) -> Evaluation:
    """The council rejects the dossier on a ground of the sheet ("Hồ sơ bị loại khi …")."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _chair_only(evaluation, actor)
    if not reason.strip():
        raise EvaluationError(_("Hãy ghi lý do loại hồ sơ."))
    evaluation.rejection_reason = reason.strip()
    evaluation.closed_at, evaluation.closed_by = timezone.now(), actor
    evaluation.save(update_fields=["rejection_reason", "closed_at", "closed_by"])
    _step(evaluation, EvaluationStep.REJECT, actor=actor, changes={"reason": reason.strip()})
    return evaluation


def _chair_only(evaluation: Evaluation, actor) -> None:
    if not rules.is_chair(actor, evaluation.round.council):
        raise EvaluationError(_("Chỉ Chủ tịch Hội đồng làm được việc này."))


def _chair_users(council: Council):
    return [m.user for m in council.members.filter(left_on__isnull=True, role=MemberRole.CHAIR)]


def _step(evaluation: Evaluation, step: EvaluationStep, *, actor, changes: dict) -> None:
    source = EvaluationState(evaluation.state)
    target = EVALUATION_TRANSITIONS.get((source, step))
    if target is None:
        raise EvaluationError(
            _("Không thể “%(step)s” khi sản phẩm ở trạng thái “%(state)s”.")
            % {"step": step.label, "state": source.label}
        )
    evaluation.state, evaluation.state_changed_at = target, timezone.now()
    evaluation.save(update_fields=["state", "state_changed_at"])
    record(
        f"evaluation.{step.value}",
        actor=actor,
        obj=evaluation,
        changes={"state": [source.value, target.value], **changes},
    )


def _result_json(result: engine.Result) -> dict:
    return serialize.result(result)
