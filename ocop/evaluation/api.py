"""A council member's own score sheets over /api/v1, so that scoring can be done from a
mobile app: the same rules as the sheet page (``rules``, ``queries``) and the same writers
(``actions.save_sheet``, ``actions.submit_sheet``).

Signed in by the Django session (Django Ninja's ``django_auth``): a client signs in on
/accounts/login/, keeps the ``sessionid`` and ``csrftoken`` cookies and sends the token back
in the ``X-CSRFToken`` header on PUT, PATCH and POST, which Ninja checks before the view.
A product outside the member's councils, or a person who does not score it, gets 404; a
member who has not declared, is recused, or whose sheet is signed or closed gets 403 or 409
with the reason in ``detail`` (and a ``code``), as on the page.
"""

import datetime as dt

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.security import django_auth

from ocop.criteria.api import ErrorOut, ResultOut
from ocop.evaluation import actions, queries, rules
from ocop.evaluation.actions import EvaluationError
from ocop.evaluation.enums import SCORING_OPEN
from ocop.evaluation.models import CouncilMember, Evaluation, ScoreSheet
from ocop.lib.apierror import ApiError

router = Router(tags=["evaluation"], auth=django_auth)

REFUSALS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class RoundOut(Schema):
    code: str
    name: str
    year: int
    number: int
    extra: bool
    finish_before: dt.date
    council_code: str
    council: str


class AssignmentOut(Schema):
    evaluation: str = Field(description="Mã đánh giá sản phẩm (PH-…), dùng cho phiếu")
    round: RoundOut
    product: str
    product_code: str
    producer: str
    criteria_set: str
    state: str = Field(description="scoring | discussion (đang chấm, cần thảo luận)")
    state_label: str
    declared: bool = Field(description="Đã khai báo xung đột lợi ích của đợt")
    recused: bool = Field(description="Không chấm sản phẩm này (xung đột lợi ích)")
    recusal_reasons: list[str]
    can_score: bool
    saved: bool = Field(description="Đã lưu phiếu (có thể chưa nộp)")
    submitted: bool
    submitted_at: dt.datetime | None
    total: int | float | None


class SheetOut(Schema):
    evaluation: str
    product: str
    criteria_set: str
    state: str
    editable: bool = Field(description="Còn sửa được: chưa nộp, sản phẩm đang chấm")
    answers: dict[str, str] = Field(description="{mã tiêu chí: mã phương án}")
    rejections: list[int] = Field(description="Số thứ tự (từ 0) điều kiện loại hồ sơ đã đánh dấu")
    rejection_conditions: list[str]
    comment: str
    result: ResultOut | None
    submitted_at: dt.datetime | None
    updated_at: dt.datetime | None
    reopened: int = Field(description="Số lần Chủ tịch mở lại phiếu để chấm lại")


class SheetIn(Schema):
    """The whole sheet: what is not sent is cleared."""

    answers: dict[str, str] = Field(description="{mã tiêu chí: mã phương án}")
    rejections: list[int] = Field(default_factory=list)
    comment: str = ""


class SheetPatch(Schema):
    """Only what is sent changes; an answer set to null is removed."""

    answers: dict[str, str | None] | None = None
    rejections: list[int] | None = None
    comment: str | None = None


# --- what the member may do ----------------------------------------------------------------


def _not_found(code: str) -> ApiError:
    return ApiError(
        404, _("Không có sản phẩm mã %(code)s trong các đợt bạn chấm điểm.") % {"code": code}, code
    )


def _open(user, code: str) -> tuple[Evaluation, CouncilMember]:
    """The product and the member's seat: 404 outside their councils or without a seat."""
    try:
        evaluation = queries.evaluation_for(user, code)
    except Http404:
        raise _not_found(code) from None
    member = rules.seat(user, evaluation.round.council, scoring=True)
    if member is None:
        raise _not_found(code)
    return evaluation, member


def _refuse_reading(member: CouncilMember, evaluation: Evaluation) -> None:
    if rules.declaration(member, evaluation.round) is None:
        raise ApiError(
            403,
            _("Hãy khai báo xung đột lợi ích của đợt trước khi chấm điểm."),
            "not_declared",
        )
    reasons = rules.recusal_reasons(member, evaluation)
    if reasons:
        raise ApiError(
            403,
            _("Bạn không chấm sản phẩm này (xung đột lợi ích: %(reasons)s).")
            % {"reasons": ", ".join(reasons)},
            "recused",
        )


