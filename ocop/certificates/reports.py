"""Consumers' reports of products sold as OCOP that are not (no QR, wrong stars, expired or
revoked): received from the public form, worked by the provincial office. One function per
change, in one transaction, audited.

- ``receive(...)``: a report reaches the office of the certificate's province, or of the place
  of sale when no certificate is named; that province's officers are told. At most
  ``settings.OCOP_REPORTS_PER_DAY`` reports a day from one client address, counted in the
  database by ``client_key`` (a keyed hash: the address itself is never stored). The cache
  only remembers the count, so a flood from one address is refused without touching the
  database or the uploaded photo (``sent_today``).
- ``close(report, ...)``: the office closes it with a note (from "open" or "inspecting").
- ``open_inspection(report, ...)``: the office opens an ad hoc inspection from it (Điều 9.2.a)
  through ``inspections.plan_inspection``; the report is then "inspecting".
"""

import datetime as dt
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.accounts.queries import holders
from ocop.audit.log import record
from ocop.certificates import rules
from ocop.certificates.enums import InspectionKind, ReportKind, ReportState
from ocop.certificates.errors import CertificateError
from ocop.certificates.inspections import plan_inspection
from ocop.certificates.models import ConsumerReport, Inspection
from ocop.lib import uploads
from ocop.lib.codes import opaque_code
from ocop.notify.send import notify

DEFAULT_PER_DAY = 5
PHOTO_SIZE = 1600  # px: the stored photo is re-encoded (WebP, no EXIF: no GPS of the sender)
INSPECTION_VERB = "report.inspecting"  # the report leaves the open queue for an inspection


# --- the daily limit per client address ------------------------------------------------


def client_key(address: str | None) -> str:
    """A keyed hash of the client's address (an IPv6 address by its /64: one household's
    or one phone's block), never reversible without ``SECRET_KEY``."""
    address = (address or "").strip()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        network = address or "-"
    else:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if ip.version == 6:
            network = str(ipaddress.ip_network(f"{ip}/64", strict=False))
        else:
            network = str(ip)
    return hmac.new(
        settings.SECRET_KEY.encode(), f"ocop.reports:{network}".encode(), hashlib.sha256
    ).hexdigest()


def per_day() -> int:
    return getattr(settings, "OCOP_REPORTS_PER_DAY", DEFAULT_PER_DAY)


def _day_start() -> dt.datetime:
    now = timezone.localtime()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _cache_key(key: str) -> str:
    return f"ocop:reports:{key}:{timezone.localdate():%Y%m%d}"


def _count_today(key: str) -> int:
    return ConsumerReport.objects.filter(client_key=key, created_at__gte=_day_start()).count()


def _remember(key: str, count: int) -> None:
    until_midnight = _day_start() + dt.timedelta(days=1) - timezone.localtime()
    cache.set(_cache_key(key), count, max(60, int(until_midnight.total_seconds()) + 60))


def sent_today(key: str) -> int:
    """Reports received today from this client: the cache's count, else the database's."""
    count = cache.get(_cache_key(key))
    if count is None:
        count = _count_today(key)
        _remember(key, count)
    return count


def over_limit(key: str) -> bool:
    return sent_today(key) >= per_day()


def limit_message() -> str:
    return _(
        "Mỗi địa chỉ mạng chỉ gửi được %(limit)s phản ánh trong một ngày, và hôm nay đã gửi "
        "đủ. Nội dung bạn nhập vẫn còn bên dưới: vui lòng gửi lại vào ngày mai, hoặc liên hệ "
        "trực tiếp cơ quan quản lý OCOP."
    ) % {"limit": per_day()}


# --- receiving ----------------------------------------------------------------------------


def receive(
    *,
    client_key: str,
    kind: str,
    place: str,
    province=None,
    certificate=None,
    product_text: str = "",
    details: str = "",
    contact: str = "",
    photo=None,
) -> ConsumerReport:
    """Store a report from the public form and tell the province's office.

    ``photo`` is an upload that passed ``uploads.inspect`` as an image; it is kept re-encoded
    (``PHOTO_SIZE``, WebP, without metadata). Refused with ``CertificateError`` (the message
    is for the sender) over the daily limit or when something required is missing."""
    if certificate is not None:
        province = certificate.province
    problems = []
    if kind not in ReportKind.values:
        problems.append(_("Hãy chọn điều bạn thấy ở sản phẩm."))
    if not place.strip():
        problems.append(_("Hãy ghi nơi bán sản phẩm."))
    if province is None:
        problems.append(_("Hãy chọn tỉnh, thành phố nơi bán."))
    if problems:
        raise CertificateError(" ".join(problems))
    # The slow part (decoding, re-encoding) before the transaction: SQLite holds its write
    # lock from the transaction's start.
    content = None
    if photo is not None:
        try:
            content = uploads.make_thumbnail(photo, size=PHOTO_SIZE)
        except uploads.UploadRefused as exc:
            raise CertificateError(str(exc)) from None
    report = ConsumerReport(
        certificate=certificate,
        province=province,
        kind=kind,
        product_text=product_text.strip(),
        place=place.strip(),
        details=details.strip(),
        contact=contact.strip(),
        client_key=client_key,
    )
    if content is not None:
        report.photo.save(f"{opaque_code(length=20)}.webp", content, save=False)
        report.photo_type = "image/webp"
    try:
        _store(report)
    except Exception:
        if report.photo:
            report.photo.delete(save=False)
        raise
    return report


