"""Council pages: rounds and queues, declarations, a member's score sheet, the chair's board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.criteria import presenter, serialize
from ocop.dossiers.queries import latest_submitted_version
from ocop.evaluation import actions, advisory, councils, queries, rules
from ocop.evaluation.actions import EvaluationError
from ocop.evaluation.enums import SCORING_OPEN, EvaluationState, MeetingGround
from ocop.evaluation.forms import RELATION_CHOICES
from ocop.lib import uploads
from ocop.producers.models import EvidenceDocument


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _days_left(rnd) -> int:
    return (rnd.finish_before - timezone.localdate()).days


# --- home: rounds and councils -------------------------------------------------------------


@login_required
def home(request):
    user = request.user
    if not rules.works_on_evaluation(user):
        raise Http404
    rounds = list(queries.rounds_visible_to(user).order_by("finish_before"))
    for rnd in rounds:
        rnd.days_left = _days_left(rnd)
        rnd.days_over = -rnd.days_left
        member = rules.seat(user, rnd.council, scoring=True)
        rnd.member = member
        if member is not None:
            done = rnd.evaluations.filter(sheets__member=member, sheets__submitted_at__isnull=False)
            rnd.done = done.count()
    councils = list(queries.councils_visible_to(user))
    on_clock = queries.reevaluations_on_clock(user)
    return render(
        request,
        "evaluation/home.html",
        {
            "rounds": rounds,
            "councils": councils,
            "can_create": rules.manages_any_council(user),
            "reevaluations": list(on_clock),
            "reevaluations_overdue": queries.overdue_reevaluations(on_clock).count(),
        },
    )


# --- a round -----------------------------------------------------------------------------


@login_required
def round_view(request, code: str):
    rnd = queries.round_for(request.user, code)
    user = request.user
    manage = rules.can_manage_council(user, rnd.council)
    member = rules.seat(user, rnd.council, scoring=True)
    if request.method == "POST":
        if not manage:
            raise Http404
        chosen = set(request.POST.getlist("dossier"))
        picked = [d for d in councils.candidates(rnd) if d.code in chosen]
        try:
            added = councils.add_dossiers(rnd, picked, actor=user)
        except EvaluationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã đưa %(n)s sản phẩm vào đợt.") % {"n": len(added)})
        return redirect("evaluation:round", code)
    evaluations = list(queries.evaluations_of(rnd, member))
    declared = member is not None and rules.declaration(member, rnd) is not None
    recused = (
        rules.recused_producer_ids(member, rnd, {e.dossier.producer for e in evaluations})
        if member is not None
        else set()
    )
    for e in evaluations:
        e.recused = e.dossier.producer_id in recused
    done = sum(1 for e in evaluations if getattr(e, "mine", 0))
    mine_total = sum(1 for e in evaluations if not e.recused)
    eligible = len([m for m in rnd.council.members.filter(left_on__isnull=True) if m.scores])
    return render(
        request,
        "evaluation/round.html",
        {
            "round": rnd,
            "days_left": _days_left(rnd),
            "days_over": -_days_left(rnd),
            "manage": manage,
            "member": member,
            "declared": declared,
            "evaluations": evaluations,
            "candidates": list(councils.candidates(rnd)) if manage else [],
            "done": done,
            "mine_total": mine_total,
            "eligible": eligible,
        },
    )


@login_required
def declare(request, code: str):
    rnd = queries.round_for(request.user, code)
    member = rules.seat(request.user, rnd.council, scoring=True)
    if member is None:
        raise Http404
    evaluations = list(rnd.evaluations.select_related("dossier__producer", "dossier__product"))
    producers = {}
    for e in evaluations:
        producers.setdefault(e.dossier.producer_id, (e.dossier.producer, []))[1].append(e)
    existing = {}
    declaration = rules.declaration(member, rnd)
    if declaration is not None:
        existing = {i.producer_id: i for i in declaration.interests.all()}
    if request.method == "POST":
        relations = {}
        for pk, (producer, _items) in producers.items():
            relation = request.POST.get(f"r-{producer.code}", "")
            if relation and pk not in existing:
                relations[producer] = (relation, request.POST.get(f"n-{producer.code}", ""))
        try:
            councils.declare(rnd, actor=request.user, relations=relations)
        except (EvaluationError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã ghi nhận khai báo của bạn."))
            return redirect("evaluation:round", code)
    rows = []
    for pk, (producer, items) in producers.items():
        detected = rules.detected_relations(member, producer)
        rows.append(
            {
                "producer": producer,
                "products": [e.dossier.product.name for e in items],
                "existing": existing.get(pk),
                "detected": [str(r.label) for r in detected],
            }
        )
    return render(
        request,
        "evaluation/declare.html",
        {"round": rnd, "rows": rows, "choices": RELATION_CHOICES, "declared": declaration},
    )


# --- a member's sheet ----------------------------------------------------------------------


def _producer_sheet(evaluation):
    """The producer's Part III as filed (answers, notes, evidence), to show beside; each
    document carries the address where the council opens it."""
    version = latest_submitted_version(evaluation.dossier)
    if version is None:
        return {}, {}, {}
    links = list(version.links.select_related("document"))
    for link in links:
        link.document.url = reverse(
            "evaluation:dossier_document", args=[evaluation.code, link.document.code]
        )
    return version.answers or {}, version.notes or {}, presenter.evidence_by_criterion(links)


@login_required
def dossier_document(request, code: str, doc: str):
    """A document the producer filed with the dossier being scored: whoever sees the product
    in the council reads it here (they do not see the producer's library)."""
    evaluation = queries.evaluation_for(request.user, code)
    version = latest_submitted_version(evaluation.dossier)
    filed = version.links.values("document_id") if version else []
    document = get_object_or_404(EvidenceDocument, code=doc, pk__in=filed)
    thumbnail = request.GET.get("thumb") == "1" and bool(document.thumbnail)
    return uploads.serve(document, title=document.title, thumbnail=thumbnail)


@login_required
def sheet(request, code: str):
    evaluation = queries.evaluation_for(request.user, code)
    member = rules.seat(request.user, evaluation.round.council, scoring=True)
    if member is None:
        raise Http404
    if not rules.can_score(request.user, evaluation):
        if rules.declaration(member, evaluation.round) is None:
            messages.info(request, _("Hãy khai báo xung đột lợi ích của đợt trước khi chấm điểm."))
            return redirect("evaluation:declare", evaluation.round.code)
        own = actions.sheet_of(evaluation, member)
        if own.pk is None or rules.is_recused(member, evaluation):
            raise Http404  # a recused member does not open the product's sheet
    own = actions.sheet_of(evaluation, member)
    editable = rules.can_score(request.user, evaluation) and not own.submitted
    criteria = evaluation.dossier.criteria_set
    tree = criteria.sheet()
    if request.method == "POST":
        if not editable:
            if _wants_json(request):
                return JsonResponse(
                    {"ok": False, "error": _("Phiếu đã nộp và ký; không sửa được.")}, status=400
                )
            messages.error(request, _("Phiếu đã nộp và ký; không sửa được."))
            return redirect("evaluation:sheet", code)
        leaves = [leaf.code for leaf in tree.leaves()]
        answers = {c: request.POST[f"a-{c}"] for c in leaves if request.POST.get(f"a-{c}")}
        try:
            own = actions.save_sheet(
                evaluation,
                actor=request.user,
                answers=answers,
                rejections=request.POST.getlist("reject"),
                comment=request.POST.get("comment", ""),
            )
            action = request.POST.get("action", "")
            if action in ("submit", "submit_next"):
                actions.submit_sheet(evaluation, actor=request.user)
        except EvaluationError as exc:
            if _wants_json(request):
                return JsonResponse({"ok": False, "error": str(exc)}, status=400)
            messages.error(request, str(exc))
        else:
            if _wants_json(request):
                saved_at = formats.time_format(timezone.localtime(own.updated_at), "H:i:s")
                return JsonResponse(
                    {
                        "ok": True,
                        "total": own.result.get("total"),
                        "stars": own.result.get("stars"),
                        "stars_text": _("%(n)s sao") % {"n": own.result.get("stars", 0)},
                        "message": _("Đã lưu lúc %(time)s") % {"time": saved_at},
                    }
                )
            if action == "submit_next":
                messages.success(request, _("Đã nộp và ký phiếu."))
                following = _next_to_score(request.user, evaluation)
                if following is not None:
                    return redirect("evaluation:sheet", following.code)
                return redirect("evaluation:round", evaluation.round.code)
            if action == "submit":
                messages.success(request, _("Đã nộp và ký phiếu."))
            else:
                messages.success(request, _("Đã lưu."))
            return redirect("evaluation:sheet", code)
        # a refusal: show the page again with what was sent, nothing lost
        own.answers = answers
        own.comment = request.POST.get("comment", "")
        own.rejections = [int(i) for i in request.POST.getlist("reject") if i.isdigit()]
    theirs, their_notes, their_evidence = _producer_sheet(evaluation)
    view = presenter.present(
        criteria,
        answers=own.answers,
        notes=their_notes,
        evidence=their_evidence,
        previous=theirs,
    )
    conditions = criteria.definition.get("rejection_conditions") or []
    return render(
        request,
        "evaluation/sheet.html",
        {
            "evaluation": evaluation,
            "dossier": evaluation.dossier,
            "sheet": view,
            "own": own,
            "editable": editable,
            "conditions": [
                (i, text, i in (own.rejections or [])) for i, text in enumerate(conditions)
            ],
            "result": own.result,
            "producer_total": _producer_total(evaluation),
            "dossier_evidence": their_evidence.get("", []),
        },
    )


def _producer_total(evaluation):
    version = latest_submitted_version(evaluation.dossier)
    return (version.result or {}).get("total") if version else None


def _next_to_score(user, evaluation):
    """The next product of the round this member still has to score."""
    for e in evaluation.round.evaluations.exclude(pk=evaluation.pk).order_by("pk"):
        if (
            rules.can_score(user, e)
            and not actions.sheet_of(e, rules.seat(user, e.round.council)).submitted
        ):
            return e
    return None


# --- the chair's board --------------------------------------------------------------------


@login_required
def product(request, code: str):
    evaluation = queries.evaluation_for(request.user, code)
    user = request.user
    council = evaluation.round.council
    member = rules.seat(user, council, scoring=True)
    own = actions.sheet_of(evaluation, member) if member else None
    standing = actions.standing(evaluation)
    see = rules.sees_scores(user, evaluation, own)
    beside = None
    if evaluation.state == EvaluationState.CLOSED and evaluation.result:
        theirs, _notes, _evidence = _producer_sheet(evaluation)
        beside = _beside(evaluation, theirs)
    return render(
        request,
        "evaluation/product.html",
        {
            "evaluation": evaluation,
            "council": council,
            "standing": standing,
            "sees": see,
            "chair": rules.is_chair(user, council),
            "member": member,
            "own": own,
            "can_score": rules.can_score(user, evaluation),
            "open": evaluation.state in SCORING_OPEN,
            "discussion": evaluation.state == EvaluationState.DISCUSSION,
            "discussions": evaluation.discussions.prefetch_related("reopened__user"),
            "beside": beside,
            "producer_total": _producer_total(evaluation),
            "threshold": serialize.number(council.spread_threshold),
            "readable_sheets": {
                s.member_id
                for s in standing["sheets"]
                if rules.can_read_sheet(user, evaluation, s.member)
            },
            "advisory": advisory.summary(evaluation),
            # Điều 7.6.d: written opinions differ beyond the regulation's spread
            "opinions_differ": evaluation.written and standing["spread"] > council.spread_threshold,
            "meeting_grounds": MeetingGround.choices,
        },
    )


def _beside(evaluation, theirs):
    """Per criterion: the producer's self-assessed points and the council's mean."""
    sheets = actions.submitted_sheets(evaluation)
    tree = evaluation.dossier.criteria_set.sheet()
    rows = []
    for leaf in tree.leaves():
        chosen = [s.answers.get(leaf.code) for s in sheets if leaf.code in s.answers]
        if not chosen and leaf.code not in theirs:
            continue
        points = {o.code: o.points for o in leaf.options}
        council_mean = sum(points[c] for c in chosen) / len(chosen) if chosen else None
        rows.append(
            {
                "code": leaf.code,
                "name": leaf.name,
                "producer": points.get(theirs.get(leaf.code)),
                "council": council_mean,
                "max": leaf.max_points,
            }
        )
    return rows


@login_required
@require_POST
def reopen(request, code: str):
    evaluation = queries.evaluation_for(request.user, code)
    chosen = {int(pk) for pk in request.POST.getlist("member") if pk.isdigit()}
    members = list(evaluation.round.council.members.filter(pk__in=chosen))
    try:
        actions.reopen(evaluation, members, actor=request.user, note=request.POST.get("note", ""))
    except EvaluationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã mở lại %(n)s phiếu để chấm lại.") % {"n": len(members)})
    return redirect("evaluation:product", code)


@login_required
@require_POST
def call_meeting(request, code: str):
    """The chair's decision to discuss a re-evaluation at a meeting (Điều 7.6.d)."""
    evaluation = queries.evaluation_for(request.user, code)
    try:
        actions.call_meeting(
            evaluation,
            actor=request.user,
            ground=request.POST.get("ground", ""),
            note=request.POST.get("note", ""),
        )
    except EvaluationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã ghi quyết định họp trực tiếp; các thành viên được báo."))
    return redirect("evaluation:product", code)


@login_required
@require_POST
def close(request, code: str):
    evaluation = queries.evaluation_for(request.user, code)
    try:
        evaluation = actions.close(evaluation, actor=request.user)
    except EvaluationError as exc:
        messages.error(request, str(exc))
    else:
        if evaluation.state == EvaluationState.REJECTED:
            messages.warning(
                request, _("Hồ sơ bị loại: %(reason)s") % {"reason": evaluation.rejection_reason}
            )
        else:
            messages.success(request, _("Đã chốt kết quả."))
    return redirect("evaluation:product", code)


@login_required
@require_POST
def reject(request, code: str):
    evaluation = queries.evaluation_for(request.user, code)
    try:
        actions.reject(evaluation, actor=request.user, reason=request.POST.get("reason", ""))
    except EvaluationError as exc:
        messages.error(request, str(exc))
    else:
        messages.warning(request, _("Đã loại hồ sơ."))
    return redirect("evaluation:product", code)
