"""The open-data record of a certified product: one flat list of fields, the same in the JSON
API (English keys), the CSV and the XLSX (Vietnamese headers) and the data dictionary page.

Only what the certificate and the catalogue already show the public: no member's score, no
dossier content, no personal contact (the producer's phone and e-mail are not in the feed at
all). ``score`` is the council's final score printed on the certificate.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ocop.catalogue.classification import classification
from ocop.catalogue.models import Entry
from ocop.certificates.enums import Status
from ocop.producers.enums import LegalType


@dataclass(frozen=True)
class Field:
    key: str  # the JSON key
    header: Promise  # the CSV and XLSX column (Vietnamese)
    meaning: Promise  # the data dictionary's explanation
    example: str


FIELDS = [
    Field(
        "code",
        _("Mã tra cứu sản phẩm"),
        _("Mã công khai của sản phẩm trên nền tảng."),
        "SP-7F3K9Q2M",
    ),
    Field(
        "ocop_code",
        _("Mã sản phẩm OCOP"),
        _("Mã T-X-STT-YYYY in trên giấy chứng nhận, nếu có."),
        "01-00004-012-2026",
    ),
    Field("name", _("Tên sản phẩm"), _("Như in trên giấy chứng nhận."), "Nước mắm Phú Quốc"),
    Field(
        "product_set_code",
        _("Mã bộ sản phẩm"),
        _("Mã phân loại theo Phụ lục I, Quyết định 26/2026/QĐ-TTg."),
        "I.4.a",
    ),
    Field("product_set", _("Bộ sản phẩm"), _("Tên bộ sản phẩm."), ""),
    Field("sector_code", _("Mã ngành"), _("Ngành I–VI theo Phụ lục I."), "I"),
    Field("group_code", _("Mã nhóm"), _("Nhóm sản phẩm theo Phụ lục I."), "I.4"),
    Field("stars", _("Số sao"), _("3, 4 hoặc 5."), "4"),
    Field(
        "score",
        _("Điểm"),
        _("Điểm đánh giá của hội đồng ghi trên giấy chứng nhận (trống nếu giấy cũ không ghi)."),
        "82.50",
    ),
    Field(
        "producer_code",
        _("Mã chủ thể"),
        _("Mã công khai của chủ thể trên nền tảng."),
        "CT-7F3K9Q2M",
    ),
    Field("producer", _("Chủ thể"), _("Tên chủ thể sản xuất, kinh doanh."), ""),
    Field(
        "producer_type",
        _("Loại hình chủ thể"),
        _("Mã loại hình theo Điều 2.3 (htx, tht, cong_ty_tnhh, …)."),
        "htx",
    ),
    Field(
        "producer_type_label", _("Tên loại hình chủ thể"), _("Tên loại hình chủ thể."), "Hợp tác xã"
    ),
    Field(
        "commune_code", _("Mã xã"), _("Mã xã, phường, đặc khu (5 chữ số, từ 01/7/2025)."), "00004"
    ),
    Field("commune", _("Xã, phường, đặc khu"), _("Nơi chủ thể đặt trụ sở hiện nay."), ""),
    Field("province_code", _("Mã tỉnh"), _("Mã tỉnh, thành phố (2 chữ số)."), "01"),
    Field("province", _("Tỉnh, thành phố"), _("Tỉnh, thành phố của chủ thể."), "Thành phố Hà Nội"),
    Field(
        "certificate_number",
        _("Số giấy chứng nhận"),
        _("Số giấy chứng nhận kết quả phân hạng."),
        "12/GCN-UBND",
    ),
    Field("issued_by", _("Cơ quan cấp"), _("Cơ quan cấp giấy chứng nhận."), ""),
    Field(
        "decision_number",
        _("Số quyết định công nhận"),
        _("Số quyết định công nhận kết quả."),
        "345/QĐ-UBND",
    ),
    Field(
        "decision_date",
        _("Ngày quyết định"),
        _("Ngày ký quyết định công nhận (YYYY-MM-DD)."),
        "2026-08-20",
    ),
    Field(
        "valid_from",
        _("Ngày cấp"),
        _("Ngày giấy chứng nhận bắt đầu có hiệu lực (YYYY-MM-DD)."),
        "2026-08-20",
    ),
    Field(
        "expires_on",
        _("Ngày hết hạn"),
        _("Ngày cuối của thời hạn 36 tháng (YYYY-MM-DD)."),
        "2029-08-19",
    ),
    Field(
        "status",
        _("Tình trạng"),
        _("valid, expiring, extended, expired hoặc revoked, tính đến ngày xuất dữ liệu."),
        "valid",
    ),
    Field(
        "status_label",
        _("Tên tình trạng"),
        _("Tình trạng bằng lời, như trang tra cứu mã QR."),
        "Còn hiệu lực",
    ),
    Field(
        "verification_url", _("Trang tra cứu"), _("Trang tra cứu giấy chứng nhận sau mã QR."), ""
    ),
    Field("url", _("Trang sản phẩm"), _("Trang sản phẩm trong danh mục công khai."), ""),
]
KEYS = [f.key for f in FIELDS]

_ONLY = (
    "code",
    "name",
    "stars",
    "product_set",
    "sector",
    "group",
    "legal_type",
    "cert_state",
    "valid_from",
    "expires_on",
    "certificate__code",
    "certificate__number",
    "certificate__product_code",
    "certificate__score",
    "certificate__authority_name",
    "certificate__decision_number",
    "certificate__decision_date",
    "certificate__valid_from",
    "certificate__expires_on",
    "producer__code",
    "producer__name",
    "commune__code",
    "commune__name",
    "province__code",
    "province__name",
)


def prepare(entries):
    """The queryset with what ``record`` reads, and nothing else."""
    return entries.select_related("certificate", "producer", "commune", "province").only(*_ONLY)


def record(entry: Entry, today: dt.date) -> dict:
    cert = entry.certificate
    tree = classification()
    status = entry.status(today)
    site = settings.SITE_URL.rstrip("/")
    return {
        "code": entry.code,
        "ocop_code": cert.product_code,
        "name": entry.name,
        "product_set_code": entry.product_set,
        "product_set": tree.name(entry.product_set),
        "sector_code": entry.sector,
        "group_code": entry.group,
        "stars": entry.stars,
        "score": str(cert.score) if cert.score is not None else None,
        "producer_code": entry.producer.code,
        "producer": entry.producer.name,
        "producer_type": entry.legal_type,
        "producer_type_label": str(LegalType(entry.legal_type).label)
        if entry.legal_type in LegalType.values
        else "",
        "commune_code": entry.commune.code,
        "commune": entry.commune.name,
        "province_code": entry.province.code,
        "province": entry.province.name,
        "certificate_number": cert.number,
        "issued_by": cert.authority_name,
        "decision_number": cert.decision_number,
        "decision_date": cert.decision_date.isoformat(),
        "valid_from": cert.valid_from.isoformat(),
        "expires_on": cert.expires_on.isoformat(),
        "status": status,
        "status_label": str(Status(status).label),
        "verification_url": site + reverse("certificates:verify", args=[cert.code]),
        "url": site + reverse("catalogue:product", args=[entry.code]),
    }


def records(entries, today: dt.date | None = None) -> Iterator[dict]:
    today = today or timezone.localdate()
    for entry in prepare(entries).order_by("province__code", "name", "pk").iterator(2000):
        yield record(entry, today)


def last_updated() -> dt.datetime | None:
    return Entry.objects.aggregate(at=Max("updated_at"))["at"]
