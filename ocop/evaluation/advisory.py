"""The advisory team's review of a dossier (Điều 7.3.c, 7.4.c, 26/2026/QĐ-TTg): "tổ chức
đánh giá hồ sơ …; đề xuất bổ sung hồ sơ, tổ chức khảo sát thực tế tại cơ sở sản xuất, kinh
doanh …, đề nghị bổ sung kết quả kiểm nghiệm chất lượng (nếu cần); xây dựng báo cáo đánh giá
gửi Chủ tịch Hội đồng".

Every change is one function here, in one transaction, writing one audit entry on the
product's evaluation (so its history holds the whole review, answers included) and telling
the next person. Who may act: ``rules.can_review`` (the team, the council's office); the
producer's accounts answer the documents asked of them (``rules.request_scope``).
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ocop.audit.log import record
from ocop.criteria.engine import UnknownCriterion
from ocop.dossiers.enums import DossierKind
from ocop.evaluation import rules
from ocop.evaluation.actions import EvaluationError
from ocop.evaluation.enums import FINISHED, Body, MemberRole, ReportConclusion, VisitGround
from ocop.evaluation.models import (
    AdvisoryFile,
    AdvisoryReport,
    DocumentRequest,
    Evaluation,
    FieldVisit,
    Finding,
    LabTest,
)
from ocop.lib import uploads
from ocop.notify.send import notify
from ocop.producers.queries import accounts_of

MAX_FILES = 10  # per upload, so one form post stays a reasonable size
MAX_TEXT = 5000


# --- who and what ------------------------------------------------------------------------


def _reviewer(evaluation: Evaluation, actor) -> None:
    if not rules.can_review(actor, evaluation):
        raise EvaluationError(
            _("Chỉ Tổ tư vấn và cơ quan thường trực của Hội đồng làm được việc này.")
        )
    if evaluation.state in FINISHED:
        raise EvaluationError(_("Sản phẩm đã có kết quả đánh giá; Tổ tư vấn không ghi thêm được."))


def _text(value, message: str, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise EvaluationError(message)
    if len(value) > limit:
        raise EvaluationError(
            _("Nội dung dài quá %(n)s ký tự; hãy rút gọn hoặc đính kèm tệp.") % {"n": limit}
        )
    return value


def _day(value: dt.date) -> str:
    return formats.date_format(value, "d/m/Y")


def team_users(council) -> list:
    """The active members of the council's advisory team."""
    seats = council.members.filter(left_on__isnull=True, body=Body.ADVISORY).select_related("user")
    return [m.user for m in seats]


def chair_users(council) -> list:
    seats = council.members.filter(left_on__isnull=True, body=Body.COUNCIL, role=MemberRole.CHAIR)
    return [m.user for m in seats.select_related("user")]


def _page(evaluation: Evaluation) -> str:
    return reverse("evaluation:advisory", args=[evaluation.code])


def _tell_team(evaluation: Evaluation, verb: str, *, actor, note: str = "") -> None:
    notify(
        team_users(evaluation.round.council),
        verb,
        subject=str(evaluation),
        url=_page(evaluation),
        note=note,
        exclude=actor,
    )


# --- files (a visit's photos, a lab's result): checked by ocop.lib.uploads ----------------


def _checked(files) -> list:
    files = [f for f in files or () if f]
    if len(files) > MAX_FILES:
        raise EvaluationError(_("Mỗi lần tải lên tối đa %(n)s tệp.") % {"n": MAX_FILES})
    for f in files:
        if getattr(f, "inspected", None) is None:
            try:
                f.inspected = uploads.inspect(f)
            except uploads.UploadRefused as exc:
                name = getattr(f, "name", "") or ""
                raise EvaluationError(f"{name}: {exc}" if name else str(exc)) from None
    return files


def _store(evaluation, files, *, actor, visit=None, lab_test=None) -> list[AdvisoryFile]:
    stored = []
    for f in files:
        inspected = f.inspected
        row = AdvisoryFile(
            evaluation=evaluation,
            visit=visit,
            lab_test=lab_test,
            original_name=(getattr(f, "name", "") or "")[-255:],
            content_type=inspected.content_type,
            extension=inspected.extension,
            size=inspected.size,
            sha256=inspected.sha256,
            uploaded_by=actor,
        )
        row.file.save("upload", f, save=False)
        if inspected.kind in uploads.IMAGE_KINDS:
            row.thumbnail.save("thumb", uploads.make_thumbnail(f), save=False)
        row.save()
        stored.append(row)
    return stored