@transaction.atomic
def _store(report: ConsumerReport) -> None:
    key = report.client_key
    count = _count_today(key)  # the database is the source of truth
    if count >= per_day():
        _remember(key, count)
        raise CertificateError(limit_message())
    report.save()
    cache.delete(_cache_key(key))
    transaction.on_commit(lambda: cache.delete(_cache_key(key)))
    cert = report.certificate
    changes = {
        "report_kind": report.kind,
        "province": report.province.name,
        "product": cert.product_name if cert else report.product_text,
    }
    if cert is not None:
        changes["number"] = cert.number
    record("report.received", actor=None, obj=report, changes=changes)
    _tell_office(report)


def _tell_office(report: ConsumerReport) -> None:
    """The province's officers; the ministry's when the province has none yet."""
    officers = list(holders(Role.PROVINCE_OFFICER, province=report.province))
    if not officers:
        officers = list(holders(Role.CENTRAL_OFFICER))
    cert = report.certificate
    with translation.override(settings.LANGUAGE_CODE):  # the office reads Vietnamese
        what = (cert.product_name if cert else report.product_text) or report.place
        notify_subject = _("Phản ánh của người tiêu dùng: %(kind)s · %(what)s") % {
            "kind": ReportKind(report.kind).label,
            "what": what,
        }
        note = _("Nơi bán: %(place)s.") % {"place": report.place}
    notify(
        officers,
        "report.received",
        subject=notify_subject,
        url=reverse("certificates:report_detail", args=[report.code]),
        note=note[:1000],
    )


# --- the office's work ----------------------------------------------------------------------


def _locked(report: ConsumerReport, actor) -> ConsumerReport:
    report = (
        ConsumerReport.objects.select_for_update(of=("self",))  # PostgreSQL: no lock on outer joins
        .select_related("certificate", "province")
        .get(pk=report.pk)
    )
    if not rules.office_scope(actor).covers(report):
        raise CertificateError(_("Bạn không có quyền xử lý phản ánh này."))
    return report


@transaction.atomic
def close(report: ConsumerReport, *, actor, note: str) -> ConsumerReport:
    """Close a report (open, or with its inspection under way) with what was done."""
    report = _locked(report, actor)
    if report.state == ReportState.CLOSED:
        raise CertificateError(_("Phản ánh này đã được đóng."))
    if not note.strip():
        raise CertificateError(_("Hãy ghi kết quả xử lý trước khi đóng phản ánh."))
    before = report.state
    report.state = ReportState.CLOSED
    report.closed_note = note.strip()
    report.closed_at = timezone.now()
    report.closed_by = actor
    report.save(update_fields=["state", "closed_note", "closed_at", "closed_by"])
    record(
        "report.closed",
        actor=actor,
        obj=report,
        changes={"state": [before, report.state], "closed_note": report.closed_note},
    )
    return report


def inspection_scope(report: ConsumerReport) -> str:
    """The inspection's scope as first proposed: what the consumer reported."""
    cert = report.certificate
    lines = [
        _("Kiểm tra đột xuất theo phản ánh của người tiêu dùng số %(code)s: %(kind)s.")
        % {"code": report.code, "kind": ReportKind(report.kind).label}
    ]
    if cert is not None:
        lines.append(
            _("Sản phẩm: %(product)s (giấy chứng nhận số %(number)s).")
            % {"product": cert.product_name, "number": cert.number}
        )
    elif report.product_text:
        lines.append(_("Sản phẩm ghi trên nhãn: %(product)s.") % {"product": report.product_text})
    lines.append(_("Nơi bán: %(place)s.") % {"place": report.place})
    if report.details:
        lines.append(report.details)
    return "\n".join(lines)


@transaction.atomic
def open_inspection(
    report: ConsumerReport, *, actor, planned_on: dt.date | None, inspectors: str, scope: str
) -> Inspection:
    """An ad hoc inspection (Điều 9.2.a) from an open report, by the office of the report's
    province, of the certificate it names (if any)."""
    report = _locked(report, actor)
    if report.state != ReportState.OPEN:
        raise CertificateError(
            _("Phản ánh này đã được xử lý (%(state)s): không mở kiểm tra từ phản ánh này nữa.")
            % {"state": report.get_state_display().lower()}
        )
    inspection = plan_inspection(
        actor=actor,
        province=report.province,
        kind=InspectionKind.AD_HOC,
        scope=scope,
        planned_on=planned_on,
        inspectors=inspectors,
        certificates=[report.certificate] if report.certificate_id else [],
        basis=_("Phản ánh của người tiêu dùng số %(code)s") % {"code": report.code},
        report=report,
    )
    before = report.state
    report.state = ReportState.INSPECTING
    report.save(update_fields=["state"])
    record(INSPECTION_VERB, actor=actor, obj=report, changes={"state": [before, report.state]})
    return inspection
