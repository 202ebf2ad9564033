"""Post-certification inspections (hậu kiểm, Điều 9 of 26/2026/QĐ-TTg): planned (periodic)
and ad hoc checks of certified products by the provincial OCOP office (Điều 9.4.a) or the
ministry's (9.4.b): whether each product keeps the criteria it was evaluated on (9.3.a) and
how the OCOP mark and OCOP information are used (9.3.b). Findings, photos, follow-up
actions with deadlines, the conclusion, and from a failing finding the start of a
revocation (Điều 8.1.b, d).

Every change is one function here, in one transaction, writing one audit entry: on the
inspection (planned, concluded), on the product's item (findings, mark use, photos, its
conclusion) or on the follow-up. Who: the office of the inspection's province, or central
officers (``rules.office_scope``). A concluded inspection's findings no longer change;
its follow-ups are still added and marked done, and revocations still start from it.
"""

import datetime as dt

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ocop.audit.log import record
from ocop.certificates import rules
from ocop.certificates.enums import (
    Conclusion,
    InspectionKind,
    InspectionState,
    MarkUse,
)
from ocop.certificates.errors import CertificateError
from ocop.certificates.models import (
    Certificate,
    FollowUp,
    Inspection,
    InspectionItem,
    InspectionPhoto,
)
from ocop.criteria.queries import published_sets
from ocop.lib import uploads

MAX_TEXT = 5000
MAX_FILES = 10  # per upload, so one form post stays a reasonable size
PHOTO_KINDS = uploads.IMAGE_KINDS | {"pdf"}
LABEL_LENGTH = 200


@transaction.atomic
def plan_inspection(
    *,
    actor,
    province,
    kind: str,
    scope: str,
    planned_on: dt.date | None,
    inspectors: str,
    certificates,
    basis: str = "",
    report=None,
) -> Inspection:
    """An inspection of ``certificates`` by the office of ``province`` (None: the ministry's
    office, central officers only). Every certificate must be of that province (any, for the
    ministry) and one the user's office manages."""
    certificates = list({c.pk: c for c in certificates}.values())
    if province is None:
        allowed = rules.is_office(actor) and rules.office_scope(actor).everything
    else:
        allowed = rules.office_scope(actor).covers(Inspection(province=province))
    if not allowed:
        raise CertificateError(_("Bạn không có quyền lập kế hoạch kiểm tra cho địa bàn này."))
    problems = []
    if kind not in InspectionKind.values:
        problems.append(_("Hãy chọn hình thức kiểm tra: định kỳ hoặc đột xuất."))
    if not scope.strip() or not inspectors.strip() or planned_on is None:
        problems.append(_("Hãy ghi phạm vi, nội dung, ngày kiểm tra và thành phần đoàn kiểm tra."))
    problems += _outside(province, certificates)
    if problems:
        raise CertificateError(" ".join(problems))
    inspection = Inspection.objects.create(
        province=province,
        kind=kind,
        scope=scope.strip(),
        basis=basis.strip(),
        planned_on=planned_on,
        inspectors=inspectors.strip(),
        report=report,
        created_by=actor,
    )
    for cert in certificates:
        InspectionItem.objects.create(inspection=inspection, certificate=cert)
    record(
        "inspection.planned",
        actor=actor,
        obj=inspection,
        changes={
            "inspection_kind": kind,
            "products": [c.product_name for c in certificates],
        },
    )
    return inspection


def _outside(province, certificates) -> list[str]:
    return [
        _("Sản phẩm “%(name)s” không thuộc địa bàn này.") % {"name": cert.product_name}
        for cert in certificates
        if province is not None and cert.province_id != province.pk
    ]


def inspectable(user):
    """The certificates the user's office may put in an inspection: in force, in its scope."""
    return (
        rules.office_scope(user)
        .filter(Certificate.objects.in_force_on(timezone.localdate()))
        .order_by("product_name")
    )


# --- what is checked: the product's criteria (Điều 9.3.a) --------------------------------


def criteria_set_of(cert: Certificate):
    """The criteria set the product was evaluated on (its dossier's), or for a certificate
    entered from paper the published set of its product set (the latest instrument's)."""
    if cert.line_id is not None:
        return cert.line.evaluation.dossier.criteria_set
    return (
        published_sets()
        .filter(product_set_id=cert.product.product_set_id)
        .order_by("-instrument__effective_from", "code")
        .first()
    )