# --- findings ----------------------------------------------------------------------------


@transaction.atomic
def add_finding(evaluation: Evaluation, *, actor, text: str, criterion: str = "") -> Finding:
    """A note of the team on one criterion of the product's sheet, or on the whole dossier."""
    _reviewer(evaluation, actor)
    text = _text(text, _("Hãy ghi nội dung nhận xét."))
    criterion = (criterion or "").strip()
    if criterion:
        try:
            evaluation.dossier.criteria_set.sheet().leaf(criterion)
        except UnknownCriterion:
            raise EvaluationError(
                _("Tiêu chí %(code)s không có trong Bộ tiêu chí của sản phẩm.")
                % {"code": criterion}
            ) from None
    finding = Finding.objects.create(
        evaluation=evaluation, criterion=criterion, text=text, by=actor
    )
    _record("advisory.finding", actor, evaluation, {"criterion": criterion, "finding": text})
    _tell_team(evaluation, "advisory.finding", actor=actor, note=text[:300])
    return finding


# --- documents asked of the producer -----------------------------------------------------


@transaction.atomic
def request_documents(
    evaluation: Evaluation, *, actor, what: str, due_on: dt.date | None
) -> DocumentRequest:
    """Ask the producer for more documents by a date; its accounts are told and answer in
    the system (``answer_request``)."""
    _reviewer(evaluation, actor)
    what = _text(what, _("Hãy ghi tài liệu cần bổ sung."))
    if due_on is None:
        raise EvaluationError(_("Hãy ghi hạn bổ sung."))
    if due_on < timezone.localdate():
        raise EvaluationError(_("Hạn bổ sung phải từ hôm nay trở đi."))
    asked = DocumentRequest.objects.create(
        evaluation=evaluation, what=what, due_on=due_on, asked_by=actor
    )
    _record(
        "advisory.request",
        actor,
        evaluation,
        {"request": asked.code, "what": what, "due_on": due_on.isoformat()},
    )
    notify(
        accounts_of(evaluation.dossier.producer),
        "advisory.request",
        subject=evaluation.dossier.product.name,
        url=reverse("evaluation:request", args=[asked.code]),
        note=_("%(what)s (hạn %(day)s)") % {"what": what[:250], "day": _day(due_on)},
        exclude=actor,
    )
    return asked


@transaction.atomic
def answer_request(asked: DocumentRequest, *, actor, answer: str = "", documents=()):
    """The producer's answer: a text and/or documents of its library (uploaded there first).
    Given once; the request and the answer are both kept."""
    asked = (
        DocumentRequest.objects.select_for_update()
        .select_related("evaluation__dossier__producer", "evaluation__round__council")
        .get(pk=asked.pk)
    )
    evaluation = asked.evaluation
    producer = evaluation.dossier.producer
    if producer.pk not in rules.producer_ids(actor):
        raise EvaluationError(_("Chỉ tài khoản của chủ thể trả lời được yêu cầu này."))
    if asked.answered:
        raise EvaluationError(
            _("Yêu cầu này đã được trả lời ngày %(day)s.")
            % {"day": _day(timezone.localdate(asked.answered_at))}
        )
    if evaluation.state in FINISHED:
        raise EvaluationError(_("Hội đồng đã có kết quả đánh giá; không bổ sung được nữa."))
    answer = (answer or "").strip()
    documents = list(documents or ())
    if not answer and not documents:
        raise EvaluationError(_("Hãy ghi nội dung trả lời hoặc chọn ít nhất một tài liệu."))
    if answer:
        answer = _text(answer, "")
    allowed = set(producer.evidence.current().values_list("pk", flat=True))
    for document in documents:
        if document.pk not in allowed:
            raise EvaluationError(
                _("Tài liệu “%(title)s” không có trong thư viện của chủ thể.")
                % {"title": document.title}
            )
    asked.answer, asked.answered_by, asked.answered_at = answer, actor, timezone.now()
    asked.save(update_fields=["answer", "answered_by", "answered_at"])
    asked.documents.set(documents)
    _record(
        "advisory.answer",
        actor,
        evaluation,
        {"request": asked.code, "answer": answer, "documents": [d.title for d in documents]},
    )
    people = {u.pk: u for u in team_users(evaluation.round.council)}
    if asked.asked_by is not None:
        people[asked.asked_by.pk] = asked.asked_by
    notify(
        people.values(),
        "advisory.answer",
        subject=str(evaluation),
        url=_page(evaluation),
        note=asked.what[:300],
        exclude=actor,
    )
    return asked


