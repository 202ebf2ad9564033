"""The advisory team's page per product, its files, and the producer's answers to what the
team asked. The team's page is read by whoever sees the product's evaluation (the council,
its office, the team); only ``rules.can_review`` writes. A producer's account reaches only
the requests and lab tests of its own producers, nothing else of the council."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.dossiers.enums import DossierKind
from ocop.evaluation import advisory, queries, rules
from ocop.evaluation.actions import EvaluationError
from ocop.evaluation.advisory_forms import (
    AnswerForm,
    FindingForm,
    LabResultForm,
    LabTestForm,
    ReportForm,
    RequestForm,
    VisitFilesForm,
    VisitForm,
)
from ocop.evaluation.enums import FINISHED
from ocop.evaluation.models import DocumentRequest, LabTest
from ocop.lib import uploads
from ocop.producers.models import EvidenceDocument
from ocop.producers.queries import accounts_of

FORMS = {
    "finding": FindingForm,
    "request": RequestForm,
    "visit": VisitForm,
    "visit_files": VisitFilesForm,
    "lab": LabTestForm,
    "lab_result": LabResultForm,
    "report": ReportForm,
}
SAVED = {
    "finding": gettext_lazy("Đã ghi nhận xét."),
    "request": gettext_lazy("Đã gửi yêu cầu bổ sung hồ sơ; chủ thể đã được thông báo."),
    "visit": gettext_lazy("Đã ghi kết quả khảo sát thực tế."),
    "visit_files": gettext_lazy("Đã thêm tệp vào đợt khảo sát."),
    "lab": gettext_lazy("Đã ghi đề nghị kiểm nghiệm bổ sung."),
    "lab_result": gettext_lazy("Đã ghi kết quả kiểm nghiệm."),
    "report": gettext_lazy("Đã gửi báo cáo đánh giá đến Chủ tịch Hội đồng."),
}


def _first_error(form) -> str:
    for errors in form.errors.values():
        return " ".join(errors)
    return _("Hãy kiểm tra lại thông tin đã nhập.")


def _act(kind, evaluation, form, request):
    """Run the action a valid form asks for; the target row (visit, lab test) by its pk."""
    data, user = form.cleaned_data, request.user
    if kind == "finding":
        return advisory.add_finding(
            evaluation, actor=user, text=data["text"], criterion=data["criterion"]
        )
    if kind == "request":
        return advisory.request_documents(
            evaluation, actor=user, what=data["what"], due_on=data["due_on"]
        )
    if kind == "visit":
        return advisory.record_visit(
            evaluation,
            actor=user,
            visited_on=data["visited_on"],
            people=data["people"],
            notes=data["notes"],
            files=data["files"],
            ground=data.get("ground", ""),
        )
    if kind == "visit_files":
        visit = get_object_or_404(evaluation.visits, pk=_pk(request, "visit"))
        return advisory.add_visit_files(visit, actor=user, files=data["files"])
    if kind == "lab":
        return advisory.request_lab_test(evaluation, actor=user, what=data["what"], lab=data["lab"])
    if kind == "lab_result":
        test = get_object_or_404(evaluation.lab_tests, pk=_pk(request, "lab_test"))
        return advisory.record_lab_result(test, actor=user, note=data["note"], files=data["files"])
    return advisory.file_report(
        evaluation, actor=user, text=data["text"], conclusion=data["conclusion"]
    )


def _form(kind, sheet, *args, reevaluation=False):
    """One of the page's forms; ``auto_id`` keeps the ids of its several forms apart."""
    extra = {"sheet": sheet} if kind == "finding" else {}
    if kind == "visit":
        extra = {"reevaluation": reevaluation}  # the ground of Điều 7.6.c
    return FORMS[kind](*args, auto_id=f"{kind}-%s", **extra)


def _pk(request, name) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