def criteria_of(cert: Certificate) -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(part, [(code, name), ...]), ...]``: per part of the sheet, each criterion and its
    scored sub-criteria, in the sheet's order. Empty when no criteria set is found."""
    cached = getattr(cert, "_criteria", None)
    if cached is not None:
        return cached
    criteria_set = criteria_set_of(cert)
    groups = []
    if criteria_set is not None:
        for part in criteria_set.sheet().parts:
            rows = []
            for criterion in part.criteria:
                rows.append((criterion.code, criterion.name))
                rows += [(lf.code, lf.name) for lf in criterion.leaves() if lf is not criterion]
            groups.append((f"{part.code}. {part.name}", rows))
    cert._criteria = groups
    return groups


def _criterion_name(cert: Certificate, code: str) -> str:
    for _part, rows in criteria_of(cert):
        for known, name in rows:
            if known == code:
                return name
    raise CertificateError(
        _("Tiêu chí %(code)s không có trong Bộ tiêu chí của sản phẩm.") % {"code": code}
    )


# --- who and what ------------------------------------------------------------------------


def _covered(inspection: Inspection, actor) -> None:
    if not rules.office_scope(actor).covers(inspection):
        raise CertificateError(_("Bạn không có quyền ghi kết quả của đợt kiểm tra này."))


def _locked(inspection: Inspection, actor, *, open_only: bool = True) -> Inspection:
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _covered(inspection, actor)
    if open_only and inspection.state == InspectionState.CONCLUDED:
        raise CertificateError(_("Đợt kiểm tra đã kết luận; kết quả kiểm tra không sửa được nữa."))
    return inspection


def _item(item: InspectionItem, actor, *, open_only: bool = True) -> InspectionItem:
    inspection = _locked(item.inspection, actor, open_only=open_only)
    item = (
        InspectionItem.objects.select_for_update()
        .select_related("certificate__product")
        .get(pk=item.pk)
    )
    item.inspection = inspection
    return item