def _refuse_writing(member: CouncilMember, evaluation: Evaluation, sheet: ScoreSheet) -> None:
    _refuse_reading(member, evaluation)
    if evaluation.state not in SCORING_OPEN:
        raise ApiError(409, _("Sản phẩm này đã có kết quả; phiếu không sửa được nữa."), "closed")
    if sheet.submitted:
        raise ApiError(409, _("Phiếu đã nộp và ký; không sửa được."), "submitted")


# --- shapes --------------------------------------------------------------------------------


def _round(rnd) -> dict:
    return {
        "code": rnd.code,
        "name": str(rnd),
        "year": rnd.year,
        "number": rnd.number,
        "extra": rnd.extra,
        "finish_before": rnd.finish_before,
        "council_code": rnd.council.code,
        "council": rnd.council.name,
    }


def _sheet(evaluation: Evaluation, member: CouncilMember, sheet: ScoreSheet) -> dict:
    criteria = evaluation.dossier.criteria_set
    return {
        "evaluation": evaluation.code,
        "product": evaluation.dossier.product.name,
        "criteria_set": criteria.code,
        "state": evaluation.state,
        # _refuse_reading has passed: declared and not recused
        "editable": evaluation.state in SCORING_OPEN and not sheet.submitted,
        "answers": sheet.answers or {},
        "rejections": sheet.rejections or [],
        "rejection_conditions": criteria.definition.get("rejection_conditions") or [],
        "comment": sheet.comment,
        "result": sheet.result or None,
        "submitted_at": sheet.submitted_at,
        "updated_at": sheet.updated_at if sheet.pk else None,
        "reopened": sheet.reopened,
    }


def _save(evaluation, member, *, actor, answers, rejections, comment) -> dict:
    conditions = evaluation.dossier.criteria_set.definition.get("rejection_conditions") or []
    wrong = [i for i in rejections if not 0 <= i < len(conditions)]
    if wrong:
        raise ApiError(
            422,
            _("Bộ tiêu chí không có điều kiện loại hồ sơ số %(n)s.") % {"n": wrong[0]},
            "rejection",
        )
    try:
        sheet = actions.save_sheet(
            evaluation, actor=actor, answers=answers, rejections=rejections, comment=comment
        )
    except EvaluationError as exc:  # an unknown criterion or option, two cases answered
        raise ApiError(422, str(exc), "answers") from None
    return _sheet(evaluation, member, sheet)


# --- routes --------------------------------------------------------------------------------


@router.get("/evaluations/mine", response=list[AssignmentOut], summary="Sản phẩm tôi chấm điểm")
def my_evaluations(request, round: str | None = None):
    """The products being scored (or discussed) in the rounds of the councils where I score,
    with my sheet's standing; ``round`` (a round's code) narrows to one round. Products I am
    recused from are listed with ``recused`` and the reasons."""
    user = request.auth
    seats = {s.council_id: s for s in rules.seats(user) if s.scores}
    qs = rules.evaluation_scope(user).filter(
        Evaluation.objects.filter(round__council_id__in=seats, state__in=SCORING_OPEN)
    )
    if round:
        qs = qs.filter(round__code=round)
    evaluations = list(
        qs.select_related(
            "round__council", "dossier__product", "dossier__producer", "dossier__criteria_set"
        ).order_by("round__finish_before", "pk")
    )
    sheets = {
        s.evaluation_id: s
        for s in ScoreSheet.objects.filter(
            evaluation__in=[e.pk for e in evaluations], member__in=list(seats.values())
        )
    }
    declared: dict[int, bool] = {}
    out = []
    for e in evaluations:
        member = seats[e.round.council_id]
        if e.round_id not in declared:
            declared[e.round_id] = rules.declaration(member, e.round) is not None
        reasons = rules.recusal_reasons(member, e)
        sheet = sheets.get(e.pk)
        out.append(
            {
                "evaluation": e.code,
                "round": _round(e.round),
                "product": e.dossier.product.name,
                "product_code": e.dossier.product.code,
                "producer": e.dossier.producer.name,
                "criteria_set": e.dossier.criteria_set.code,
                "state": e.state,
                "state_label": e.get_state_display(),
                "declared": declared[e.round_id],
                "recused": bool(reasons),
                "recusal_reasons": reasons,
                "can_score": declared[e.round_id] and not reasons,
                "saved": sheet is not None,
                "submitted": sheet is not None and sheet.submitted,
                "submitted_at": sheet.submitted_at if sheet else None,
                "total": (sheet.result or {}).get("total") if sheet else None,
            }
        )
    return out


