"""The officers' lists as Excel workbooks: one row per certificate, dates as dates."""

import datetime as dt
import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ocop.certificates.enums import Status

HEAD_FILL = PatternFill("solid", start_color="E8E8E8")
DATE_FORMAT = "dd/mm/yyyy"


def columns():
    return [
        ("number", _("Số giấy chứng nhận"), 24),
        ("product", _("Sản phẩm"), 36),
        ("product_code", _("Mã sản phẩm"), 18),
        ("producer", _("Chủ thể"), 36),
        ("commune", _("Xã, phường, đặc khu"), 24),
        ("province", _("Tỉnh, thành phố"), 20),
        ("stars", _("Số sao"), 8),
        ("score", _("Điểm"), 8),
        ("authority", _("Cơ quan cấp"), 30),
        ("decision", _("Số quyết định"), 20),
        ("decision_date", _("Ngày quyết định"), 14),
        ("valid_from", _("Hiệu lực từ"), 14),
        ("expires_on", _("Hiệu lực đến"), 14),
        ("last_day", _("Hiệu lực đến (kể cả gia hạn)"), 16),
        ("status", _("Tình trạng"), 22),
        ("ended_on", _("Ngày chấm dứt"), 14),
        ("url", _("Địa chỉ tra cứu"), 40),
    ]


def _row(cert, today: dt.date) -> dict:
    return {
        "number": cert.number,
        "product": cert.product_name,
        "product_code": cert.product_code,
        "producer": cert.producer_name,
        "commune": cert.commune.name,
        "province": cert.province.name,
        "stars": cert.stars,
        "score": float(cert.score) if cert.score is not None else None,
        "authority": cert.authority_name,
        "decision": cert.decision_number,
        "decision_date": cert.decision_date,
        "valid_from": cert.valid_from,
        "expires_on": cert.expires_on,
        "last_day": cert.last_valid_day(),
        "status": str(Status(cert.status(today)).label),
        "ended_on": cert.ended_on,
        "url": cert.absolute_verify_url(),
    }


def certificates_xlsx(certificates, *, title: str, today: dt.date) -> bytes:
    with translation.override("vi"):
        cols = columns()
        book = Workbook()
        sheet = book.active
        sheet.title = _("Giấy chứng nhận")
        book.properties.title = title
        book.properties.creator = _("Nền tảng số Chương trình OCOP")
        sheet.append([f"{title} · {today:%d/%m/%Y}"])
        sheet.append([label for _key, label, _width in cols])
        for cert in certificates.iterator(chunk_size=500):
            row = _row(cert, today)
            sheet.append([row[key] for key, _label, _width in cols])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
    for index, (key, _label, width) in enumerate(cols, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if key in {"decision_date", "valid_from", "expires_on", "last_day", "ended_on"}:
            for cell in sheet[letter][2:]:
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