# --- field visits ------------------------------------------------------------------------


@transaction.atomic
def record_visit(
    evaluation: Evaluation,
    *,
    actor,
    visited_on: dt.date | None,
    people: str,
    notes: str,
    files=(),
    ground: str = "",
) -> FieldVisit:
    """A visit to the production site: its day, who took part, what was found, photos.

    A re-evaluated product is visited only when "có thay đổi lớn về quy mô sản xuất hoặc hồ
    sơ minh chứng không rõ ràng, cần phải khảo sát thực tế" (Điều 7.6.c, 7.6.e): the visit
    names which (``ground``). Other dossiers need no ground (Điều 7.3.c leaves visits to
    the team)."""
    _reviewer(evaluation, actor)
    ground = (ground or "").strip()
    if ground and ground not in VisitGround.values:
        raise EvaluationError(_("Lý do khảo sát thực tế không hợp lệ."))
    if not ground and evaluation.dossier.kind == DossierKind.RE_EVALUATION:
        raise EvaluationError(
            _(
                "Đánh giá lại chỉ khảo sát thực tế tại cơ sở đối với sản phẩm có thay đổi lớn "
                "về quy mô sản xuất hoặc hồ sơ minh chứng không rõ ràng (Điều 7.6.c): hãy chọn "
                "lý do khảo sát."
            )
        )
    if visited_on is None:
        raise EvaluationError(_("Hãy ghi ngày khảo sát."))
    if visited_on > timezone.localdate():
        raise EvaluationError(_("Ngày khảo sát không được sau hôm nay: ghi sau khi đã khảo sát."))
    people = _text(people, _("Hãy ghi thành phần tham gia khảo sát."), limit=1000)
    notes = _text(notes, _("Hãy ghi kết quả khảo sát."))
    files = _checked(files)
    visit = FieldVisit.objects.create(
        evaluation=evaluation,
        visited_on=visited_on,
        people=people,
        notes=notes,
        ground=ground,
        by=actor,
    )
    stored = _store(evaluation, files, actor=actor, visit=visit)
    _record(
        "advisory.visit",
        actor,
        evaluation,
        {
            **({"visit_ground": ground} if ground else {}),
            "visited_on": visited_on.isoformat(),
            "people": people,
            "visit_notes": notes,
            "files": [f.original_name for f in stored],
        },
    )
    _tell_team(evaluation, "advisory.visit", actor=actor, note=notes[:300])
    return visit


@transaction.atomic
def add_visit_files(visit: FieldVisit, *, actor, files) -> list[AdvisoryFile]:
    """Photos (or minutes) of a visit, added after it was recorded."""
    evaluation = visit.evaluation
    _reviewer(evaluation, actor)
    files = _checked(files)
    if not files:
        raise EvaluationError(_("Hãy chọn tệp để tải lên."))
    stored = _store(evaluation, files, actor=actor, visit=visit)
    _record(
        "advisory.visit_files",
        actor,
        evaluation,
        {"visited_on": visit.visited_on.isoformat(), "files": [f.original_name for f in stored]},
    )
    _tell_team(evaluation, "advisory.visit_files", actor=actor)
    return stored


# --- extra lab tests ---------------------------------------------------------------------


