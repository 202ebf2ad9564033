"""Demo producers, products, evidence and dossiers in every state (for ``make run``).

Everything goes through the real actions (so the audit log and notifications are real too),
along the same paths as the tests (``walk``); only the dates of the "overdue" example are
moved back afterwards. Idempotent: a producer
that already exists is left as it is.
"""

import datetime as dt
import io
import json

import typst
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from ocop.accounts import rules
from ocop.accounts.models import User
from ocop.dossiers import actions, walk
from ocop.dossiers.enums import DossierKind, State
from ocop.legal.models import ProductSet
from ocop.places.models import Commune
from ocop.producers import actions as producer_actions
from ocop.producers.enums import EvidenceKind, Gender, LegalType
from ocop.producers.models import FinancialYear, Producer
from ocop.products import actions as product_actions

PRODUCERS = [
    {
        "account": ("chuthe.battrang", "Nguyễn Thị Lam"),
        "name": "Hợp tác xã Gốm sứ Bát Tràng Xanh",
        "legal_type": LegalType.COOPERATIVE,
        "registration_number": "0107001234",
        "tax_code": "0107001234",
        "commune": "00583",
        "address": "Thôn Giang Cao",
        "representative_name": "Nguyễn Thị Lam",
        "representative_title": "Giám đốc",
        "representative_gender": Gender.FEMALE,
        "representative_ethnicity": "Kinh",
        "workforce": 42,
        "local_workforce": 38,
        "phone": "0243 874 1234",
        "email": "gomxanh@demo.ocop.local",
        "founded_on": dt.date(2015, 3, 12),
        "latitude": "20.976000",
        "longitude": "105.913000",
        "profile": "Gốm men lam vẽ tay theo lối cổ, lò gas, đất sét trắng Trúc Thôn.",
    },
    {
        "account": ("chuthe.donduong", "K'Thị Hoa"),
        "name": "Công ty TNHH Trà Đơn Dương",
        "legal_type": LegalType.LIMITED_COMPANY,
        "registration_number": "5801234567",
        "tax_code": "5801234567",
        "commune": "24931",
        "address": "Thôn Lạc Xuân",
        "representative_name": "K'Thị Hoa",
        "representative_title": "Giám đốc",
        "representative_gender": Gender.FEMALE,
        "representative_ethnicity": "Cơ Ho",
        "workforce": 25,
        "local_workforce": 22,
        "phone": "0263 385 6789",
        "email": "tradonduong@demo.ocop.local",
        "founded_on": dt.date(2018, 7, 2),
        "profile": "Trà ô long trồng ở độ cao 1.000 m, hái tay, sao thủ công.",
    },
    {
        "account": None,  # created by the commune officer on the household's behalf
        "name": "Hộ kinh doanh Đỗ Văn Mật",
        "legal_type": LegalType.HOUSEHOLD,
        "registration_number": "01D8012345",
        "commune": "10273",
        "address": "Thôn Phú Xuyên",
        "representative_name": "Đỗ Văn Mật",
        "representative_gender": Gender.MALE,
        "representative_ethnicity": "Kinh",
        "workforce": 4,
        "local_workforce": 4,
        "phone": "0912 345 678",
    },
]

# (producer index, product name, set number, the state its dossier is brought to).
OVERDUE = "overdue"  # submitted a month ago: the commune's 15 working days have passed
# Returned by the province, completed by the producer, back at the commune to be proposed
# again (Điều 7.3.a): the commune may amend Mẫu 03 and its letter first.
BACK_AT_COMMUNE = "back_at_commune"
PRODUCTS = [
    (0, "Bình gốm men lam vẽ tay", 21, State.ACCEPTED),
    (0, "Chén trà men rạn", 21, State.DRAFT),
    (0, "Đĩa gốm men ngọc", 21, State.SUBMITTED),
    (0, "Lọ hoa gốm men nâu", 21, State.RETURNED_BY_COMMUNE),
    (0, "Bộ ấm chén men lam", 21, State.PROPOSED),
    (1, "Trà ô long Đơn Dương", 11, State.COMMUNE_REVIEWING),
    (1, "Trà xanh lài Đơn Dương", 11, State.PROVINCE_CHECKING),
    (1, "Trà atisô túi lọc", 12, State.RETURNED_BY_PROVINCE),
    (1, "Trà hoa cúc sấy lạnh", 12, State.WITHDRAWN),
    (2, "Mật ong hoa nhãn Phú Xuyên", 4, OVERDUE),
    (1, "Trà túi lọc hoa nhài", 12, BACK_AT_COMMUNE),
]


def _pdf(title: str, lines: list[str]) -> ContentFile:
    body = "\n\n".join([f"= {json.dumps(title)[1:-1]}", *lines]).encode()
    return ContentFile(typst.compile(b'#set text(lang: "vi")\n' + body), name="tai-lieu.pdf")


