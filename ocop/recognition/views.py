"""The provincial office's pages: a round's results to decide on, a decision and its annex."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.evaluation.enums import EvaluationState, Level
from ocop.recognition import actions, queries, rules
from ocop.recognition.actions import APPROVE, NOTICE, RECOGNISE, RecognitionError
from ocop.recognition.enums import DecisionKind
from ocop.recognition.forms import CorrectionForm, HeadingForm, NoticeForm
from ocop.recognition.models import DecisionLine, Notice


@login_required
def home(request):
    if not rules.works_on_recognition(request.user):
        raise Http404
    rounds = list(queries.rounds_to_decide(request.user))
    return render(request, "recognition/home.html", {"rounds": rounds})


def _groups(rnd):
    groups = {RECOGNISE: [], APPROVE: [], NOTICE: [], "rejected": [], "open": []}
    evaluations = list(
        rnd.evaluations.select_related(
            "dossier__product", "dossier__producer", "dossier__commune"
        ).order_by("pk")
    )
    # Two queries for the whole round, not two per product.
    lines: dict[int, list] = {}
    standing = DecisionLine.objects.standing().filter(evaluation__in=evaluations)
    for line in standing.select_related("decision"):
        lines.setdefault(line.evaluation_id, []).append(line)
    notices = {n.evaluation_id: n for n in Notice.objects.filter(evaluation__in=evaluations)}
    for e in evaluations:
        kind = actions.outcome(e)
        if kind is None:
            kind = "rejected" if e.state == EvaluationState.REJECTED else "open"
        e.lines = lines.get(e.pk, [])
        e.sent_notice = notices.get(e.pk)
        groups[kind].append(e)
    return groups


@login_required
def round_view(request, code: str):
    rnd = queries.round_for(request.user, code)
    central = rnd.council.level == Level.CENTRAL
    form = HeadingForm(
        request.POST or None,
        prefix="d",
        initial={"signer": _("Bộ trưởng Bộ Nông nghiệp và Môi trường")} if central else None,
    )
    if request.method == "POST":
        if not rules.can_decide(request.user, rnd):
            raise Http404
        chosen = set(request.POST.getlist("evaluation"))
        picked = [e for e in rnd.evaluations.all() if e.code in chosen]
        if form.is_valid():
            try:
                decision = actions.draft_decision(
                    rnd,
                    picked,
                    actor=request.user,
                    kind=request.POST.get("kind", ""),
                    **form.cleaned_data,
                )
            except (RecognitionError, ValueError) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Đã lập dự thảo quyết định."))
                return redirect("recognition:decision", decision.code)
        else:
            messages.error(request, _("Hãy ghi số, ngày ký và người ký của quyết định."))
    return render(
        request,
        "recognition/round.html",
        {
            "round": rnd,
            "groups": _groups(rnd),
            "form": form,
            "notice_form": NoticeForm(prefix="n"),
            "decisions": rnd.decisions.all(),
            "Kind": DecisionKind,
            "central": central,
        },
    )


@login_required
@require_POST
def notice(request, code: str, evaluation: str):
    rnd = queries.round_for(request.user, code)
    target = rnd.evaluations.filter(code=evaluation).first()
    if target is None:
        raise Http404
    form = NoticeForm(request.POST, prefix="n")
    if not form.is_valid():
        messages.error(request, _("Hãy ghi số và ngày của văn bản thông báo."))
        return redirect("recognition:round", code)
    try:
        actions.send_notice(target, actor=request.user, **form.cleaned_data)
    except RecognitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã gửi thông báo kết quả."))
    return redirect("recognition:round", code)


@login_required
def decision(request, code: str):
    decision = queries.decision_for(request.user, code)
    lines = list(decision.lines.all())
    standing = set(decision.lines.standing().values_list("pk", flat=True))
    for line in lines:
        line.stands = decision.recorded and line.pk in standing
    return render(
        request,
        "recognition/decision.html",
        {
            "decision": decision,
            "lines": lines,
            "can_decide": rules.can_act_on(request.user, decision),
            # A province's decision on the central result: its round is the ministry's.
            "sees_round": rules.can_decide(request.user, decision.round),
            "correction_form": CorrectionForm(prefix="c"),
        },
    )


@login_required
@require_POST
def record(request, code: str):
    decision = queries.decision_for(request.user, code)
    try:
        actions.record_decision(decision, actor=request.user)
    except RecognitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã ban hành quyết định."))
    return redirect("recognition:decision", code)


@login_required
@require_POST
def correct(request, code: str):
    decision = queries.decision_for(request.user, code)
    form = CorrectionForm(request.POST, prefix="c")
    chosen = {int(pk) for pk in request.POST.getlist("line") if pk.isdigit()}
    lines = [line for line in decision.lines.all() if line.pk in chosen]
    if not form.is_valid():
        messages.error(request, _("Hãy ghi số, ngày ký, người ký và lý do."))
        return redirect("recognition:decision", code)
    try:
        correction = actions.correct(decision, lines, actor=request.user, **form.cleaned_data)
    except RecognitionError as exc:
        messages.error(request, str(exc))
        return redirect("recognition:decision", code)
    messages.success(request, _("Đã lập dự thảo quyết định sửa đổi, bãi bỏ."))
    return redirect("recognition:decision", correction.code)
