"""Revocation of a certificate (Điều 8): a case opened on one of the six grounds with what
triggered it, decided by the competent authority within 15 days of the trigger, or dropped.

- Grounds (Điều 8.1.a–e, đ): ``enums.GROUNDS``.
- Authority (Điều 8.2): the province's Chairman for 3★–4★, the Minister for 5★; the
  decision's number, date and signer are recorded by that authority's office.
- Deadline (Điều 8.4): "15 ngày kể từ ngày có kết luận … hoặc xác nhận của UBND cấp xã":
  calendar days, the trigger's day not counted (as the 45 days of Điều 7.6.g).
- The decision goes to the producer and the agencies concerned (Điều 8.3.c): the
  producer's accounts, the commune's officers and the province's office are told; the
  verification page says "đã bị thu hồi" on the next scan.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.accounts.queries import holders
from ocop.audit.log import record
from ocop.certificates import public, rules
from ocop.certificates.actions import _step
from ocop.certificates.enums import GROUNDS, CaseState, Ground, State, Trigger
from ocop.certificates.errors import CertificateError
from ocop.certificates.models import Certificate, Revocation
from ocop.notify.send import notify
from ocop.producers.queries import accounts_of

REVOCATION_DAYS = 15  # Điều 8.4


def deadline(trigger_date: dt.date) -> dt.date:
    return trigger_date + dt.timedelta(days=REVOCATION_DAYS)


def days_left(case: Revocation, today: dt.date) -> int:
    return (deadline(case.trigger_date) - today).days


def authority_label(cert: Certificate) -> str:
    return (
        _("Bộ trưởng Bộ Nông nghiệp và Môi trường")
        if cert.stars >= rules.FIVE_STARS
        else _("Chủ tịch UBND %(province)s") % {"province": cert.province.name}
    )


@transaction.atomic
def open_case(
    cert: Certificate,
    *,
    actor,
    ground: str,
    trigger: str,
    trigger_authority: str,
    trigger_number: str,
    trigger_date: dt.date | None,
    summary: str,
    inspection_item=None,
    report=None,
) -> Revocation:
    if not rules.can_manage(actor, cert):
        raise CertificateError(_("Bạn không có quyền lập hồ sơ thu hồi giấy chứng nhận này."))
    cert = Certificate.objects.select_for_update().get(pk=cert.pk)
    problems = []
    if ground not in GROUNDS:
        problems.append(_("Hãy chọn căn cứ thu hồi theo khoản 1 Điều 8."))
    if trigger not in Trigger.values:
        problems.append(
            _(
                "Hãy chọn căn cứ phát sinh: kết luận của cơ quan có thẩm quyền hoặc xác nhận "
                "của UBND cấp xã."
            )
        )
    elif trigger == Trigger.COMMUNE and ground != Ground.STOPPED:
        problems.append(
            _("Xác nhận của UBND cấp xã chỉ là căn cứ khi chủ thể không còn sản xuất (điểm đ).")
        )
    if not trigger_authority.strip() or not trigger_number.strip() or trigger_date is None:
        problems.append(_("Hãy ghi cơ quan, số và ngày của văn bản kết luận hoặc xác nhận."))
    elif trigger_date > timezone.localdate():
        problems.append(_("Ngày kết luận, xác nhận không được sau hôm nay."))
    if not summary.strip():
        problems.append(_("Hãy ghi nội dung vi phạm và kết quả kiểm tra, xác minh."))
    if cert.state != State.ACTIVE:
        problems.append(
            _("Giấy chứng nhận %(state)s: không còn gì để thu hồi.")
            % {"state": cert.get_state_display().lower()}
        )
    if problems:
        raise CertificateError(" ".join(problems))
    case = Revocation.objects.create(
        certificate=cert,
        ground=ground,
        trigger=trigger,
        trigger_authority=trigger_authority.strip(),
        trigger_number=trigger_number.strip(),
        trigger_date=trigger_date,
        summary=summary.strip(),
        inspection_item=inspection_item,
        report=report,
        opened_by=actor,
    )
    record(
        "revocation.opened",
        actor=actor,
        obj=case,
        changes={
            "certificate": cert.number,
            "ground": ground,
            "trigger_number": case.trigger_number,
            "deadline": deadline(trigger_date),
        },
    )
    return case


@transaction.atomic
def decide(case: Revocation, *, actor, number: str, signed_on: dt.date | None, signer: str):
    """The authority's decision: the certificate is revoked from now on."""
    case = Revocation.objects.select_for_update().select_related("certificate").get(pk=case.pk)
    cert = Certificate.objects.select_for_update().get(pk=case.certificate_id)
    if not rules.can_decide_revocation(actor, cert):
        raise CertificateError(
            _("Quyết định thu hồi thuộc thẩm quyền của %(authority)s.")
            % {"authority": authority_label(cert)}
        )
    if case.state != CaseState.OPEN:
        raise CertificateError(_("Hồ sơ thu hồi này đã được xử lý."))
    if not number.strip() or signed_on is None or not signer.strip():
        raise CertificateError(_("Hãy ghi số, ngày ký và người ký của quyết định thu hồi."))
    if signed_on > timezone.localdate() or signed_on < case.trigger_date:
        raise CertificateError(
            _("Ngày quyết định thu hồi phải từ ngày kết luận, xác nhận đến hôm nay.")
        )
    cert.state = _step(cert, "revoke")
    cert.ended_on = signed_on
    with translation.override(settings.LANGUAGE_CODE):  # the record's language
        cert.ended_note = str(case.get_ground_display())[:300]
    cert.save(update_fields=["state", "ended_on", "ended_note"])
    case.state = CaseState.REVOKED
    case.decision_number, case.decision_date, case.signer = (
        number.strip(),
        signed_on,
        signer.strip(),
    )
    case.closed_at, case.closed_by = timezone.now(), actor
    case.save(
        update_fields=[
            "state",
            "decision_number",
            "decision_date",
            "signer",
            "closed_at",
            "closed_by",
        ]
    )
    record(
        "certificate.revoked",
        actor=actor,
        obj=cert,
        changes={
            "number": cert.number,
            "ground": case.ground,
            "decision": case.decision_number,
            "late_days": max(0, (signed_on - deadline(case.trigger_date)).days),
        },
    )
    public.forget(cert)
    notify(
        [
            *accounts_of(cert.producer),
            *holders(Role.COMMUNE_OFFICER, commune=cert.commune),
            *holders(Role.PROVINCE_OFFICER, province=cert.province),
        ],
        "certificate.revoked",
        subject=_("Thu hồi giấy chứng nhận số %(number)s: %(product)s")
        % {"number": cert.number, "product": cert.product_name},
        url=reverse("certificates:detail", args=[cert.code]),
        note=_("Quyết định số %(number)s ngày %(date)s. Căn cứ: %(ground)s")
        % {
            "number": case.decision_number,
            "date": signed_on.strftime("%d/%m/%Y"),
            "ground": case.get_ground_display(),
        },
        exclude=actor,
    )
    return case


@transaction.atomic
def drop(case: Revocation, *, actor, reason: str) -> Revocation:
    case = Revocation.objects.select_for_update().select_related("certificate").get(pk=case.pk)
    if not rules.can_manage(actor, case.certificate):
        raise CertificateError(_("Bạn không có quyền xử lý hồ sơ thu hồi này."))
    if case.state != CaseState.OPEN:
        raise CertificateError(_("Hồ sơ thu hồi này đã được xử lý."))
    if not reason.strip():
        raise CertificateError(_("Hãy ghi lý do không thu hồi."))
    case.state, case.drop_reason = CaseState.DROPPED, reason.strip()
    case.closed_at, case.closed_by = timezone.now(), actor
    case.save(update_fields=["state", "drop_reason", "closed_at", "closed_by"])
    record("revocation.dropped", actor=actor, obj=case, changes={"reason": case.drop_reason})
    return case