def _png(text: str, colour) -> ContentFile:
    image = Image.new("RGB", (640, 480), colour)
    ImageDraw.Draw(image).text((40, 220), text, fill="white")
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue(), name="anh.png")


def _evidence(producer, actor):
    today = timezone.localdate()
    docs = [
        (EvidenceKind.BUSINESS_REGISTRATION, "Giấy chứng nhận đăng ký kinh doanh", None, None),
        (
            EvidenceKind.FOOD_SAFETY,
            "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            today - dt.timedelta(days=900),
            today + dt.timedelta(days=200),
        ),
        (
            EvidenceKind.LAB_TEST,
            "Phiếu kết quả kiểm nghiệm 2024",
            today - dt.timedelta(days=700),
            today - dt.timedelta(days=335),  # expired: shows the flag everywhere it is used
        ),
        (EvidenceKind.QUALITY_DECLARATION, "Bản tự công bố sản phẩm", today, None),
        (EvidenceKind.INTELLECTUAL_PROPERTY, "Giấy chứng nhận đăng ký nhãn hiệu", None, None),
    ]
    out = []
    for kind, title, issued, expires in docs:
        out.append(
            producer_actions.upload_evidence(
                producer,
                actor=actor,
                file=_pdf(title, [producer.name, "Tài liệu minh hoạ cho bản demo."]),
                kind=kind,
                title=title,
                issued_on=issued,
                expires_on=expires,
            )
        )
    out.append(
        producer_actions.upload_evidence(
            producer,
            actor=actor,
            file=_png(producer.name, (31, 111, 67)),
            kind=EvidenceKind.PHOTO,
            title="Ảnh bao bì và nhãn sản phẩm",
        )
    )
    return out


def existing_producer(spec: dict) -> Producer | None:
    """The demo producer already seeded from ``spec``: by its registration number, or, having
    none (it is optional), by name and commune, so that blank numbers never match each other."""
    if spec.get("registration_number"):
        return Producer.objects.filter(registration_number=spec["registration_number"]).first()
    return Producer.objects.filter(
        registration_number="", name=spec["name"], commune=spec["commune"]
    ).first()


@transaction.atomic
def seed(password: str) -> list[str]:
    officers = {u.username: u for u in User.objects.filter(username__startswith="xa.")}
    province_officers = {u.username: u for u in User.objects.filter(username__startswith="tinh.")}
    created = []
    producers = []
    for spec in PRODUCERS:
        spec = dict(spec)
        account = spec.pop("account")
        spec["commune"] = Commune.objects.get(code=spec["commune"])
        existing = existing_producer(spec)
        if existing:
            producers.append((existing, None))
            continue
        if account:
            producer, user = producer_actions.register_producer(
                username=account[0],
                password=password,
                account_email=f"{account[0]}@demo.ocop.local",
                full_name=account[1],
                **spec,
            )
        else:
            officer = officers.get("xa.phuxuyen")
            producer = producer_actions.create_producer(actor=officer, **spec)
            user = officer
        for year, revenue in ((2024, 1_800_000_000), (2025, 2_350_000_000)):
            FinancialYear.objects.create(
                producer=producer, year=year, revenue=revenue, profit=revenue // 8
            )
        producers.append((producer, user))
        created.append(producer.name)
    for index, name, set_number, state in PRODUCTS:
        producer, user = producers[index]
        if user is None:
            continue  # the producer existed before: leave its data alone
        documents = list(producer.evidence.current()) or _evidence(producer, user)
        product = product_actions.create_product(
            producer,
            actor=user,
            product_set=ProductSet.objects.get(number=set_number),
            name=name,
            description=f"{name} của {producer.name}.",
            specifications="Hộp 500 g" if set_number != 21 else "Cao 30 cm, men lam",
            photos=[d for d in documents if d.is_image],
        )
        dossier = actions.start_dossier(product, actor=user, kind=DossierKind.FIRST)
        people = walk.People(
            producer=user,
            commune=next(
                u for u in officers.values() if dossier.commune_id in rules.officer_communes(u)
            ),
            province=next(
                u
                for u in province_officers.values()
                if dossier.province_id in rules.officer_provinces(u)
            ),
        )
        walk.walk_to(
            dossier,
            {OVERDUE: State.SUBMITTED, BACK_AT_COMMUNE: State.COMMUNE_REVIEWING}.get(state, state),
            people,
            resent=state == BACK_AT_COMMUNE,
            documents=documents,
        )
        if state == OVERDUE:
            walk.make_overdue(dossier)
    # Upgrades come with recognition (``ocop.recognition.demo``): only a recognised product
    # may upgrade (Điều 6.1.b).
    return created