@login_required
def page(request, code: str):
    """``/danh-gia/san-pham/<code>/tu-van/``: findings, requests and answers, visits, lab
    tests and the reports, with a form for each while the product has no result."""
    evaluation = queries.evaluation_for(request.user, code)
    review = rules.can_review(request.user, evaluation)
    writable = review and evaluation.state not in FINISHED
    sheet = evaluation.dossier.criteria_set.sheet()
    again = evaluation.dossier.kind == DossierKind.RE_EVALUATION
    bound, target = {}, None
    if request.method == "POST":
        if not review:
            raise Http404
        kind = request.POST.get("form", "")
        if kind not in FORMS:
            raise Http404
        form = _form(kind, sheet, request.POST, request.FILES, reevaluation=again)
        if form.is_valid():
            try:
                _act(kind, evaluation, form, request)
            except EvaluationError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, SAVED[kind])
                return redirect(f"{request.path}#{kind}")
        else:
            messages.error(request, _first_error(form))
        # Refused: the page again, with what was sent in its form (files must be re-chosen).
        bound[kind] = form
        target = request.POST.get("visit") or request.POST.get("lab_test")

    def form_of(kind):
        return bound[kind] if kind in bound else _form(kind, sheet, reevaluation=again)

    leaves = {leaf.code: leaf.name for leaf in sheet.leaves()}
    findings = list(evaluation.findings.select_related("by"))
    for f in findings:
        f.criterion_name = leaves.get(f.criterion, "")
    return render(
        request,
        "evaluation/advisory.html",
        {
            "evaluation": evaluation,
            "council": evaluation.round.council,
            "dossier": evaluation.dossier,
            "review": review,
            "writable": writable,
            "finished": evaluation.state in FINISHED,
            "findings": findings,
            "requests": evaluation.document_requests.select_related(
                "asked_by", "answered_by"
            ).prefetch_related("documents"),
            "visits": evaluation.visits.select_related("by").prefetch_related("photos"),
            "lab_tests": evaluation.lab_tests.select_related(
                "asked_by", "result_by"
            ).prefetch_related("files"),
            "reports": evaluation.advisory_reports.select_related("filed_by"),
            "latest": advisory.latest_report(evaluation),
            "today": timezone.localdate(),
            "producer_accounts": accounts_of(evaluation.dossier.producer).count(),
            "team": advisory.team_users(evaluation.round.council),
            "forms": {kind: form_of(kind) for kind in FORMS} if writable else {},
            "target": target,
        },
    )


@login_required
def advisory_file(request, code: str):
    """A visit's photo or a lab's paper (``?thumb=1``: its thumbnail)."""
    f = queries.advisory_file_for(request.user, code)
    thumbnail = request.GET.get("thumb") == "1" and bool(f.thumbnail)
    title = f.original_name.rsplit(".", 1)[0] or f.code
    return uploads.serve(f, title=title, thumbnail=thumbnail)


@login_required
def answer_document(request, code: str, doc: str):
    """A library document the producer gave in answer to a request of this product: the
    team and the council read it here (they do not see the producer's whole library)."""
    evaluation = queries.evaluation_for(request.user, code)
    linked = DocumentRequest.documents.through.objects.filter(
        documentrequest__evaluation=evaluation
    ).values("evidencedocument_id")
    document = get_object_or_404(EvidenceDocument, code=doc, pk__in=linked)
    thumbnail = request.GET.get("thumb") == "1" and bool(document.thumbnail)
    return uploads.serve(document, title=document.title, thumbnail=thumbnail)


# --- the producer's side -----------------------------------------------------------------


@login_required
def requests(request):
    """``/danh-gia/yeu-cau/``: what the advisory team asked of the user's producers."""
    scope = rules.request_scope(request.user)
    if scope.empty:
        raise Http404
    asked = scope.filter(
        DocumentRequest.objects.select_related(
            "evaluation__dossier__product", "evaluation__dossier__producer"
        )
    )
    tests = scope.filter(
        LabTest.objects.select_related(
            "evaluation__dossier__product", "evaluation__dossier__producer"
        )
    )
    return render(
        request,
        "evaluation/advisory_requests.html",
        {
            "open": [r for r in asked if not r.answered],
            "answered": [r for r in asked if r.answered],
            "lab_tests": list(tests),
            "today": timezone.localdate(),
        },
    )


@login_required
def request_view(request, code: str):
    """``/danh-gia/yeu-cau/<code>/``: one request, and the producer's answer to it."""
    asked = queries.request_for(request.user, code)
    producer = asked.evaluation.dossier.producer
    library = producer.evidence.current().order_by("kind", "title")
    closed = asked.evaluation.state in FINISHED
    form = None
    if not asked.answered and not closed:
        form = AnswerForm(request.POST or None, library=library)
    if request.method == "POST":
        if form is None:
            messages.error(
                request,
                _("Yêu cầu này đã được trả lời.")
                if asked.answered
                else _("Hội đồng đã có kết quả đánh giá; không bổ sung được nữa."),
            )
            return redirect("evaluation:request", code)
        if form.is_valid():
            try:
                advisory.answer_request(
                    asked,
                    actor=request.user,
                    answer=form.cleaned_data["answer"],
                    documents=form.cleaned_data["documents"],
                )
            except EvaluationError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Đã gửi trả lời đến Tổ tư vấn."))
                return redirect("evaluation:request", code)
        else:
            messages.error(request, _first_error(form))
    return render(
        request,
        "evaluation/advisory_request.html",
        {
            "asked": asked,
            "product": asked.evaluation.dossier.product,
            "producer": producer,
            "form": form,
            "closed": closed,
            "today": timezone.localdate(),
            "library_empty": not library.exists(),
        },
    )
