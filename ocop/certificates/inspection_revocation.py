"""From an inspection's failing finding to a revocation case (Điều 8.1.b: the criteria no
longer met, per the inspection's conclusion; 8.1.d: misuse of the OCOP mark), in one click
from the product's results (``inspection_views``)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.certificates import revocation
from ocop.certificates.enums import CaseState, Conclusion, Ground, InspectionState, MarkUse, Trigger
from ocop.certificates.errors import CertificateError
from ocop.certificates.inspections import _day, _item, failing, office_name
from ocop.certificates.models import Certificate, Inspection, InspectionItem, Revocation

REVOCATION_GROUNDS = (Ground.CRITERIA, Ground.MARK)


def reference(inspection: Inspection) -> tuple[str, dt.date]:
    """What a revocation started from this inspection stands on: the conclusion's number
    and date once concluded, else the inspection's code and day (the office may start at
    once on what the team saw, e.g. a misused mark)."""
    if inspection.state == InspectionState.CONCLUDED:
        return inspection.conclusion_number, inspection.concluded_on
    return inspection.code, inspection.planned_on


def grounds_for(item: InspectionItem) -> list[str]:
    """The grounds this item's results support."""
    found = []
    if failing(item) or item.conclusion == Conclusion.FAILS:
        found.append(Ground.CRITERIA)
    if item.mark_use == MarkUse.WRONG:
        found.append(Ground.MARK)
    return found


def open_case_of(cert: Certificate) -> Revocation | None:
    return cert.revocations.filter(state=CaseState.OPEN).first()


def summary_of(item: InspectionItem, ground: str) -> str:
    inspection = item.inspection
    number, day = reference(inspection)
    head = _("Kết quả kiểm tra %(number)s (%(kind)s, ngày %(day)s), sản phẩm %(name)s:") % {
        "number": number,
        "kind": inspection.get_kind_display().lower(),
        "day": _day(day),
        "name": item.certificate.product_name,
    }
    lines = [head]
    if ground == Ground.CRITERIA:
        for f in failing(item):
            what = f"{f.get('criterion', '')} {f.get('label', '')}".strip() or _("Chung")
            lines.append(f"- {what}: {f.get('note', '')}".rstrip(": "))
        if item.note:
            lines.append(item.note)
    else:
        lines.append(
            _("Sử dụng nhãn hiệu OCOP không đúng quy định: %(note)s") % {"note": item.mark_note}
        )
    return "\n".join(lines)


@transaction.atomic
def start_revocation(item: InspectionItem, *, actor, ground: str) -> Revocation:
    """One click from the item: a revocation case on ground b (criteria no longer met) or d
    (misuse of the mark), triggered by this inspection (``reference``)."""
    item = _item(item, actor, open_only=False)
    if ground not in REVOCATION_GROUNDS:
        raise CertificateError(_("Căn cứ thu hồi không hợp lệ."))
    if ground not in grounds_for(item):
        raise CertificateError(
            _("Kết quả kiểm tra chưa có tiêu chí không đạt.")
            if ground == Ground.CRITERIA
            else _("Kết quả kiểm tra không ghi việc sử dụng nhãn hiệu OCOP sai quy định.")
        )
    cert = Certificate.objects.select_for_update().get(pk=item.certificate_id)
    existing = open_case_of(cert)
    if existing is not None:
        raise CertificateError(
            _("Giấy chứng nhận này đang có hồ sơ thu hồi %(code)s chưa xử lý.")
            % {"code": existing.code}
        )
    number, day = reference(item.inspection)
    return revocation.open_case(
        cert,
        actor=actor,
        ground=ground,
        trigger=Trigger.CONCLUSION,
        trigger_authority=office_name(item.inspection)[:200],
        trigger_number=number,
        trigger_date=day,
        summary=summary_of(item, ground),
        inspection_item=item,
    )