def _text(value, message: str = "", *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value and message:
        raise CertificateError(message)
    if len(value) > limit:
        raise CertificateError(_("Nội dung dài quá %(n)s ký tự.") % {"n": limit})
    return value


def _day(value: dt.date) -> str:
    return formats.date_format(value, "d/m/Y")


@transaction.atomic
def add_certificates(inspection: Inspection, *, actor, certificates) -> Inspection:
    """Put more products in a planned inspection (one opened from a report names none)."""
    inspection = _locked(inspection, actor)
    present = set(inspection.items.values_list("certificate_id", flat=True))
    certificates = [c for c in {c.pk: c for c in certificates}.values() if c.pk not in present]
    if not certificates:
        raise CertificateError(_("Hãy chọn sản phẩm chưa có trong đợt kiểm tra."))
    problems = _outside(inspection.province, certificates)
    if problems:
        raise CertificateError(" ".join(problems))
    for cert in certificates:
        InspectionItem.objects.create(inspection=inspection, certificate=cert)
    record(
        "inspection.planned",
        actor=actor,
        obj=inspection,
        changes={"products": [c.product_name for c in certificates]},
    )
    return inspection


# --- findings per criterion (Điều 9.3.a) -------------------------------------------------


@transaction.atomic
def add_finding(
    item: InspectionItem, *, actor, criterion: str, meets: bool, note: str = ""
) -> InspectionItem:
    """One criterion checked on the product: met or not, and what was seen. ``criterion``
    empty: a finding on the product as a whole."""
    item = _item(item, actor)
    criterion = (criterion or "").strip()
    label = _criterion_name(item.certificate, criterion)[:LABEL_LENGTH] if criterion else ""
    note = _text(note)
    if not meets and not note:
        raise CertificateError(_("Hãy ghi điều không đạt đã thấy khi kiểm tra."))
    item.findings = [
        *item.findings,
        {"criterion": criterion, "label": label, "meets": bool(meets), "note": note},
    ]
    item.save(update_fields=["findings"])
    record(
        "inspection.recorded",
        actor=actor,
        obj=item,
        changes={
            "criterion": f"{criterion} {label}".strip() or None,
            "conclusion": Conclusion.MEETS if meets else Conclusion.FAILS,
            "finding": note,
        },
    )
    return item


@transaction.atomic
def remove_finding(item: InspectionItem, *, actor, index: int, criterion: str) -> InspectionItem:
    """Take back a finding entered by mistake (``criterion`` guards against a page that
    was open while someone else changed the list)."""
    item = _item(item, actor)
    findings = list(item.findings)
    if not 0 <= index < len(findings) or findings[index].get("criterion", "") != criterion:
        raise CertificateError(_("Danh sách kết quả đã thay đổi; hãy tải lại trang."))
    gone = findings.pop(index)
    if item.conclusion == Conclusion.FAILS and not [f for f in findings if not f.get("meets")]:
        raise CertificateError(
            _("Sản phẩm đang được kết luận không duy trì các tiêu chí: hãy đổi kết luận trước.")
        )
    item.findings = findings
    item.save(update_fields=["findings"])
    shown = f"{gone.get('criterion', '')} {gone.get('label', '')}".strip() or _("Chung")
    record("inspection.recorded", actor=actor, obj=item, changes={"criterion": [shown, None]})
    return item


def failing(item: InspectionItem) -> list[dict]:
    return [f for f in item.findings if not f.get("meets")]


# --- mark use (Điều 9.3.b) and the product's conclusion ----------------------------------


@transaction.atomic
def record_result(
    item: InspectionItem,
    *,
    actor,
    mark_use: str,
    mark_note: str = "",
    conclusion: str = "",
    note: str = "",
) -> InspectionItem:
    """How the product uses the OCOP mark and OCOP information, and whether it keeps the
    criteria it was evaluated on."""
    item = _item(item, actor)
    if mark_use not in MarkUse.values:
        raise CertificateError(_("Hãy chọn kết quả kiểm tra việc sử dụng nhãn hiệu OCOP."))
    if conclusion not in Conclusion.values:
        raise CertificateError(_("Hãy chọn kết luận về sản phẩm."))
    mark_note, note = _text(mark_note), _text(note)
    if mark_use == MarkUse.WRONG and not mark_note:
        raise CertificateError(
            _(
                "Hãy ghi việc sử dụng nhãn hiệu OCOP không đúng quy định đã thấy "
                "(nhãn, tem, quảng bá)."
            )
        )
    if conclusion == Conclusion.FAILS and not failing(item):
        raise CertificateError(
            _("Hãy ghi tiêu chí không đạt trước khi kết luận sản phẩm không duy trì các tiêu chí.")
        )
    after = {"mark_use": mark_use, "mark_note": mark_note, "conclusion": conclusion, "note": note}
    changes = {k: [getattr(item, k), v] for k, v in after.items() if getattr(item, k) != v}
    if changes:
        for k, v in after.items():
            setattr(item, k, v)
        item.save(update_fields=list(after))
        record("inspection.recorded", actor=actor, obj=item, changes=changes)
    return item


# --- photos (images and PDF, checked by ocop.lib.uploads) --------------------------------


@transaction.atomic
def add_photos(item: InspectionItem, *, actor, files, caption: str = "") -> list[InspectionPhoto]:
    item = _item(item, actor)
    files = [f for f in files or () if f]
    if not files:
        raise CertificateError(_("Hãy chọn ảnh hoặc tệp PDF để tải lên."))
    if len(files) > MAX_FILES:
        raise CertificateError(_("Mỗi lần tải lên tối đa %(n)s tệp.") % {"n": MAX_FILES})
    caption = _text(caption, limit=200)
    stored = []
    for f in files:
        name = getattr(f, "name", "") or ""
        try:
            inspected = getattr(f, "inspected", None) or uploads.inspect(f)
        except uploads.UploadRefused as exc:
            raise CertificateError(f"{name}: {exc}" if name else str(exc)) from None
        if inspected.kind not in PHOTO_KINDS:
            raise CertificateError(
                _("%(name)s: chỉ nhận ảnh (JPEG, PNG, WebP) hoặc tệp PDF.") % {"name": name}
            )
        photo = InspectionPhoto(item=item, caption=caption, attached_by=actor)
        photo.describe(inspected, name=name)
        photo.file.save("photo", f, save=False)
        photo.save()
        stored.append(photo)
    record(
        "inspection.recorded",
        actor=actor,
        obj=item,
        changes={"files": [p.original_name or p.storage_name for p in stored]},
    )
    return stored


# --- follow-up actions -------------------------------------------------------------------


@transaction.atomic
def add_follow_up(item: InspectionItem, *, actor, action: str, due_on: dt.date | None) -> FollowUp:
    """What the producer must put right, by when. Also after the conclusion (which usually
    lists them)."""
    item = _item(item, actor, open_only=False)
    action = _text(action, _("Hãy ghi yêu cầu khắc phục."))
    if due_on is None:
        raise CertificateError(_("Hãy ghi hạn hoàn thành."))
    if due_on < item.inspection.planned_on:
        raise CertificateError(_("Hạn hoàn thành không được trước ngày kiểm tra."))
    follow_up = FollowUp.objects.create(item=item, action=action, due_on=due_on)
    record(
        "inspection.follow_up",
        actor=actor,
        obj=follow_up,
        changes={
            "product": item.certificate.product_name,
            "action": action,
            "due_on": due_on.isoformat(),
        },
    )
    return follow_up


@transaction.atomic
def complete_follow_up(
    follow_up: FollowUp, *, actor, note: str, done_on: dt.date | None = None
) -> FollowUp:
    """The producer has put it right: when, and what was checked."""
    item = _item(follow_up.item, actor, open_only=False)  # the inspection first, as elsewhere
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_on is not None:
        raise CertificateError(
            _("Yêu cầu này đã hoàn thành ngày %(day)s.") % {"day": _day(follow_up.done_on)}
        )
    note = _text(note, _("Hãy ghi kết quả khắc phục."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate() or done_on < item.inspection.planned_on:
        raise CertificateError(_("Ngày hoàn thành phải từ ngày kiểm tra đến hôm nay."))
    follow_up.done_on, follow_up.done_note = done_on, note
    follow_up.save(update_fields=["done_on", "done_note"])
    record(
        "inspection.follow_up",
        actor=actor,
        obj=follow_up,
        changes={
            "product": item.certificate.product_name,
            "done_on": done_on.isoformat(),
            "done_note": note,
        },
    )
    return follow_up


def overdue(follow_ups, today: dt.date | None = None):
    """The follow-ups past their deadline and not done."""
    return follow_ups.filter(done_on__isnull=True, due_on__lt=today or timezone.localdate())


# --- the conclusion ----------------------------------------------------------------------


@transaction.atomic
def conclude(
    inspection: Inspection, *, actor, number: str, concluded_on: dt.date | None
) -> Inspection:
    """The inspection's conclusion (its number and date): from now on its findings are
    fixed. Every product needs its own conclusion first."""
    inspection = _locked(inspection, actor)
    number = _text(number, _("Hãy ghi số và ngày của văn bản kết luận."), limit=60)
    if concluded_on is None:
        raise CertificateError(_("Hãy ghi số và ngày của văn bản kết luận."))
    if concluded_on > timezone.localdate() or concluded_on < inspection.planned_on:
        raise CertificateError(_("Ngày kết luận phải từ ngày kiểm tra đến hôm nay."))
    items = list(inspection.items.all())
    if not items:
        raise CertificateError(_("Đợt kiểm tra chưa có sản phẩm nào."))
    pending = [i.certificate.product_name for i in items if i.conclusion == Conclusion.PENDING]
    if pending:
        raise CertificateError(
            _("Hãy kết luận từng sản phẩm trước: %(names)s.") % {"names": ", ".join(pending)}
        )
    inspection.state = InspectionState.CONCLUDED
    inspection.conclusion_number, inspection.concluded_on = number, concluded_on
    inspection.save(update_fields=["state", "conclusion_number", "concluded_on"])
    record(
        "inspection.concluded",
        actor=actor,
        obj=inspection,
        changes={
            "state": [InspectionState.PLANNED, InspectionState.CONCLUDED],
            "conclusion_number": number,
            "concluded_on": concluded_on.isoformat(),
        },
    )
    return inspection


def office_name(inspection: Inspection) -> str:
    if inspection.province_id is None:
        return _("Đoàn kiểm tra của cơ quan quản lý OCOP, Bộ Nông nghiệp và Môi trường")
    return _("Đoàn kiểm tra của cơ quan quản lý OCOP cấp tỉnh, %(province)s") % {
        "province": inspection.province.name
    }