@router.get(
    "/evaluations/{code}/sheet",
    response={200: SheetOut, **REFUSALS},
    summary="Phiếu đánh giá của tôi",
)
def my_sheet(request, code: str):
    """My sheet for one product: answers, ticked rejection conditions, comment, the running
    result (total, stars) and when it was signed. Empty until first saved."""
    evaluation, member = _open(request.auth, code)
    _refuse_reading(member, evaluation)
    sheet = actions.sheet_of(evaluation, member)
    if sheet.pk is None and evaluation.state not in SCORING_OPEN:
        raise _not_found(code)  # closed before this member scored: nothing to show
    return _sheet(evaluation, member, sheet)


@router.put(
    "/evaluations/{code}/sheet",
    response={200: SheetOut, **REFUSALS},
    summary="Lưu phiếu đánh giá (cả phiếu)",
)
def save_my_sheet(request, code: str, payload: SheetIn):
    """Save the whole sheet as the member has it so far (save as you go). Answers are
    checked against the criteria set; the sheet stays unsigned until submitted."""
    evaluation, member = _open(request.auth, code)
    _refuse_writing(member, evaluation, actions.sheet_of(evaluation, member))
    return _save(
        evaluation,
        member,
        actor=request.auth,
        answers=payload.answers,
        rejections=payload.rejections,
        comment=payload.comment,
    )


@router.patch(
    "/evaluations/{code}/sheet",
    response={200: SheetOut, **REFUSALS},
    summary="Lưu một phần phiếu đánh giá",
)
def update_my_sheet(request, code: str, payload: SheetPatch):
    """Change only what is sent: ``answers`` are merged into the saved ones (null removes
    one), ``rejections`` and ``comment`` replace theirs when given."""
    evaluation, member = _open(request.auth, code)
    with transaction.atomic():  # merge with what is saved, no other save in between
        sheet = (
            ScoreSheet.objects.select_for_update()
            .filter(evaluation=evaluation, member=member)
            .first()
        ) or actions.sheet_of(evaluation, member)
        _refuse_writing(member, evaluation, sheet)
        answers = dict(sheet.answers or {})
        for criterion, option in (payload.answers or {}).items():
            if option is None:
                answers.pop(criterion, None)
            else:
                answers[criterion] = option
        return _save(
            evaluation,
            member,
            actor=request.auth,
            answers=answers,
            rejections=sheet.rejections if payload.rejections is None else payload.rejections,
            comment=sheet.comment if payload.comment is None else payload.comment,
        )


@router.post(
    "/evaluations/{code}/sheet/submit",
    response={200: SheetOut, **REFUSALS},
    summary="Nộp và ký phiếu đánh giá",
)
def submit_my_sheet(request, code: str):
    """Lock and sign the saved sheet: every criterion must be answered. When the members'
    totals now lie further apart than the council allows, the product goes to discussion
    (``state``: discussion) and the chair is told."""
    evaluation, member = _open(request.auth, code)
    sheet = actions.sheet_of(evaluation, member)
    _refuse_reading(member, evaluation)
    if evaluation.state not in SCORING_OPEN:
        raise ApiError(409, _("Sản phẩm này đã có kết quả; phiếu không sửa được nữa."), "closed")
    if sheet.submitted:
        raise ApiError(409, _("Phiếu đã nộp và ký rồi."), "submitted")
    try:
        sheet = actions.submit_sheet(evaluation, actor=request.auth)
    except EvaluationError as exc:  # nothing saved, criteria left unanswered
        raise ApiError(422, str(exc), "incomplete") from None
    evaluation.refresh_from_db(fields=["state"])
    return _sheet(evaluation, member, sheet)
