"""The certificate as a PDF and its A4 sheet of QR labels, always in Vietnamese. The templates
are in ``documents/`` (the wording lives there); the data is built below and goes in as
JSON (``ocop.lib.pdf``), so nothing is spliced into markup.

- ``certificate(cert)``: Giấy chứng nhận kết quả phân hạng sản phẩm OCOP (Điều 4.3), one A4
  page; stamped "ĐÃ THU HỒI", "ĐÃ ĐƯỢC THAY THẾ" or "HẾT HIỆU LỰC" once it is no longer in
  force, so that a printout cannot pass as valid.
- ``labels(cert)``: QR labels for packaging, with the QR symbol exactly 3 cm and 2 cm wide
  (the quiet zone around it comes on top), the stars, the number, the code and the address.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils import formats, timezone, translation

from ocop.certificates import qr
from ocop.certificates.enums import Authority, CaseState, Status
from ocop.certificates.models import Certificate
from ocop.legal.validity import expiry
from ocop.lib.pdf import render_pdf
from ocop.recognition.documents import MINISTRY_PLACE, place

TEMPLATES = Path(__file__).resolve().parent / "documents"
COMMITTEE = ("ủy ban nhân dân ", "uỷ ban nhân dân ")
ENDED = {Status.SUPERSEDED, Status.REVOKED, Status.EXPIRED}


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _num(value) -> str:
    """85,75 · 85 (Vietnamese decimal comma); "" for nothing."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value)).quantize(Decimal("0.01"))
    return formats.number_format(int(d) if d == d.to_integral_value() else d)


def issuer_lines(name: str) -> list[str]:
    """The issuing body on two lines as a masthead sets it: "Ủy ban nhân dân" / "Thành phố Hà
    Nội", "Bộ Nông nghiệp" / "và Môi trường"."""
    low = name.lower()
    for prefix in COMMITTEE:
        if low.startswith(prefix):
            return [name[: len(prefix) - 1], name[len(prefix) :]]
    head, sep, tail = name.partition(" và ")
    return [head, sep.strip() + " " + tail] if sep else [name]


def _place(cert: Certificate) -> str:
    """The place of the date line; none for a district committee (no longer a place)."""
    if cert.authority == Authority.MINISTRY:
        return MINISTRY_PLACE
    if cert.authority == Authority.PROVINCE:
        return place(cert.province)
    return ""


def _signer(cert: Certificate) -> dict:
    """The signature's title lines (a deputy signs on behalf) and the name, when the record
    holds more than the title."""
    signer = cert.signer.strip()
    low = signer.lower()
    if cert.authority == Authority.MINISTRY:
        deputy, titles = "thứ trưởng", ["Bộ trưởng"]
        if deputy in low:
            titles = ["KT. Bộ trưởng", "Thứ trưởng"]
    else:
        deputy, titles = "phó chủ tịch", ["Chủ tịch"]
        if deputy in low:
            titles = ["KT. Chủ tịch", "Phó Chủ tịch"]
    bare = low in {t.lower() for t in titles} | {deputy, "chủ tịch", "bộ trưởng"}
    return {"titles": titles, "name": "" if bare else signer}


def _void(cert: Certificate, status: str) -> dict | None:
    """What ended the certificate (the template words it): the revoking decision, the newer
    certificate, or the last day it was valid."""
    if status not in ENDED:
        return None
    if status == Status.REVOKED:
        case = cert.revocations.filter(state=CaseState.REVOKED).first()
        return {
            "kind": "revoked",
            "number": case.decision_number if case else "",
            "date": _date(case.decision_date if case else cert.ended_on),
        }
    if status == Status.SUPERSEDED:
        newer = cert.superseded_by
        return {
            "kind": "superseded",
            "number": newer.number if newer else "",
            "date": _date(cert.ended_on or (newer.valid_from if newer else None)),
        }
    return {"kind": "expired", "number": "", "date": _date(cert.ended_on or cert.last_valid_day())}


def certificate(cert: Certificate, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    status = cert.status(today)
    instrument = cert.instrument
    return {
        "authority": cert.authority,
        "authority_name": cert.authority_name,
        "issuer_lines": issuer_lines(cert.authority_name),
        "number": cert.number,
        "place": _place(cert),
        "date": _date(cert.decision_date),
        "decision": {"number": cert.decision_number, "date": _date(cert.decision_date)},
        "instrument": {"number": instrument.number, "signed_on": _date(instrument.signed_on)},
        "product": {
            "name": cert.product_name,
            "code": cert.product_code,
            "producer": cert.producer_name,
            "address": cert.address,
            "product_set": cert.product_set,
        },
        "stars": cert.stars,
        "score": _num(cert.score),
        "valid_from": _date(cert.valid_from),
        "expires_on": _date(cert.expires_on),
        # The term of Điều 4.3; a paper certificate entered with another term gets its dates.
        "months": 36 if cert.expires_on == expiry(cert.valid_from) else None,
        "extended_until": _date(cert.extended_until) if status == Status.EXTENDED else "",
        "signer": _signer(cert),
        "qr": {
            "svg": qr.svg(cert, sized=False).decode(),
            "url": cert.absolute_verify_url(),
            "code": cert.code,
        },
        "void": _void(cert, status),
        "printed_on": _date(today),
    }


def render_certificate(cert: Certificate) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "certificate.typ", certificate(cert))


def short_url(cert: Certificate) -> str:
    """The verification address without its scheme, as a label prints it."""
    return cert.absolute_verify_url().split("://", 1)[-1]


def labels(cert: Certificate) -> dict:
    return {
        "product": cert.product_name,
        "producer": cert.producer_name,
        "number": cert.number,
        "authority_name": cert.authority_name,
        "stars": cert.stars,
        "code": cert.code,
        "url": short_url(cert),
        "qr": {
            # Without its quiet zone: the sheet sets the symbol at an exact size and keeps
            # the zone clear around it.
            "svg": qr.svg(cert, border=0, sized=False).decode(),
            "modules": qr.modules(cert),
            "border": qr.BORDER,
        },
    }


def render_labels(cert: Certificate) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "labels.typ", labels(cert))
