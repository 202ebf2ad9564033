"""Post-certification inspections (hậu kiểm, Điều 9 of 26/2026/QĐ-TTg): planned (periodic)
and ad hoc checks of certified products by the provincial OCOP office (Điều 9.4.a) or the
ministry's (9.4.b): whether each product keeps the criteria it was evaluated on (9.3.a) and
how the OCOP mark and OCOP information are used (9.3.b). Findings, photos, follow-up
actions with deadlines, the conclusion, and from a failing finding the start of a
revocation (Điều 8.1.b, d).
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.audit.log import record
from ocop.certificates import rules
from ocop.certificates.enums import InspectionKind
from ocop.certificates.errors import CertificateError
from ocop.certificates.models import Certificate, Inspection, InspectionItem


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
    certificates = list(certificates)
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
    for cert in certificates:
        if province is not None and cert.province_id != province.pk:
            problems.append(
                _("Sản phẩm “%(name)s” không thuộc địa bàn này.") % {"name": cert.product_name}
            )
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


def inspectable(user):
    """The certificates the user's office may put in an inspection: in force, in its scope."""
    from django.utils import timezone

    return (
        rules.office_scope(user)
        .filter(Certificate.objects.in_force_on(timezone.localdate()))
        .order_by("product_name")
    )