@transaction.atomic
def request_lab_test(evaluation: Evaluation, *, actor, what: str, lab: str = "") -> LabTest:
    """Ask for extra quality test results; the producer's accounts are told (it provides the
    samples), and the team records the lab's result when it is in."""
    _reviewer(evaluation, actor)
    what = _text(what, _("Hãy ghi chỉ tiêu cần kiểm nghiệm."))
    lab = (lab or "").strip()
    if len(lab) > 200:
        raise EvaluationError(_("Tên đơn vị kiểm nghiệm dài quá 200 ký tự."))
    test = LabTest.objects.create(evaluation=evaluation, what=what, lab=lab, asked_by=actor)
    _record("advisory.lab_test", actor, evaluation, {"lab_test": test.pk, "what": what, "lab": lab})
    notify(
        accounts_of(evaluation.dossier.producer),
        "advisory.lab_test",
        subject=evaluation.dossier.product.name,
        url=reverse("evaluation:requests"),
        note=what[:300],
        exclude=actor,
    )
    return test


@transaction.atomic
def record_lab_result(test: LabTest, *, actor, note: str, files=()) -> LabTest:
    """The lab's result: what it says, and its paper. Recorded once."""
    test = LabTest.objects.select_for_update().select_related("evaluation").get(pk=test.pk)
    evaluation = test.evaluation
    _reviewer(evaluation, actor)
    if test.done:
        raise EvaluationError(_("Kết quả kiểm nghiệm này đã được ghi."))
    note = _text(note, _("Hãy ghi kết quả kiểm nghiệm."))
    files = _checked(files)
    stored = _store(evaluation, files, actor=actor, lab_test=test)
    test.result_note, test.result_by, test.result_at = note, actor, timezone.now()
    test.save(update_fields=["result_note", "result_by", "result_at"])
    _record(
        "advisory.lab_result",
        actor,
        evaluation,
        {
            "lab_test": test.pk,
            "what": test.what,
            "lab_result": note,
            "files": [f.original_name for f in stored],
        },
    )
    _tell_team(evaluation, "advisory.lab_result", actor=actor, note=note[:300])
    return test


# --- the report to the chair -------------------------------------------------------------


def latest_report(evaluation: Evaluation) -> AdvisoryReport | None:
    return (
        evaluation.advisory_reports.filter(superseded_by__isnull=True)
        .select_related("filed_by")
        .first()
    )


@transaction.atomic
def file_report(evaluation: Evaluation, *, actor, text: str, conclusion) -> AdvisoryReport:
    """File the team's report to the chair. A filed report is never edited: a new one
    supersedes the latest, and both are kept."""
    evaluation = (
        Evaluation.objects.select_for_update()
        .select_related("round__council")
        .get(pk=evaluation.pk)
    )
    _reviewer(evaluation, actor)
    text = _text(text, _("Hãy ghi nội dung báo cáo đánh giá."), limit=20000)
    try:
        conclusion = ReportConclusion(conclusion)
    except ValueError:
        raise EvaluationError(_("Hãy chọn kết luận, đề xuất của Tổ tư vấn.")) from None
    previous = latest_report(evaluation)
    report = AdvisoryReport.objects.create(
        evaluation=evaluation,
        text=text,
        conclusion=conclusion,
        supersedes=previous,
        filed_by=actor,
    )
    changes = {"conclusion": conclusion.value, "report": text}
    if previous is not None:
        changes["supersedes"] = timezone.localtime(previous.filed_at).strftime("%d/%m/%Y %H:%M")
    _record("advisory.report", actor, evaluation, changes)
    notify(
        chair_users(evaluation.round.council),
        "advisory.report",
        subject=str(evaluation),
        url=_page(evaluation),
        note=str(conclusion.label),
        exclude=actor,
    )
    return report


# --- what the product page shows beside the dossier --------------------------------------


def summary(evaluation: Evaluation) -> dict:
    """The latest report and the requests still waiting for the producer's answer."""
    open_requests = evaluation.document_requests.filter(answered_at__isnull=True)
    return {
        "report": latest_report(evaluation),
        "open_requests": list(open_requests.order_by("due_on", "pk")),
        "open_lab_tests": evaluation.lab_tests.filter(result_at__isnull=True).count(),
        "visits": evaluation.visits.count(),
        "findings": evaluation.findings.count(),
    }


def _record(verb: str, actor, evaluation: Evaluation, changes: dict) -> None:
    record(verb, actor=actor, obj=evaluation, changes=changes)
