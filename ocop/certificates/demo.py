"""Demo certificates for ``make run``: one in each status a consumer may meet, so a newcomer
can open ``/v/<code>`` for each (``seed_demo_certificates`` prints the URLs). Dates are
relative to today, except the Điều 12.3 extension, which only certificates of the
transition can have (its last possible day is 16/05/2027). Idempotent.

- valid: Hà Nội's recorded decision issued them (``seed_demo_recognition``);
- superseded: a 148-era paper certificate of a former district committee, replaced by that
  decision;
- expiring: a Lâm Đồng certificate in its re-evaluation window;
- extended (Điều 12.3): a certificate of the former Gia Lâm district committee;
- expired: a 1048-era certificate of Hà Nội;
- revoked: a Lâm Đồng certificate revoked for misuse of the mark (Điều 8.1.d), and an open
  revocation case with its 15-day countdown at Bát Tràng;
- pending: the Minister's 5★ decision dated ahead (``demo_central``), when there is one;
- Hà Nội's office has a consumer's report in its queue and a periodic inspection with a
  finding and a follow-up.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ocop.accounts.models import User
from ocop.certificates import actions, revocation
from ocop.certificates.enums import Authority, Status
from ocop.certificates.models import Certificate
from ocop.legal.models import LegalInstrument
from ocop.legal.validity import CERTIFICATE_MONTHS, add_months, extension_end
from ocop.products.models import Product

HANOI = "Ủy ban nhân dân Thành phố Hà Nội"
LAMDONG = "Ủy ban nhân dân tỉnh Lâm Đồng"
GIA_LAM = "Ủy ban nhân dân huyện Gia Lâm, thành phố Hà Nội"  # a district: gone since 1/7/2025


def _paper(officer, product_name, number, *, valid_from, stars, authority, name, instrument):
    product = Product.objects.filter(name=product_name).select_related("producer").first()
    if product is None:
        return None
    found = Certificate.objects.filter(product=product, number=number).first()
    if found is not None:
        return found
    return actions.enter(
        actor=officer,
        product=product,
        number=number,
        stars=stars,
        score=None,
        authority=authority,
        authority_name=name,
        decision_number=f"{number.split('/')[0]}/QĐ-UBND",
        decision_date=valid_from,
        signer="Chủ tịch UBND",
        instrument=LegalInstrument.objects.get(number=instrument),
        valid_from=valid_from,
        expires_on=None,
    )


def _extended_start(today: dt.date) -> dt.date | None:
    """The 148-era issue day whose certificate is in its Điều 12.3 extension today."""
    for day in (dt.date(2023, 10, 10), dt.date(2023, 11, 18)):
        expires = add_months(day, CERTIFICATE_MONTHS) - dt.timedelta(days=1)
        end = extension_end(expires)
        if end is not None and expires < today <= end:
            return day
    return None


@transaction.atomic
def seed() -> dict[str, Certificate]:
    today = timezone.localdate()
    hanoi = User.objects.filter(username="tinh.hanoi").first()
    lamdong = User.objects.filter(username="tinh.lamdong").first()
    if hanoi is None or lamdong is None:
        return {}
    _paper(
        hanoi,
        "Bình hút lộc men rạn",
        "215/GCN-UBND",
        valid_from=dt.date(2023, 6, 15),
        stars=3,
        authority=Authority.DISTRICT,
        name=GIA_LAM,
        instrument="148/QĐ-TTg",
    )
    expiring_from = add_months(today, -CERTIFICATE_MONTHS) + dt.timedelta(days=150)
    _paper(
        lamdong,
        "Trà ô long Đơn Dương",
        "48/GCN-UBND",
        valid_from=expiring_from,
        stars=4,
        authority=Authority.PROVINCE,
        name=LAMDONG,
        instrument="148/QĐ-TTg" if expiring_from < dt.date(2026, 5, 22) else "26/2026/QĐ-TTg",
    )
    start = _extended_start(today)
    if start is not None:
        _paper(
            hanoi,
            "Lọ hoa gốm men nâu",
            "309/GCN-UBND",
            valid_from=start,
            stars=3,
            authority=Authority.DISTRICT,
            name=GIA_LAM,
            instrument="148/QĐ-TTg",
        )
    _paper(
        hanoi,
        "Mật ong hoa nhãn Phú Xuyên",
        "1022/GCN-UBND",
        valid_from=dt.date(2022, 5, 20),
        stars=3,
        authority=Authority.PROVINCE,
        name=HANOI,
        instrument="1048/QĐ-TTg",
    )
    revoked = _paper(
        lamdong,
        "Trà hoa cúc sấy lạnh",
        "17/GCN-UBND",
        valid_from=dt.date(2025, 3, 3),
        stars=3,
        authority=Authority.PROVINCE,
        name=LAMDONG,
        instrument="148/QĐ-TTg",
    )
    if revoked is not None and not revoked.revocations.exists():
        case = revocation.open_case(
            revoked,
            actor=lamdong,
            ground="d",
            trigger="conclusion",
            trigger_authority="Đoàn kiểm tra sau công nhận, Sở Nông nghiệp và Môi trường",
            trigger_number="112/KL-SNNMT",
            trigger_date=today - dt.timedelta(days=12),
            summary="Bao bì in 5 sao và nhãn hiệu OCOP Việt Nam cho sản phẩm được công nhận 3 "
            "sao, gây nhầm lẫn cho người tiêu dùng.",
        )
        revocation.decide(
            case,
            actor=lamdong,
            number="2104/QĐ-UBND",
            signed_on=today - dt.timedelta(days=2),
            signer="Phó Chủ tịch UBND tỉnh",
        )
    pending_case = _paper(
        hanoi,
        "Chén trà men rạn",
        "402/GCN-UBND",
        valid_from=dt.date(2024, 9, 1),
        stars=3,
        authority=Authority.PROVINCE,
        name=HANOI,
        instrument="148/QĐ-TTg",
    )
    if pending_case is not None and not pending_case.revocations.exists():
        revocation.open_case(
            pending_case,
            actor=hanoi,
            ground="c",
            trigger="conclusion",
            trigger_authority="Chi cục An toàn vệ sinh thực phẩm Hà Nội",
            trigger_number="58/KL-ATTP",
            trigger_date=today - dt.timedelta(days=4),
            summary="Mẫu lấy tại điểm bán có chì vượt giới hạn cho phép.",
        )
    _aftercare(hanoi, today)
    return by_status(today)


def _aftercare(officer, today: dt.date) -> None:
    """Hà Nội's office has a consumer's report in its queue (an expired label still on sale)
    and a periodic inspection with a finding and a follow-up (Điều 9)."""
    from ocop.certificates import inspections, reports
    from ocop.certificates.models import ConsumerReport, Inspection

    expired = Certificate.objects.filter(authority_name=HANOI, number="1022/GCN-UBND").first()
    if expired is not None and not ConsumerReport.objects.filter(client_key="demo").exists():
        reports.receive(
            client_key="demo",
            kind="expired",
            place="Quầy đặc sản, chợ Phú Xuyên",
            certificate=expired,
            product_text="Mật ong hoa nhãn Phú Xuyên",
            details="Lọ mật ong vẫn dán tem OCOP 3 sao, quét mã thì báo hết hạn.",
        )
    basis = "Kế hoạch 215/KH-SNNMT kiểm tra sản phẩm OCOP năm 2026"
    valid = [
        c for c in Certificate.objects.filter(authority_name=HANOI) if c.status(today) == "valid"
    ]
    if not valid or Inspection.objects.filter(basis=basis).exists():
        return
    inspection = inspections.plan_inspection(
        actor=officer,
        province=valid[0].province,
        kind="periodic",
        scope="Duy trì tiêu chí, ghi nhãn, tem và sử dụng nhãn hiệu OCOP tại cơ sở và điểm bán.",
        planned_on=today,
        inspectors="Chi cục Phát triển nông thôn; Sở Công Thương; UBND xã Bát Tràng",
        certificates=valid[:1],
        basis=basis,
    )
    item = inspection.items.get()
    inspections.add_finding(
        item, actor=officer, criterion="", meets=True, note="Cơ sở sản xuất như hồ sơ."
    )
    inspections.add_follow_up(
        item,
        actor=officer,
        action="Bổ sung mã truy xuất điện tử trên nhãn lô hàng mới.",
        due_on=today + dt.timedelta(days=30),
    )


def by_status(today: dt.date) -> dict[str, Certificate]:
    """One certificate per status (the first found), for the set-up's printout."""
    found: dict[str, Certificate] = {}
    for cert in Certificate.objects.order_by("pk"):
        found.setdefault(cert.status(today), cert)
    order = [Status.VALID, Status.EXPIRING, Status.EXTENDED, Status.EXPIRED, Status.REVOKED]
    order += [Status.SUPERSEDED, Status.PENDING]
    return {s.value: found[s.value] for s in order if s.value in found}
