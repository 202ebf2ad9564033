"""A national-scale dataset for benchmarks and load tests (``manage.py generate_dataset``).

Deterministic: the same ``--products``, ``--seed`` and day (``--today``, by default today)
on the same starting database give the same rows, codes and numbers. Everything random
comes from ``random.Random(seed)`` (criteria answers from one stream per product set), and
every date is counted back from that day, so that each certificate status and each step of
the dossier workflow exists on the day the data is used.

What it builds (shares from ``../shared/docs/domain.md`` §11.3 unless marked [M]):

- Producers, about one for 1.81 products (14,642 products, 8,086 producers, end 2024), in
  every one of the 3,321 communes once there are more producers than communes (the rest
  drawn with a skewed weight per commune, phường less than xã [M]). Types as at end 2024:
  32.7% cooperatives, 24.1% small enterprises (split TNHH / cổ phần / tư nhân [M]), 42.7%
  establishments and households (households and farms [M]), the rest tổ hợp tác; some
  community-tourism producers are associations or operating centres (set 26 only, Điều 2.3).
- Products over the 6 sectors and 26 product sets. domain.md gives no breakdown by sector
  except ~80 tourism products of 8,689 (end 2022): the shares are an assumption [M]: food
  70%, beverages 10%, medicinal 9%, handicrafts 8%, ornamental 2%, tourism 1%.
- Certificates in every status a consumer may meet: valid, expiring (in the renewal
  window), extended under Điều 12.3 (while the day allows it: until mid-May 2027), expired,
  revoked (with its decided revocation case) and superseded (by a re-recognition or by this
  system's certificate); a few open revocation cases with their 15-day countdown. Stars of
  the certificates in force: 3★ 74.5%, 4★ 24.7%, 5★ 0.8% (end 2024; 5★ by the Minister).
  Most are certificates issued on paper before the system (``Origin.ENTERED``, Điều 12.1):
  1048-era (province), 148-era (3★ by a district committee, since abolished, 4★ by the
  province), and since 06/07/2025 the province. Numbers of paper certificates and their
  decisions are invented in a plausible format.
- The last two provincial rounds (Điều 5.1) of every province, with a council of five
  scoring members, a secretary and an advisory team leader: the earlier round finished
  (results, recorded decisions, certificates issued by this system with the app's own
  numbers, approvals of 5★ results, notices for 1★–2★, a few rejected dossiers), the
  current one in progress (sheets being scored, one product in discussion now and then,
  results waiting for a decision) and the next round created, with accepted dossiers
  waiting for it. Every score sheet and result is computed by the criteria engine from
  generated answers, once per product set and star level, then reused.
- Dossiers (first, upgrade, re-evaluation) in every state of ``dossiers.enums.State``, with
  frozen and open versions, the producer's answers and their result, commune deadlines
  (some overdue), receipt numbers, the commune's Mẫu 03 from "proposed" on, product codes
  T-X-STT-YYYY from the proposal on.
- Accounts (password ``settings.DEMO_PASSWORD``): a commune officer for every commune with
  producers (``gen.xa.<commune code>``), a province officer for every province
  (``gen.tinh.<province code>``, the council's secretary and advisory team leader), five
  council members per province (``gen.hd.<province code>.<1–5>``, 1 is the chair) and one
  producer account (``gen.chuthe.<commune code>``) for the producer with the most dossiers
  in the commune with the most dossiers. ``generate`` returns the accounts to sign in with.

Left out (too intricate to make right in bulk, or files): evidence documents, product
photos and certificate photos (files), the commune's proposal letters (files; Mẫu 03 has
the letter's number and date), financial years, product ideas and business plans, the
ministry's side (5★ packages, the central council and the Minister's decisions: 5★ results
stop at the province's approval; 5★ certificates are paper ones), advisory findings, field
visits and lab tests, corrections of decisions, post-certification inspections, consumers'
reports, notifications.

How it writes: in batches, in one transaction, rows straight to ``COPY`` (PostgreSQL) or
``executemany`` (SQLite) with primary keys taken beforehand, each value adapted by its
field (``get_db_prep_save``); ``bulk_create`` elsewhere. No model instance, no ``save()``,
no signal, no audit entry, no notification: generated data bypasses the audit trail on
purpose, it records nothing that happened. The daily job's reminders that would have gone
out are there, so its next run has nothing to catch up. The counters the app numbers from
(product numbers per commune, receipts per office and year, certificates per authority and
year) are moved past the numbers used, so the app goes on from there.

How it is found again: producers, products, dossiers and councils are created by the
inactive account ``gen.dataset``; generated accounts are ``gen.*`` with an e-mail at
``dataset.ocop.local``. ``remove`` deletes exactly that (and what hangs on it), never the
demo data of ``make setup``, and winds the counters back to the numbers still in use.
"""

import datetime as dt
import random
import re
import time
from collections import Counter as Tally
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import accumulate

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models import Q
from django.utils import timezone, translation

from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.catalogue import index as catalogue_index
from ocop.catalogue.models import Entry as CatalogueEntry
from ocop.certificates import status as cert_status
from ocop.certificates.actions import MINISTRY_NAME, province_authority
from ocop.certificates.daily import CLOSING_NOTICE_DAYS
from ocop.certificates.enums import Authority, CaseState, Ground, Origin, Trigger
from ocop.certificates.enums import Reminder as ReminderKind
from ocop.certificates.enums import State as CertState
from ocop.certificates.models import (
    VERIFY_CODE_LENGTH,
    Certificate,
    ConsumerReport,
    InspectionItem,
    Reminder,
    Revocation,
)
from ocop.criteria import engine, serialize
from ocop.criteria.models import CriteriaSet
from ocop.dossiers import content as dossier_content
from ocop.dossiers.enums import COMMUNE_DEADLINE_WORKING_DAYS, DossierKind, State
from ocop.dossiers.models import (
    CommuneAssessment,
    Dossier,
    DossierVersion,
    EvidenceLink,
    ProposalLetter,
)
from ocop.dossiers.walk import KIND_CONTENT, PLAN, RETURN_REASON
from ocop.evaluation import tally
from ocop.evaluation.enums import (
    Body,
    EvaluationMode,
    EvaluationState,
    Level,
    MemberRole,
    MinimumsRule,
)
from ocop.evaluation.models import (
    AdvisoryFile,
    AdvisoryReport,
    Council,
    CouncilMember,
    Declaration,
    Discussion,
    DocumentRequest,
    Evaluation,
    FieldVisit,
    Finding,
    Interest,
    LabTest,
    Round,
    ScoreSheet,
)
from ocop.legal import rounds as calendar
from ocop.legal.models import LegalInstrument
from ocop.legal.validity import (
    IN_FORCE_FROM,
    add_months,
    expiry,
    extension_end,
    renewal_window,
)
from ocop.lib.codes import ALPHABET
from ocop.lib.models import Counter
from ocop.lib.workdays import add_working_days
from ocop.listings.models import ListingChange, ProducerListing, ProductListing
from ocop.places.models import Commune, Province
from ocop.producers.enums import TOURISM_ONLY_TYPES, Gender, LegalType
from ocop.producers.models import (
    EvidenceDocument,
    FinancialYear,
    Producer,
    ProducerMembership,
)
from ocop.products.models import BusinessPlan, Product, ProductIdea
from ocop.promotion.models import Participation
from ocop.recognition.enums import DecisionKind, DecisionState, LineAction
from ocop.recognition.models import Decision, DecisionLine, Notice, Package

MARKER = "gen.dataset"  # the inactive account that "created" the generated rows
PREFIX = "gen."
DOMAIN = "dataset.ocop.local"
MARKER_NAME = "Dữ liệu sinh tự động (generate_dataset)"

# --- the shapes of the data ------------------------------------------------------------------

PRODUCTS_PER_PRODUCER = 14_642 / 8_086  # end 2024 [S-18h]
LEGAL_TYPES = (  # end 2024 [S-18h]; the splits inside enterprises and households are [M]
    (LegalType.COOPERATIVE, 32.7),
    (LegalType.LIMITED_COMPANY, 14.5),
    (LegalType.JOINT_STOCK, 6.0),
    (LegalType.PRIVATE_ENTERPRISE, 3.6),
    (LegalType.HOUSEHOLD, 39.7),
    (LegalType.FARM, 3.0),
    (LegalType.COOPERATIVE_GROUP, 0.5),
)
# More products per producer for the bigger ones [M].
PRODUCT_WEIGHT = {
    LegalType.COOPERATIVE: 1.4,
    LegalType.LIMITED_COMPANY: 1.8,
    LegalType.JOINT_STOCK: 2.2,
    LegalType.PRIVATE_ENTERPRISE: 1.2,
    LegalType.HOUSEHOLD: 0.6,
    LegalType.FARM: 0.8,
    LegalType.COOPERATIVE_GROUP: 0.8,
    LegalType.ASSOCIATION: 1.5,
    LegalType.OPERATING_CENTRE: 1.5,
}
TOURISM_BODY_SHARE = 0.15  # of community-tourism producers: an association or a centre [M]
SECTORS = (("I", 70), ("II", 10), ("III", 9), ("IV", 8), ("V", 2), ("VI", 1))  # [M]
SET_WEIGHTS = {  # within a sector [M]
    1: 12, 2: 6, 3: 8, 4: 6, 5: 2, 6: 10, 7: 12, 8: 12, 9: 8, 10: 4, 11: 10, 12: 5, 13: 5,
    14: 5, 15: 2, 16: 1, 17: 2,
    18: 3, 19: 2, 20: 4,
    21: 7, 22: 1,
    23: 1, 24: 0.8, 25: 0.2,
    26: 1,
}  # fmt: skip
OWN_SECTOR = 0.8  # a producer's products mostly stay in its sector [M]
PAPER_STARS = ((3, 74.5), (4, 24.7), (5, 0.8))  # end 2024, 5★ < 0.5–1% [S-18h, S-18i]
COUNCIL_STARS = ((1, 0.5), (2, 3.5), (3, 64.0), (4, 29.0), (5, 2.0), (0, 1.0))  # 0: rejected [M]
# What happened to each product [M], sized so that in-force certificates are most of them.
FATES = (
    ("paper", 62),  # certified on paper before the system
    ("previous", 9),  # in the last finished provincial round
    ("current", 8),  # in the round being evaluated
    ("pipeline", 14),  # a first dossier on its way (draft … accepted for the next round)
    ("withdrawn", 2),
    ("registered", 5),  # a product without a dossier yet
)
PAPER_STATUSES = (
    ("valid", 58),
    ("expiring", 14),
    ("extended", 4),
    ("expired", 20),
    ("revoked", 4),
)
PIPELINE_STATES = (
    (State.DRAFT, 22),
    (State.SUBMITTED, 12),
    (State.COMMUNE_REVIEWING, 14),
    (State.RETURNED_BY_COMMUNE, 8),
    (State.PROPOSED, 10),
    (State.PROVINCE_CHECKING, 9),
    (State.RETURNED_BY_PROVINCE, 5),
    (State.ACCEPTED, 20),
)
HISTORY = 0.12  # in-force paper certificates that replaced an older one
OPEN_CASE = 0.005  # valid certificates with an open revocation case
RENEWING = 0.35  # expiring certificates whose re-evaluation dossier is on its way
UPGRADING = 0.03  # valid 3★–4★ certificates with an upgrade dossier on its way
RETRYING = 0.15  # expired certificates whose product registers anew
PRIOR = 0.4  # products in a round that held a paper certificate (re-evaluation, upgrade)
OVERDUE = 0.2  # submitted dossiers past the commune's 15 working days
EXTENSION_LAST_EXPIRY = IN_FORCE_FROM + dt.timedelta(days=179)  # Điều 12.3 (legal.validity)
DISTRICTS_FROM = dt.date(2023, 2, 24)  # 148/QĐ-TTg: 3★ by the district committee
DISTRICTS_UNTIL = dt.date(2025, 7, 1)  # NQ 202/2025/QH15: two-level local government
MINISTRY_MERGED = dt.date(2025, 3, 1)
OLDEST = dt.date(2019, 10, 1)  # the first 1048-era certificates
SCORERS = 5
COUNCIL_NAME = "Hội đồng đánh giá, phân hạng sản phẩm OCOP"
PLANNED = dt.timedelta(days=60)  # a round's plan comes two months before its cut-off

SURNAMES = (
    ("Nguyễn", 31), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4),
    ("Phan", 4.5), ("Vũ", 4), ("Võ", 3.5), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.7), ("Lương", 0.5), ("Mai", 0.5),
)  # fmt: skip
MIDDLE = {
    Gender.MALE: ("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân"),
    Gender.FEMALE: ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Hồng"),
}
GIVEN = {
    Gender.MALE: (
        "Hùng", "Dũng", "Nam", "Tuấn", "Sơn", "Long", "Hải", "Bình", "Quân", "Thắng", "Phúc",
        "Khoa", "Tài", "Lâm", "Trung", "Đức", "Cường", "Hiếu", "Toàn", "Vinh",
    ),
    Gender.FEMALE: (
        "Lan", "Hương", "Hoa", "Mai", "Linh", "Hạnh", "Nga", "Thảo", "Trang", "Yến", "Phương",
        "Hà", "Dung", "Loan", "Vân", "Nhung", "Huyền", "Oanh", "Thủy", "Xuân",
    ),
}  # fmt: skip
FEMALE = 0.38  # legal representatives who are women [M]
ETHNICITIES = (  # 2019 census, rounded [M]
    ("Kinh", 85.3), ("Tày", 1.9), ("Thái", 1.9), ("Mường", 1.5), ("Khmer", 1.4), ("Hoa", 0.8),
    ("Nùng", 1.1), ("H'Mông", 1.5), ("Dao", 0.9), ("Gia Rai", 0.5), ("Ê Đê", 0.4),
    ("Ba Na", 0.3), ("Chăm", 0.2), ("Xơ Đăng", 0.2), ("Sán Chay", 0.2),
)  # fmt: skip
ITEMS = {
    1: ("Bưởi", "Cam sành", "Nhãn lồng", "Vải thiều", "Xoài cát", "Thanh long", "Chuối tiêu",
        "Rau má", "Khoai lang", "Dưa lưới", "Sầu riêng", "Hồng giòn"),
    2: ("Trứng gà ta", "Thịt lợn đen", "Cá trắm giòn", "Tôm càng xanh", "Sữa bò tươi", "Gà đồi",
        "Bò tơ", "Cua đồng"),
    3: ("Gạo tám thơm", "Gạo nếp cái hoa vàng", "Gạo ST25", "Ngô nếp", "Đậu xanh", "Gạo lứt"),
    4: ("Mật ong hoa nhãn", "Mật ong rừng", "Mật ong hoa cà phê", "Mật hoa dừa", "Mật mía"),
    5: ("Bánh chưng", "Xôi gấc", "Nem chua rán", "Chả cá", "Bánh giầy"),
    6: ("Bún khô", "Bánh đa", "Miến dong", "Phở khô", "Bánh tráng", "Cốm"),
    7: ("Mứt gừng", "Chuối sấy", "Mít sấy", "Dưa cải muối", "Vải sấy", "Hạt điều rang muối"),
    8: ("Chả mực", "Giò lụa", "Ruốc cá", "Lạp xưởng", "Khô cá", "Tôm khô", "Nem chua"),
    9: ("Nước mắm", "Tương bần", "Mắm tôm", "Nước mắm cá cơm", "Tương ớt"),
    10: ("Muối tôm", "Tiêu đen", "Tỏi cô đơn", "Hành tím", "Ớt bột", "Muối ớt xanh"),
    11: ("Chè Shan tuyết", "Trà xanh", "Chè búp", "Trà ô long", "Chè móc câu"),
    12: ("Trà hoa cúc", "Trà atiso", "Trà gạo lứt", "Trà sen", "Trà dây", "Trà mướp đắng"),
    13: ("Cà phê rang xay", "Cà phê Robusta", "Ca cao nguyên chất", "Cà phê Arabica"),
    14: ("Rượu nếp cái", "Rượu ngô", "Rượu men lá", "Rượu gạo"),
    15: ("Rượu sim", "Rượu vang nho", "Rượu mơ", "Rượu chuối hột"),
    16: ("Nước khoáng", "Nước uống đóng chai"),
    17: ("Nước cốt chanh leo", "Nước ép dứa", "Siro dâu", "Nước cốt gừng"),
    18: ("Cao actiso", "Viên đông trùng hạ thảo", "Tinh bột nghệ", "Cao ích mẫu",
         "Trà giảo cổ lam túi lọc"),
    19: ("Dầu gội bồ kết", "Xà phòng thảo mộc", "Son dưỡng sáp ong", "Tinh chất nghệ"),
    20: ("Tinh dầu sả chanh", "Tinh dầu quế", "Tinh dầu tràm", "Dược liệu cà gai leo"),
    21: ("Gốm men rạn", "Mây tre đan", "Nón lá", "Chiếu cói", "Tranh sơn mài",
         "Đồ gỗ mỹ nghệ", "Lọ hoa gốm"),
    22: ("Thổ cẩm", "Lụa tơ tằm", "Khăn lanh", "Áo dài lụa"),
    23: ("Hoa lan hồ điệp", "Hoa cúc", "Hoa đào", "Hoa hồng"),
    24: ("Bonsai sanh", "Cây quất cảnh", "Mai vàng", "Cây cảnh nghệ thuật"),
    25: ("Cá koi", "Chim chào mào", "Cá cảnh"),
    26: ("Du lịch cộng đồng", "Điểm du lịch sinh thái", "Homestay bản", "Làng du lịch"),
}  # fmt: skip
VARIANTS = {
    "I": ("", "", "", " loại đặc biệt", " hộp 500 g", " túi 1 kg", " hộp quà"),
    "II": ("", "", " chai 500 ml", " chai 750 ml", " bình 2 lít"),
    "III": ("", "", " hộp 30 viên", " lọ 100 ml", " hộp 20 gói"),
    "IV": ("", "", " cỡ lớn", " cỡ nhỏ", " bộ quà tặng"),
    "V": ("", "", " chậu lớn", " chậu nhỏ"),
    "VI": ("",),
}
ORGANISATION_WORDS = ("Nông nghiệp", "Dịch vụ nông nghiệp", "Sản xuất và Thương mại", "Nông sản")
COMPANY_WORDS = ("Thực phẩm", "Nông sản", "Thương mại và Dịch vụ", "Sản xuất", "Đặc sản")
TITLES = {
    LegalType.COOPERATIVE: "Giám đốc",
    LegalType.COOPERATIVE_GROUP: "Tổ trưởng",
    LegalType.LIMITED_COMPANY: "Giám đốc",
    LegalType.JOINT_STOCK: "Tổng giám đốc",
    LegalType.PRIVATE_ENTERPRISE: "Chủ doanh nghiệp",
    LegalType.FARM: "Chủ trang trại",
    LegalType.HOUSEHOLD: "Chủ hộ",
    LegalType.ASSOCIATION: "Chủ tịch",
    LegalType.OPERATING_CENTRE: "Giám đốc",
}
SEATS = (
    (MemberRole.CHAIR, "Ủy ban nhân dân cấp tỉnh", "Phó Chủ tịch UBND"),
    (MemberRole.VICE_CHAIR, "Sở Nông nghiệp và Môi trường", "Giám đốc Sở"),
    (MemberRole.MEMBER, "Sở Công Thương", "Phó Giám đốc Sở"),
    (MemberRole.MEMBER, "Sở Y tế", "Phó Giám đốc Sở"),
    (MemberRole.MEMBER, "Sở Khoa học và Công nghệ", "Phó Giám đốc Sở"),
)
GROUNDS = (  # revocations (Điều 8.1) [M]
    (Ground.STOPPED, 40, "Chủ thể đã ngừng sản xuất sản phẩm từ đầu năm."),
    (Ground.CRITERIA, 25, "Kiểm tra sau công nhận: nhãn không còn mã truy xuất, hết hạn ATTP."),
    (Ground.LAW, 15, "Mẫu lấy tại điểm bán không đạt chỉ tiêu an toàn thực phẩm."),
    (Ground.MARK, 10, "Bao bì in số sao cao hơn số sao được công nhận."),
    (Ground.FALSE_DOSSIER, 5, "Hợp đồng liên kết trong hồ sơ không có thật."),
    (Ground.OTHER, 5, "Theo kết luận thanh tra của Sở Nông nghiệp và Môi trường."),
)
ASSESSMENT = {
    "raw_materials": "Nguyên liệu chủ yếu lấy tại địa phương.",
    "labour": "Phần lớn lao động là người trong xã.",
    "idea_origin": "Sản phẩm truyền thống của địa phương.",
    "identity": "Kỹ thuật chế biến và câu chuyện gắn với địa phương.",
    "samples_received": 5,
    "signer": "Chủ tịch UBND xã",
}
TEXT = "Nội dung do generate_dataset sinh ra."


class DatasetError(Exception):
    """The dataset cannot be generated (or removed) here; the message says why."""


@dataclass
class Report:
    """What ``generate`` made: rows per model, the shape of the data, accounts, timings."""

    counts: dict[str, int] = field(default_factory=dict)
    shape: dict[str, dict] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    seconds: list[tuple[str, float]] = field(default_factory=list)


def exists() -> bool:
    return User.objects.filter(username=MARKER).exists()


# --- small helpers ---------------------------------------------------------------------------


def _weighted(pairs):
    values = [v for v, _w in pairs]
    cum = list(accumulate(w for _v, w in pairs))
    return values, cum


def _pick(rng, table) -> object:
    values, cum = table
    return rng.choices(values, cum_weights=cum)[0]


def _at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@cache
def _deadline(day: dt.date) -> dt.date:
    return add_working_days(day, COMMUNE_DEADLINE_WORKING_DAYS)


def _stem(name: str) -> str:
    for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _province_label(province) -> str:
    return province.name if province.type == "thanh_pho" else f"tỉnh {province.name}"


def _expired_note(last: dt.date, extended: bool) -> str:
    """As the daily job writes it (``certificates.actions.expire``), in the record's language."""
    day = last.strftime("%d/%m/%Y")
    if extended:
        return f"Hết thời gian kéo dài hiệu lực theo Điều 12.3 ngày {day}."
    return f"Hết thời hạn 36 tháng ngày {day}."


def _status(state: str, valid_from: dt.date, expires_on: dt.date, today: dt.date) -> str:
    dates = cert_status.Dates(state, valid_from, expires_on, extension_end(expires_on))
    return cert_status.status_on(dates, today)


def _previous_round(rnd: calendar.RoundDates) -> calendar.RoundDates:
    if rnd.number == 2:
        return calendar.standard_round(calendar.PROVINCE, rnd.year, 1)
    return calendar.standard_round(calendar.PROVINCE, rnd.year - 1, 2)


AUTO = {}


def _auto_fields(model) -> list:
    if model not in AUTO:
        AUTO[model] = [
            f
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
    return AUTO[model]


@contextmanager
def _dates_as_given(models_):
    """The dates we give are kept (auto_now / auto_now_add off meanwhile): only matters on a
    backend other than SQLite and PostgreSQL, where rows go through ``bulk_create``."""
    saved = []
    for model in models_:
        for f in _auto_fields(model):
            saved.append((f, f.auto_now, f.auto_now_add))
            f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# --- answers to the criteria sheets, computed once per product set and star level -----------


_ANSWERS: dict[tuple, "Answers"] = {}


class Answers:
    """Answers that give each star level on one set's sheet, as the engine computes them:
    ``own[stars]`` for one sheet (a producer's self-assessment, a member's sheet) and
    ``council[stars]`` for five members whose totals lie a few points apart, with the
    council's result. ``wide`` is five sheets too far apart to close (a discussion)."""

    def __init__(self, criteria_set: CriteriaSet, seed: int):
        self.sheet = sheet = criteria_set.sheet()
        self.rng = random.Random(f"{seed}/answers/{criteria_set.code}")
        skipped = {
            leaf.code
            for group in sheet.exclusive_groups()
            for case in group.criteria[1:]
            for leaf in case.leaves()
        }
        self.leaves = [
            (leaf.code, sorted(leaf.options, key=lambda o: o.points))
            for leaf in sheet.leaves()
            if leaf.code not in skipped
        ]
        self.rejections = list(criteria_set.definition.get("rejection_conditions") or [])
        self.notes = Shared(
            dict.fromkeys([c for c, _o in self.leaves][:5], "Xem tài liệu kèm theo.")
        )
        self.own: dict[int, list[tuple[dict, dict]]] = defaultdict(list)
        for target in (1, 2, 3, 4, 5):
            for _ in range(3):
                answers = Shared(self._towards(target))
                result = self._result(answers)
                self.own[result["stars"]].append((answers, result))
        self.council: dict[int, list[tuple[list, dict]]] = defaultdict(list)
        for stars in sorted(self.own):
            for attempt in range(6):
                if len(self.council[stars]) >= 2:
                    break
                answers, result = self.own[stars][attempt % len(self.own[stars])]
                members = [answers] + [self._nudge(answers, stars) for _ in range(SCORERS - 1)]
                combo = self._combo(members, first=result)
                self.council[combo[1]["stars"]].append(combo)
        low = self.nearest(self.own, 2)[0][0]
        high = self.nearest(self.own, 4)[0][0]
        self.wide = self._combo([high, high, low, high, self._nudge(high, 4)])
        empty = self._result({})
        half = Shared(list(self.nearest(self.own, 3)[0][0].items())[: len(self.leaves) // 2])
        self.drafts = [(Shared(), empty), (half, self._result(half))]

    def _result(self, answers: dict) -> dict:
        return Shared(serialize.result(engine.evaluate(self.sheet, answers)))

    def _towards(self, target: int) -> dict:
        """The lowest options that meet the star minimums of ``target`` (none below 3★),
        then random steps up until the total reaches a score inside its band."""
        rng = self.rng
        floor, ceiling = {1: (5, 29), 2: (31, 49), 3: (51, 69), 4: (71, 89), 5: (91, 100)}[target]
        goal = rng.uniform(floor, ceiling)
        picks = {code: self._floor(options, target) for code, options in self.leaves}
        options_of = dict(self.leaves)
        total = sum(float(options_of[c][i].points) for c, i in picks.items())
        codes = [c for c, _o in self.leaves]
        guard = 0
        while total < goal and guard < 500:
            guard += 1
            code = rng.choice(codes)
            options, i = options_of[code], picks[code]
            if i < len(options) - 1:
                total += float(options[i + 1].points - options[i].points)
                picks[code] = i + 1
        return Shared({code: options_of[code][i].code for code, i in picks.items()})

    def _floor(self, options, stars: int) -> int:
        """The lowest option index that keeps the star minimums of ``stars``."""
        need = max(
            (o.points for o in options if o.min_star is not None and o.min_star <= stars),
            default=None,
        )
        if stars < 3 or need is None:
            return 0
        return next(i for i, o in enumerate(options) if o.points >= need)

    def _nudge(self, answers: dict, stars: int) -> dict:
        """Another member's view: two criteria one option up or down, the minimums of
        ``stars`` kept."""
        out = Shared(answers)
        options_of = dict(self.leaves)
        for code in self.rng.sample(list(out), k=min(2, len(out))):
            options = options_of[code]
            i = next(j for j, o in enumerate(options) if o.code == out[code])
            i = max(
                self._floor(options, stars), min(len(options) - 1, i + self.rng.choice((-1, 1)))
            )
            out[code] = options[i].code
        return out

    def _combo(self, members: list[dict], first: dict | None = None) -> tuple[list, dict]:
        sheets = [
            (a, first if i == 0 and first else self._result(a)) for i, a in enumerate(members)
        ]
        council = serialize.result(
            engine.evaluate_council(self.sheet, members, minimums=MinimumsRule.MEAN)
        )
        totals = [Decimal(str(r["total"])) for _a, r in sheets]
        council["spread"] = str(tally.spread(totals))
        return sheets, council

    @classmethod
    def of(cls, criteria_set: CriteriaSet, seed: int) -> "Answers":
        """Made once per process for a set's sheet (its content hash) and a seed."""
        key = (criteria_set.code, criteria_set.sha256, seed)
        if key not in _ANSWERS:
            _ANSWERS[key] = cls(criteria_set, seed)
        return _ANSWERS[key]

    @staticmethod
    def nearest(table: dict, stars: int) -> list:
        for gap in range(5):
            for s in (stars - gap, stars + gap):
                if table.get(s):
                    return table[s]
        raise DatasetError("no answers at all")


# --- the plan of each product ------------------------------------------------------------------


class CertPlan:
    __slots__ = (
        "origin", "valid_from", "expires_on", "stars", "authority", "authority_name",
        "decision_number", "decision_date", "signer", "instrument", "state", "ended_on",
        "ended_note", "revocation", "open_case", "superseded", "evaluation", "number", "pk",
        "code", "score", "product_code",
    )  # fmt: skip

    def __init__(self, **kw):
        for name in self.__slots__:
            setattr(self, name, kw.get(name))


class DossierPlan:
    __slots__ = (
        "kind", "state", "created", "submitted", "commune_received", "proposed",
        "province_received", "returned", "accepted", "withdrawn", "round", "self_stars",
        "evaluation", "pk", "code", "commune_receipt", "province_receipt", "assessment",
    )  # fmt: skip

    def __init__(self, **kw):
        for name in self.__slots__:
            setattr(self, name, kw.get(name))


class EvalPlan:
    __slots__ = (
        "which", "state", "stars", "decided", "closed_at", "added_at", "mode", "clock",
        "submitted", "saved", "pk", "code", "combo", "line",
    )  # fmt: skip

    def __init__(self, **kw):
        for name in self.__slots__:
            setattr(self, name, kw.get(name))


class Story:
    __slots__ = (
        "index", "producer", "set_no", "name", "fate", "certs", "dossiers", "created",
        "stt", "code_year", "pk", "code",
    )  # fmt: skip

    def __init__(self, index, producer, set_no, name):
        self.index, self.producer, self.set_no, self.name = index, producer, set_no, name
        self.fate = ""
        self.certs: list[CertPlan] = []
        self.dossiers: list[DossierPlan] = []
        self.created = None
        self.stt = self.code_year = self.pk = self.code = None

    def stem(self, communes) -> str:
        commune = communes[self.producer.commune]
        return f"{commune.province.code}-{commune.code}-{self.stt:03d}"


class ProducerPlan:
    __slots__ = (
        "index", "commune", "legal_type", "sector", "name", "address", "rep_name", "rep_gender",
        "rep_ethnicity", "registration", "tax_code", "founded", "workforce", "local", "phone",
        "capital", "pk", "code", "created", "dossiers", "snapshot",
    )  # fmt: skip

    def __init__(self, **kw):
        for name in self.__slots__:
            setattr(self, name, kw.get(name))


# --- writing rows ------------------------------------------------------------------------------

PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)
ADAPTED = (models.DateField, models.DateTimeField, models.DecimalField, models.JSONField)
CACHED = (models.DateField, models.DateTimeField, models.DecimalField)


class Shared(dict):
    """A JSON value many rows hold (a sheet's answers and result, a producer's data as
    filed): encoded once."""


class _SqliteTime:
    """What ``DateTimeField.get_db_prep_save`` gives SQLite with ``USE_TZ``: naive UTC."""

    def __init__(self, field):
        self.field = field

    def get_db_prep_save(self, value, conn):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(" ")


class _Writer:
    """Rows of one model, written with ``COPY`` (PostgreSQL) or ``executemany`` (SQLite),
    with primary keys given by us: on PostgreSQL taken from the table's sequence, on SQLite
    after both ``MAX(id)`` and ``sqlite_sequence`` (a deleted row's id is never given
    again). Another backend goes through ``bulk_create``."""

    def __init__(self, model):
        self.model = model
        meta = model._meta
        self.fields = [f for f in meta.concrete_fields if not f.primary_key]
        self.auto = {f.attname for f in _auto_fields(model)}
        self.prepare = [
            None if isinstance(f, PLAIN) and not isinstance(f, ADAPTED) else f for f in self.fields
        ]
        # Dates, times and decimals repeat a lot, and so do shared JSON values: each is
        # adapted once. Times go to SQLite as Django writes them: naive UTC text.
        self.memo = [
            {} if isinstance(f, (*CACHED, models.JSONField)) else None for f in self.fields
        ]
        self.json = [isinstance(f, models.JSONField) for f in self.fields]
        for i, f in enumerate(self.fields):
            if isinstance(f, models.DateTimeField) and connection.vendor == "sqlite":
                self.prepare[i] = _SqliteTime(f)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in [meta.pk, *self.fields])
        marks = ", ".join(["%s"] * (len(self.fields) + 1))
        self.table = meta.db_table
        self.sql = f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({marks})"  # noqa: S608
        self.copy = f"COPY {quote(self.table)} ({columns}) FROM STDIN"
        self.next_id = None

    def _ids(self, cursor, n: int) -> list[int]:
        quote = connection.ops.quote_name
        pk = self.model._meta.pk.column
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(self.table), pk, n],
            )
            return [row[0] for row in cursor.fetchall()]
        if self.next_id is None:
            cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(self.table)}")  # noqa: S608
            highest = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.table])
            row = cursor.fetchone()
            self.next_id = max(highest, row[0] if row else 0) + 1
        ids = list(range(self.next_id, self.next_id + n))
        self.next_id += n
        return ids

    def write(self, rows: list[dict], now) -> list[int]:
        if connection.vendor not in ("sqlite", "postgresql"):
            objects = [self.model(**row) for row in rows]
            return [o.pk for o in self.model.objects.bulk_create(objects)]
        values = []
        conn = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the proxy
        plan = list(zip(self.fields, self.prepare, self.memo, self.json, strict=True))
        with conn.cursor() as cursor:
            ids = self._ids(cursor, len(rows))
            for pk, row in zip(ids, rows, strict=True):
                out = [pk]
                for f, prepare, memo, json in plan:
                    name = f.attname
                    if name in row:
                        value = row[name]
                    elif name in self.auto:
                        value = now
                    else:
                        value = f.get_default()
                    if prepare is not None and value is not None:
                        if memo is None or (json and not isinstance(value, Shared)):
                            value = prepare.get_db_prep_save(value, conn)
                        elif json:
                            key = id(value)  # kept alive in the memo: the id stays its own
                            if key not in memo:
                                memo[key] = (value, prepare.get_db_prep_save(value, conn))
                            value = memo[key][1]
                        elif value in memo:
                            value = memo[value]
                        else:
                            value = memo[value] = prepare.get_db_prep_save(value, conn)
                    out.append(value)
                values.append(out)
            if conn.vendor == "postgresql":  # COPY: one stream, no statement per row
                with cursor.cursor.copy(self.copy) as copy:
                    for out in values:
                        copy.write_row(out)
            else:
                cursor.executemany(self.sql, values)
        return ids


# --- the generator -----------------------------------------------------------------------------


class Generator:
    def __init__(self, products: int, seed: int, today: dt.date, batch_size: int, log):
        if products < 1:
            raise DatasetError("--products must be at least 1.")
        self.n = products
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today
        self.now = _at(today, 7)
        self.batch = batch_size
        self.log = log
        self.report = Report()
        self.used: dict[str, set] = defaultdict(set)
        self.writers: dict[type, _Writer] = {}
        next_round = calendar.round_for(today, calendar.PROVINCE)
        current = _previous_round(next_round)
        self.rounds = {"next": next_round, "current": current, "previous": _previous_round(current)}
        self.current_finished = today >= current.finish_before
        self.decision_days: dict[tuple[int, str], dt.date] = {}
        self.tables = {
            "paper statuses": _weighted(PAPER_STATUSES),
            "paper stars": _weighted(PAPER_STARS),
            "council stars": _weighted(COUNCIL_STARS),
            "pipeline states": _weighted(PIPELINE_STATES),
            "grounds": _weighted([(g, w) for g, w, _text in GROUNDS]),
            "fates": _weighted(FATES),
            "surnames": _weighted(SURNAMES),
            "ethnicities": _weighted(ETHNICITIES),
            "legal types": _weighted(LEGAL_TYPES),
        }

    # -- plumbing --

    @contextmanager
    def step(self, name: str):
        self.log(f"{name} …")
        start = time.perf_counter()
        yield
        seconds = time.perf_counter() - start
        self.report.seconds.append((name, seconds))
        self.log(f"  {name}: {seconds:.1f} s")

    def code(self, kind: str, prefix: str = "", length: int = 8) -> str:
        used = self.used[kind]
        while True:
            value = prefix + "".join(self.rng.choices(ALPHABET, k=length))
            if value not in used:
                used.add(value)
                return value

    def days(self, lo: int, hi: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(lo, max(lo, hi)))

    def insert(self, model, rows) -> list[int]:
        """Insert ``rows`` (dicts of field attnames → values) in batches, with primary keys
        taken beforehand; return them in the order given. No model instance is built: the
        values go through each field's ``get_db_prep_save`` only, straight to ``COPY`` or
        ``executemany`` (several times faster than ``bulk_create``)."""
        writer = self.writers.get(model) or self.writers.setdefault(model, _Writer(model))
        pks: list[int] = []
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= self.batch:
                pks += writer.write(batch, self.now)
                batch = []
        if batch:
            pks += writer.write(batch, self.now)
        label = model._meta.label
        self.report.counts[label] = self.report.counts.get(label, 0) + len(pks)
        return pks

    # -- the whole run --

    def run(self) -> Report:
        touched = [
            User,
            RoleAssignment,
            Producer,
            ProducerMembership,
            Product,
            Dossier,
            DossierVersion,
            CommuneAssessment,
            Council,
            CouncilMember,
            Round,
            Declaration,
            Evaluation,
            ScoreSheet,
            Decision,
            DecisionLine,
            Notice,
            Certificate,
            Revocation,
        ]
        with _dates_as_given(touched), translation.override(settings.LANGUAGE_CODE):
            with self.step("reference data and answers"):
                self.load_reference()
            with self.step("plan"):
                self.plan_producers()
                self.plan_products()
                self.number()
            with self.step("accounts"):
                self.create_accounts()
            with self.step("producers"):
                self.create_producers()
            with self.step("products"):
                self.create_products()
            with self.step("dossiers"):
                self.create_dossiers()
            with self.step("councils, rounds, evaluations, score sheets"):
                self.create_evaluations()
            with self.step("decisions and notices"):
                self.create_decisions()
            with self.step("certificates and revocations"):
                self.create_certificates()
            with self.step("the public catalogue's index"):
                self.report.counts["catalogue.Entry"] = catalogue_index.rebuild()
            with self.step("counters and the benchmark's producer account"):
                self.bump_counters()
                self.create_producer_account()
        self.describe()
        return self.report

    # -- reference data --

    def load_reference(self) -> None:
        self.provinces = list(Province.objects.order_by("code"))
        communes = list(Commune.objects.select_related("province").order_by("code"))
        if not self.provinces or not communes:
            raise DatasetError("No places: run `python manage.py load_places` first.")
        self.communes = communes
        self.province_by_pk = {p.pk: p for p in self.provinces}
        criteria = list(
            CriteriaSet.objects.select_related("product_set__group__sector", "instrument")
            .filter(instrument__number="26/2026/QĐ-TTg")
            .order_by("code")
        )
        if len(criteria) < 26:
            raise DatasetError("No criteria sets: run `python manage.py load_criteria` first.")
        self.criteria = {cs.product_set.number: cs for cs in criteria}
        self.instruments = {i.number: i for i in LegalInstrument.objects.all()}
        for needed in ("1048/QĐ-TTg", "148/QĐ-TTg", "26/2026/QĐ-TTg"):
            if needed not in self.instruments:
                raise DatasetError(f"Legal instrument {needed} missing: run load_criteria.")
        self.answers: dict[int, Answers] = {}
        by_sector = defaultdict(list)
        for number, cs in self.criteria.items():
            by_sector[cs.product_set.group.sector.code].append((number, SET_WEIGHTS[number]))
        self.sets_of = {code: _weighted(pairs) for code, pairs in by_sector.items()}
        self.sectors = _weighted(SECTORS)
        for model, kind in (
            (Producer, "producer"),
            (Product, "product"),
            (Dossier, "dossier"),
            (Council, "council"),
            (Round, "round"),
            (Evaluation, "evaluation"),
            (Decision, "decision"),
            (Notice, "notice"),
            (Certificate, "certificate"),
            (Revocation, "revocation"),
        ):
            self.used[kind] = set(model.objects.values_list("code", flat=True))
        self.used["certificate_number"] = set(
            Certificate.objects.values_list("authority_name", "number")
        )
        self.used["decision_number"] = set(Decision.objects.values_list("province_id", "number"))
        self.counters = dict(Counter.objects.values_list("key", "value"))

    def answers_for(self, set_no: int) -> Answers:
        if set_no not in self.answers:
            self.answers[set_no] = Answers.of(self.criteria[set_no], self.seed)
        return self.answers[set_no]

    # -- producers --

    def person(self) -> tuple[str, str]:
        rng = self.rng
        gender = Gender.FEMALE if rng.random() < FEMALE else Gender.MALE
        surname = _pick(rng, self.tables["surnames"])
        return f"{surname} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}", gender

    def plan_producers(self) -> None:
        rng = self.rng
        count = max(1, min(self.n, round(self.n / PRODUCTS_PER_PRODUCER)))
        weights = []
        for commune in self.communes:
            base = {"xa": 1.0, "dac_khu": 0.8}.get(commune.type, 0.35)
            weights.append(base * rng.lognormvariate(0, 0.9))
        indexes = list(range(len(self.communes)))
        if count >= len(indexes):  # every commune has one, the rest by weight
            rng.shuffle(indexes)
            chosen = indexes + rng.choices(
                range(len(self.communes)), weights=weights, k=count - len(indexes)
            )
        else:
            chosen = rng.choices(range(len(self.communes)), weights=weights, k=count)
        self.producers: list[ProducerPlan] = []
        for i, commune_index in enumerate(chosen):
            commune = self.communes[commune_index]
            sector = _pick(rng, self.sectors)
            legal_type = _pick(rng, self.tables["legal types"])
            if sector == "VI" and rng.random() < TOURISM_BODY_SHARE:
                legal_type = rng.choice(sorted(TOURISM_ONLY_TYPES))
            name, gender = self.person()
            self.producers.append(
                ProducerPlan(
                    index=i,
                    commune=commune_index,
                    legal_type=legal_type,
                    sector=sector,
                    name=self.producer_name(legal_type, sector, commune, name),
                    address=self.address(commune),
                    rep_name=name,
                    rep_gender=gender,
                    rep_ethnicity=_pick(rng, self.tables["ethnicities"]),
                    founded=dt.date(1995, 1, 1) + self.days(0, 30 * 365 - 1),
                    phone="0" + rng.choice("389") + "".join(rng.choices("0123456789", k=8)),
                    dossiers=0,
                    **self.registration(legal_type, commune),
                    **self.workforce(legal_type),
                )
            )

    def producer_name(self, legal_type, sector, commune, person) -> str:
        rng, stem = self.rng, _stem(commune.name)
        item = rng.choice(ITEMS[rng.choice(self.sets_of[sector][0])])
        match legal_type:
            case LegalType.COOPERATIVE:
                return f"Hợp tác xã {rng.choice(ORGANISATION_WORDS)} {stem}"
            case LegalType.COOPERATIVE_GROUP:
                return f"Tổ hợp tác {item} {stem}"
            case LegalType.LIMITED_COMPANY:
                return f"Công ty TNHH {rng.choice(COMPANY_WORDS)} {stem}"
            case LegalType.JOINT_STOCK:
                return f"Công ty Cổ phần {rng.choice(COMPANY_WORDS)} {stem}"
            case LegalType.PRIVATE_ENTERPRISE:
                return f"Doanh nghiệp tư nhân {person}"
            case LegalType.FARM:
                return f"Trang trại {person}"
            case LegalType.ASSOCIATION:
                return f"Hội Du lịch cộng đồng {stem}"
            case LegalType.OPERATING_CENTRE:
                return f"Trung tâm điều hành du lịch {stem}"
        return rng.choice((f"Hộ kinh doanh {person}", f"Cơ sở {item} {person}"))

    def address(self, commune) -> str:
        if commune.type == "phuong":
            return f"Tổ dân phố {self.rng.randint(1, 30)}"
        place = self.rng.choice(("Thôn", "Thôn", "Thôn", "Xóm", "Ấp", "Bản"))
        return f"{place} {self.rng.randint(1, 20)}"

    def registration(self, legal_type, commune) -> dict:
        rng = self.rng
        digits = "".join(rng.choices("0123456789", k=8))
        if legal_type == LegalType.COOPERATIVE_GROUP:
            return {"registration": "", "tax_code": "", "capital": None}
        if legal_type in (LegalType.HOUSEHOLD, LegalType.FARM):
            number = f"{commune.province.code}{rng.choice('ABCDEGHK')}{digits}"
            return {"registration": number, "tax_code": "", "capital": None}
        number = f"{commune.province.code}{digits}"
        capital = rng.randint(0, 100) if legal_type == LegalType.JOINT_STOCK else None
        return {"registration": number, "tax_code": number, "capital": capital}

    def workforce(self, legal_type) -> dict:
        lo, hi = {
            LegalType.HOUSEHOLD: (2, 10),
            LegalType.FARM: (3, 20),
            LegalType.COOPERATIVE_GROUP: (5, 25),
            LegalType.COOPERATIVE: (7, 80),
        }.get(legal_type, (10, 150))
        workforce = self.rng.randint(lo, hi)
        return {"workforce": workforce, "local": round(workforce * self.rng.uniform(0.5, 1))}

    # -- products and what happened to each --

    def plan_products(self) -> None:
        rng = self.rng
        extra = rng.choices(
            range(len(self.producers)),
            weights=[PRODUCT_WEIGHT[p.legal_type] for p in self.producers],
            k=self.n - len(self.producers),
        )
        owners = list(range(len(self.producers))) + extra
        owners.sort()  # a producer's products side by side
        self.stories: list[Story] = []
        # The first products cover every certificate status and dossier state once, so that
        # a small run has them all; the others follow the shares.
        coverage = [("paper", (status, None)) for status, _w in PAPER_STATUSES]
        coverage += [("paper", ("valid", 5))]
        coverage += [("pipeline", state) for state, _w in PIPELINE_STATES]
        coverage += [("withdrawn", None), ("previous", None), ("current", None)] * 2
        for i, owner in enumerate(owners):
            producer = self.producers[owner]
            set_no = self.product_set(producer)
            story = Story(i, producer, set_no, self.product_name(producer, set_no))
            fate = _pick(rng, self.tables["fates"])
            forced = None
            if i < len(coverage):
                fate, forced = coverage[i]
            story.fate = fate
            getattr(self, f"story_{fate}")(story, forced)
            self.stories.append(story)
            producer.dossiers += len(story.dossiers)
        for p in self.producers:
            p.created = None
        for s in self.stories:
            first = min(
                [c.valid_from for c in s.certs if c.valid_from]
                + [d.created for d in s.dossiers]
                + [self.today - self.days(0, 400)]
            )
            s.created = first - self.days(20, 200)
            producer = s.producer
            if producer.created is None or s.created < producer.created:
                producer.created = s.created
        for p in self.producers:
            p.created = (p.created or self.today) - self.days(0, 30)
            p.founded = min(p.founded, p.created)

    def product_set(self, producer) -> int:
        if producer.legal_type in TOURISM_ONLY_TYPES:
            return 26
        sector = producer.sector
        if self.rng.random() > OWN_SECTOR:
            sector = _pick(self.rng, self.sectors)
        return _pick(self.rng, self.sets_of[sector])

    def product_name(self, producer, set_no) -> str:
        commune = self.communes[producer.commune]
        sector = self.criteria[set_no].product_set.group.sector.code
        item = self.rng.choice(ITEMS[set_no])
        return f"{item} {_stem(commune.name)}{self.rng.choice(VARIANTS[sector])}"

    # paper certificates

    def story_paper(self, story: Story, forced=None) -> None:
        rng = self.rng
        status, stars = forced or (None, None)
        status = status or _pick(rng, self.tables["paper statuses"])
        stars = stars or _pick(rng, self.tables["paper stars"])
        cert = self.paper_cert(story, status, stars)
        if cert is None:  # no Điều 12.3 extension possible on this day
            status = "expired"
            cert = self.paper_cert(story, status, stars)
        story.certs.append(cert)
        if status in ("valid", "expiring", "extended") and rng.random() < HISTORY:
            older = add_months(cert.valid_from, -36) + self.days(-40, 0)
            if older >= OLDEST:
                old = self.paper_at(story, older, max(3, stars - rng.choice((0, 1))))
                old.state, old.superseded = CertState.SUPERSEDED, True
                old.ended_on = cert.valid_from
                story.certs.insert(0, old)
        if status == "valid" and rng.random() < OPEN_CASE:
            cert.open_case = self.today - self.days(0, 13)
        if status == "expiring" and rng.random() < RENEWING:
            self.pipeline(story, DossierKind.RE_EVALUATION, expires_on=cert.expires_on)
        elif status == "valid" and stars < 5 and rng.random() < UPGRADING:
            self.pipeline(story, DossierKind.UPGRADE)
        elif status == "expired" and rng.random() < RETRYING:
            self.pipeline(story, DossierKind.FIRST)

    def paper_cert(self, story, status: str, stars: int) -> CertPlan | None:
        rng, today = self.rng, self.today
        term = (today - add_months(today, -36)).days
        if status == "valid":
            start = today - self.days(30, term - 182)
        elif status == "expiring":
            start = today - self.days(term - 178, term - 1)
        elif status == "revoked":
            start = today - self.days(90, term - 1)
        elif status == "extended":
            lo = today - dt.timedelta(days=180)
            hi = min(today - dt.timedelta(days=1), EXTENSION_LAST_EXPIRY)
            if hi < lo:
                return None
            last = lo + self.days(0, (hi - lo).days)
            start = add_months(last + dt.timedelta(days=1), -36)
            if _status(CertState.ACTIVE, start, expiry(start), today) != "extended":
                return None
        else:  # expired: its last day (Điều 12.3 extension included) before today
            start = max(today - self.days(term + 190, term + 1300), OLDEST + self.days(0, 60))
            while True:
                ext = extension_end(expiry(start))
                if max(expiry(start), ext or expiry(start)) < today:
                    break
                start -= dt.timedelta(days=30)
        cert = self.paper_at(story, start, stars)
        if status == "expired":
            ext = extension_end(cert.expires_on)
            last = max(cert.expires_on, ext or cert.expires_on)
            cert.state, cert.ended_on = CertState.EXPIRED, last
            cert.ended_note = _expired_note(last, ext is not None)
        elif status == "revoked":
            on = start + self.days(30, (today - start).days - 1)
            on = min(on, today - dt.timedelta(days=1))
            ground = _pick(rng, self.tables["grounds"])
            cert.state, cert.ended_on = CertState.REVOKED, on
            cert.ended_note = str(Ground(ground).label)[:300]
            cert.revocation = (ground, on)
        return cert

    def paper_at(self, story, start: dt.date, stars: int) -> CertPlan:
        commune = self.communes[story.producer.commune]
        province = commune.province
        if stars == 5:
            authority = Authority.MINISTRY
            name = (
                MINISTRY_NAME
                if start >= MINISTRY_MERGED
                else "Bộ Nông nghiệp và Phát triển nông thôn"
            )
            signer = "Bộ trưởng"
        elif stars == 3 and DISTRICTS_FROM <= start < DISTRICTS_UNTIL:
            authority = Authority.DISTRICT
            name = (
                f"Ủy ban nhân dân huyện {_stem(commune.name)}, "
                f"{_province_label(province)[0].lower()}{_province_label(province)[1:]}"
            )
            signer = "Chủ tịch UBND huyện"
        else:
            authority = Authority.PROVINCE
            name = f"Ủy ban nhân dân {_province_label(province)}"
            signer = self.rng.choice(("Chủ tịch UBND", "Phó Chủ tịch UBND"))
        if start < DISTRICTS_FROM:
            instrument = "1048/QĐ-TTg"
        elif start < IN_FORCE_FROM:
            instrument = "148/QĐ-TTg"
        else:
            instrument = "26/2026/QĐ-TTg"
        return CertPlan(
            origin=Origin.ENTERED,
            valid_from=start,
            expires_on=expiry(start),
            stars=stars,
            authority=authority,
            authority_name=name,
            decision_date=start,
            signer=signer,
            instrument=instrument,
            state=CertState.ACTIVE,
            superseded=False,
        )

    # dossiers on their way

    def story_pipeline(self, story: Story, state=None) -> None:
        self.pipeline(story, DossierKind.FIRST, state=state)

    def pipeline(self, story, kind, *, state=None, expires_on=None) -> None:
        """A dossier of ``kind`` on its way, in ``state`` (or one drawn). A re-evaluation is
        started and filed inside its window (Điều 7.6.a), from 180 to 120 days before
        ``expires_on``; when the window leaves no room for ``state`` it is a draft."""
        rng, today = self.rng, self.today
        state = state or _pick(rng, self.tables["pipeline states"])
        cutoff = self.rounds["current"].proposals_before
        ranges = {  # days back for the submission
            State.SUBMITTED: (0, 30),
            State.COMMUNE_REVIEWING: (1, 35),
            State.RETURNED_BY_COMMUNE: (3, 60),
            State.PROPOSED: (6, 45),
            State.PROVINCE_CHECKING: (8, 70),
            State.RETURNED_BY_PROVINCE: (10, 90),
            State.ACCEPTED: (2, max(2, (today - cutoff).days + 20)),
        }
        d = DossierPlan(kind=kind, state=state)
        story.dossiers.append(d)
        opens_on, closes_on = dt.date.min, dt.date.max
        if expires_on is not None:
            opens_on, closes_on = renewal_window(expires_on)
        if state != State.DRAFT:
            lo, hi = ranges[state]
            latest = min(today - dt.timedelta(days=lo), closes_on)
            earliest = max(today - dt.timedelta(days=hi), opens_on)
            if state == State.SUBMITTED and rng.random() < OVERDUE and expires_on is None:
                earliest, latest = today - dt.timedelta(days=50), today - dt.timedelta(days=23)
            if earliest <= latest:
                d.submitted = earliest + self.days(0, (latest - earliest).days)
                d.created = max(d.submitted - self.days(3, 40), opens_on)
                self.walk(d, state)
                return
        d.state = State.DRAFT
        latest = min(today, closes_on)
        earliest = max(today - dt.timedelta(days=60), opens_on)
        d.created = earliest + self.days(0, max(0, (latest - earliest).days))

    def walk(self, d: DossierPlan, state) -> None:
        """The dates of each step up to ``state`` from the submission, none after today."""
        today, cutoff = self.today, self.rounds["current"].proposals_before

        def cap(day):
            return min(day, today)

        if state == State.SUBMITTED:
            return
        d.commune_received = cap(d.submitted + self.days(0, 3))
        if state == State.COMMUNE_REVIEWING:
            d.assessment = "partial" if self.rng.random() < 0.4 else None
            return
        if state == State.RETURNED_BY_COMMUNE:
            d.returned = cap(d.commune_received + self.days(1, 10))
            return
        d.proposed = cap(d.commune_received + self.days(3, 20))
        if state == State.ACCEPTED and d.proposed < cutoff:
            d.proposed = cutoff + self.days(0, (today - cutoff).days)
        d.assessment = "full"
        if state == State.PROPOSED:
            return
        d.province_received = cap(d.proposed + self.days(1, 5))
        if state == State.RETURNED_BY_PROVINCE:
            d.returned = cap(d.province_received + self.days(1, 10))
        elif state == State.ACCEPTED:
            d.accepted = cap(d.province_received + self.days(0, 5))
            d.round = calendar.round_for(d.proposed, calendar.PROVINCE)

    def story_withdrawn(self, story: Story, _state=None) -> None:
        d = DossierPlan(kind=DossierKind.FIRST, state=State.WITHDRAWN)
        d.created = self.today - self.days(20, 300)
        if self.rng.random() < 0.3:  # after the commune returned it
            d.submitted = min(d.created + self.days(3, 20), self.today)
            d.commune_received = min(d.submitted + self.days(0, 3), self.today)
            d.returned = min(d.commune_received + self.days(2, 10), self.today)
            d.withdrawn = min(d.returned + self.days(5, 30), self.today)
        else:
            d.withdrawn = min(d.created + self.days(5, 60), self.today)
        story.dossiers.append(d)

    def story_registered(self, story: Story, _state=None) -> None:
        return

    # dossiers evaluated in a round

    def story_previous(self, story: Story, _state=None) -> None:
        self.evaluated(story, "previous")

    def story_current(self, story: Story, _state=None) -> None:
        self.evaluated(story, "current")

    def evaluated(self, story: Story, which: str) -> None:
        """A dossier accepted for a round (``which``: "previous" or "current") and its
        evaluation; a re-evaluation or an upgrade of a paper certificate, which the new
        certificate supersedes."""
        rng, today = self.rng, self.today
        rnd = self.rounds[which]
        cutoff = rnd.proposals_before
        kind = DossierKind.FIRST
        if rng.random() < PRIOR:
            kind = DossierKind.RE_EVALUATION if rng.random() < 0.6 else DossierKind.UPGRADE
        d = DossierPlan(kind=kind, state=State.ACCEPTED, round=rnd, assessment="full")
        d.proposed = cutoff - self.days(1, 120)
        d.submitted = d.proposed - self.days(6, 30)
        d.created = d.submitted - self.days(5, 60)
        d.commune_received = d.submitted + self.days(0, 3)
        d.province_received = min(d.proposed + self.days(1, 5), cutoff + dt.timedelta(days=2))
        d.accepted = min(d.province_received + self.days(0, 3), cutoff + dt.timedelta(days=4))
        d.province_received, d.accepted = min(d.province_received, today), min(d.accepted, today)
        stars = _pick(rng, self.tables["council stars"])
        old = None
        if kind == DossierKind.UPGRADE:
            stars = 4 if rng.random() < 0.9 else 5
            old = self.paper_at(story, d.submitted - self.days(200, 900), 3)
        elif kind == DossierKind.RE_EVALUATION:
            last = d.submitted + self.days(120, 180)  # filed inside the window (Điều 7.6.a)
            start = add_months(last + dt.timedelta(days=1), -36)
            old = self.paper_at(story, start, rng.choice((3, 3, 3, 4)))
            d.created = max(d.created, renewal_window(old.expires_on)[0])  # started in it too
        written = kind == DossierKind.RE_EVALUATION
        e = EvalPlan(which=which, stars=stars)
        e.mode = EvaluationMode.WRITTEN if written else EvaluationMode.MEETING
        e.clock = d.accepted if written else None
        province = self.communes[story.producer.commune].province_id
        self.outcome(e, rnd, province, d.accepted)
        answers = self.answers_for(story.set_no)
        if e.state == EvaluationState.DISCUSSION:
            e.combo = answers.wide
        else:  # the council's result decides the stars (the engine's, not the wish)
            e.combo = rng.choice(Answers.nearest(answers.council, max(1, e.stars)))
            if e.state != EvaluationState.REJECTED:
                e.stars = e.combo[1]["stars"]
        d.evaluation = e
        d.self_stars = min(5, max(1, e.stars) + (1 if rng.random() < 0.3 else 0))
        story.dossiers.append(d)
        recognised = e.decided is not None and e.stars in (3, 4)
        if old is not None:
            story.certs.append(old)
            if recognised:
                old.state, old.superseded, old.ended_on = CertState.SUPERSEDED, True, e.decided
            else:
                ext = extension_end(old.expires_on)
                last = max(old.expires_on, ext or old.expires_on)
                if last < today:
                    old.state, old.ended_on = CertState.EXPIRED, last
                    old.ended_note = _expired_note(last, ext is not None)
        if recognised:
            cert = CertPlan(origin=Origin.SYSTEM, evaluation=e, state=CertState.ACTIVE)
            cert.superseded = False
            story.certs.append(cert)

    def decision_day(self, province: int, which: str) -> dt.date:
        """The day the province's Chairman signs the round's decisions."""
        key = (province, which)
        if key not in self.decision_days:
            rnd, today = self.rounds[which], self.today
            if which == "previous" or self.current_finished:
                day = rnd.finish_before - self.days(3, 12)
            else:
                elapsed = (today - rnd.proposals_before).days
                day = today - self.days(1, min(10, max(1, elapsed - 7)))
            self.decision_days[key] = min(day, today - dt.timedelta(days=1))
        return self.decision_days[key]

    def outcome(self, e: EvalPlan, rnd, province: int, accepted: dt.date) -> None:
        """Where the product stands in its round: a finished round has every result and its
        decision; the round in progress has some decided, some closed, some being scored
        (none decided in its first two weeks)."""
        rng, today = self.rng, self.today
        start = rnd.proposals_before
        if e.which == "previous" or self.current_finished:
            state = "decided"
        elif (today - start).days < 14:
            state = "scoring" if rng.random() < 0.9 else "discussion"
        else:
            state = rng.choices(
                ("decided", "closed", "scoring", "discussion"), weights=(55, 10, 30, 5)
            )[0]
        e.added_at = min(max(start + self.days(0, 5), accepted), today)
        e.decided = None
        if state in ("decided", "closed"):
            day = self.decision_day(province, e.which)
            closed = min(max(day - self.days(2, 10), e.added_at), today)
            e.closed_at = _at(closed, 15)
            if e.stars == 0:
                e.state = EvaluationState.REJECTED
            else:
                e.state = EvaluationState.CLOSED
                e.decided = day if state == "decided" else None
        elif state == "discussion":
            e.state, e.stars = EvaluationState.DISCUSSION, max(3, e.stars)
        else:
            e.state, e.stars = EvaluationState.SCORING, max(3, e.stars)
            e.submitted = rng.randint(0, SCORERS - 1)
            e.saved = rng.random() < 0.5

    # -- numbering: product codes, receipts --

    def number(self) -> None:
        """T-X-STT-YYYY per commune in the order products were coded (at their first
        proposal or certificate); receipt numbers per office and year in order of receipt."""
        stts = defaultdict(list)
        for s in self.stories:
            days = [c.valid_from - dt.timedelta(days=30) for c in s.certs if c.valid_from]
            days += [d.proposed for d in s.dossiers if d.proposed]
            days += [
                d.evaluation.decided for d in s.dossiers if d.evaluation and d.evaluation.decided
            ]
            if not days:
                continue
            years = [c.valid_from.year for c in s.certs if c.valid_from]
            for d in s.dossiers:
                if d.round is not None:
                    years.append(d.round.year)
                elif d.proposed:
                    years.append(calendar.round_for(d.proposed, calendar.PROVINCE).year)
            s.code_year = max(years)
            stts[s.producer.commune].append((min(days), s.index))
        for commune_index, rows in stts.items():
            key = f"product:{self.communes[commune_index].code}"
            start = self.counters.get(key, 0)
            for n, (_day, index) in enumerate(sorted(rows), start=start + 1):
                self.stories[index].stt = n
        commune_rows, province_rows = defaultdict(list), defaultdict(list)
        for s in self.stories:
            commune = self.communes[s.producer.commune]
            for j, d in enumerate(s.dossiers):
                if d.commune_received:
                    commune_rows[(commune.code, d.commune_received.year)].append(
                        (d.commune_received, s.index, j)
                    )
                if d.province_received:
                    province_rows[(commune.province.code, d.province_received.year)].append(
                        (d.province_received, s.index, j)
                    )
        self.receipts = {}
        for office, table, attr in (
            ("commune", commune_rows, "commune_receipt"),
            ("province", province_rows, "province_receipt"),
        ):
            for (scope, year), rows in table.items():
                key = f"receipt:{office}:{scope}:{year}"
                start = self.counters.get(key, 0)
                for n, (_day, index, j) in enumerate(sorted(rows), start=start + 1):
                    s = self.stories[index]
                    commune = self.communes[s.producer.commune]
                    number = (
                        f"{n:02d}-{s.set_no:02d}/PĐK-{commune.province.code}-{commune.code}-{year}"
                    )
                    setattr(s.dossiers[j], attr, number)
                self.receipts[key] = start + len(rows)

    # -- accounts --

    def create_accounts(self) -> None:
        self.password = password = make_password(settings.DEMO_PASSWORD)
        users = [
            {
                "username": MARKER,
                "email": f"{MARKER}@{DOMAIN}",
                "full_name": MARKER_NAME,
                "password": make_password(None),
                "is_active": False,
                "date_joined": self.now,
            }
        ]
        roles = []
        for province in self.provinces:
            users.append(self.account(f"{PREFIX}tinh.{province.code}", password))
            roles.append((Role.PROVINCE_OFFICER, province.pk, None))
            for n in range(1, SCORERS + 1):
                users.append(self.account(f"{PREFIX}hd.{province.code}.{n}", password))
                roles.append((Role.COUNCIL_MEMBER, province.pk, None))
        with_producers = sorted({p.commune for p in self.producers})
        for index in with_producers:
            commune = self.communes[index]
            users.append(self.account(f"{PREFIX}xa.{commune.code}", password))
            roles.append((Role.COMMUNE_OFFICER, commune.province_id, commune.pk))
        taken = set(
            User.objects.filter(username__in=[u["username"] for u in users]).values_list(
                "username", flat=True
            )
        )
        if taken:
            raise DatasetError(
                f"Accounts {', '.join(sorted(taken)[:5])} exist already: remove them first."
            )
        pks = self.insert(User, users)
        self.marker = pks[0]
        self.users = dict(zip((u["username"] for u in users), pks, strict=True))
        self.insert(
            RoleAssignment,
            (
                {
                    "user_id": pk,
                    "role": role,
                    "province_id": province,
                    "commune_id": commune,
                    "granted_at": self.now,
                }
                for pk, (role, province, commune) in zip(pks[1:], roles, strict=True)
            ),
        )

    def account(self, username: str, password: str) -> dict:
        name, _gender = self.person()
        return {
            "username": username,
            "email": f"{username}@{DOMAIN}",
            "full_name": name,
            "password": password,
            "date_joined": self.now,
        }

    # -- producers and products --

    def create_producers(self) -> None:
        communes = self.communes

        def rows():
            for p in self.producers:
                p.code = self.code("producer", "CT-")
                yield {
                    "code": p.code,
                    "name": p.name,
                    "legal_type": p.legal_type,
                    "registration_number": p.registration,
                    "tax_code": p.tax_code,
                    "founded_on": p.founded,
                    "commune_id": communes[p.commune].pk,
                    "address": p.address,
                    "representative_name": p.rep_name,
                    "representative_title": TITLES[p.legal_type],
                    "representative_gender": p.rep_gender,
                    "representative_ethnicity": p.rep_ethnicity,
                    "workforce": p.workforce,
                    "local_workforce": p.local,
                    "local_capital_share": p.capital,
                    "phone": p.phone,
                    "created_at": _at(p.created, 10),
                    "created_by_id": self.marker,
                }

        for p, pk in zip(self.producers, self.insert(Producer, rows()), strict=True):
            p.pk = pk

    def create_products(self) -> None:
        def rows():
            for s in self.stories:
                s.code = self.code("product", "SP-")
                cs = self.criteria[s.set_no]
                code = f"{s.stem(self.communes)}-{s.code_year}" if s.stt else None
                yield {
                    "code": s.code,
                    "producer_id": s.producer.pk,
                    "product_set_id": cs.product_set_id,
                    "name": s.name,
                    "description": f"{s.name} của {s.producer.name}.",
                    "ocop_code": code,
                    "created_at": _at(s.created, 14),
                    "created_by_id": self.marker,
                }

        for s, pk in zip(self.stories, self.insert(Product, rows()), strict=True):
            s.pk = pk

    # -- dossiers --

    def snapshot(self, p: ProducerPlan) -> dict:
        if p.snapshot is None:
            p.snapshot = Shared(
                {
                    "name": p.name,
                    "legal_type": str(LegalType(p.legal_type).label),
                    "address": p.address,
                    "commune": str(self.communes[p.commune]),
                    "phone": p.phone,
                    "email": "",
                    "registration_number": p.registration,
                    "founded_on": p.founded.strftime("%d/%m/%Y"),
                    "representative_name": p.rep_name,
                    "representative_title": TITLES[p.legal_type],
                    "representative_gender": str(Gender(p.rep_gender).label),
                    "representative_ethnicity": p.rep_ethnicity,
                    "workforce": p.workforce,
                    "local_workforce": p.local,
                    "financials": [],
                    "evidence": {},
                }
            )
        return p.snapshot

    def content(self, s: Story, kind, full: bool) -> dict:
        ps = self.criteria[s.set_no].product_set
        food = ps.group.sector.code == "I"
        content = {
            "mau01": {"samples": 5 if ps.samples_required else 0},
            "part1": {
                "product_description": s.name,
                "business_registration": bool(s.producer.registration),
                "quality_declaration": True,
                "food_safety_certificate": food,
                "production_condition_certificate": not food,
                "ip_registered": False,
            },
        }
        if full:
            content["part1"].update(
                representative_address=s.producer.address,
                history=f"Thành lập năm {s.producer.founded.year}. {TEXT}",
                structure="Giám đốc, kế toán, tổ sản xuất, tổ bán hàng.",
            )
            content["part2"] = {"raw_materials_technology": TEXT, "markets": TEXT, "results": TEXT}
            content["part4"] = {"plan": PLAN}
            for section in dossier_content.KIND_ONLY:
                if section.applies_to(kind):
                    content[section.key] = KIND_CONTENT[section.key]
        return content

    def create_dossiers(self) -> None:
        rng = self.rng
        communes = self.communes
        dossiers, plans = [], []
        for s in self.stories:
            commune = communes[s.producer.commune]
            for d in s.dossiers:
                d.code = self.code("dossier", "HS-")
                last = max(
                    t
                    for t in (
                        d.created,
                        d.submitted,
                        d.commune_received,
                        d.proposed,
                        d.province_received,
                        d.returned,
                        d.accepted,
                        d.withdrawn,
                    )
                    if t
                )
                province_officer = self.users[f"{PREFIX}tinh.{commune.province.code}"]
                commune_officer = self.users[f"{PREFIX}xa.{commune.code}"]
                dossiers.append(
                    {
                        "code": d.code,
                        "product_id": s.pk,
                        "producer_id": s.producer.pk,
                        "commune_id": commune.pk,
                        "province_id": commune.province_id,
                        "kind": d.kind,
                        "year": d.created.year,
                        "criteria_set_id": self.criteria[s.set_no].pk,
                        "state": d.state,
                        "state_changed_at": _at(last, 16, rng.randint(0, 59)),
                        "return_reason": RETURN_REASON
                        if d.returned and d.state != State.WITHDRAWN
                        else "",
                        "submitted_at": _at(d.submitted, 8, rng.randint(0, 59))
                        if d.submitted
                        else None,
                        "commune_deadline": _deadline(d.submitted) if d.submitted else None,
                        "commune_receipt_number": d.commune_receipt or "",
                        "commune_received_at": _at(d.commune_received, 10)
                        if d.commune_received
                        else None,
                        "commune_received_by_id": commune_officer if d.commune_received else None,
                        "paper_set_received": bool(d.commune_received),
                        "proposed_at": _at(d.proposed, 15) if d.proposed else None,
                        "province_receipt_number": d.province_receipt or "",
                        "province_received_at": _at(d.province_received, 10)
                        if d.province_received
                        else None,
                        "province_received_by_id": province_officer
                        if d.province_received
                        else None,
                        "round_year": d.round.year if d.round else None,
                        "round_number": d.round.number if d.round else None,
                        "accepted_at": _at(d.accepted, 11) if d.accepted else None,
                        "created_at": _at(d.created, 9),
                        "created_by_id": self.marker,
                    }
                )
                plans.append((s, d))
                if len(dossiers) >= self.batch:
                    self._dossiers(dossiers, plans)
                    dossiers, plans = [], []
        if dossiers:
            self._dossiers(dossiers, plans)

    def _dossiers(self, dossiers, plans) -> None:
        """One batch: the dossiers, then their versions and the commune's Mẫu 03."""
        pks = self.insert(Dossier, dossiers)
        versions, assessments = [], []
        for pk, (s, d) in zip(pks, plans, strict=True):
            d.pk = pk
            answers = self.answers_for(s.set_no)
            if d.submitted is None:  # a draft (maybe withdrawn): half-filled at most
                own, result = answers.drafts[self.rng.randint(0, 1)]
                versions.append(
                    {
                        "dossier_id": pk,
                        "number": 1,
                        "content": self.content(s, d.kind, False),
                        "answers": own,
                        "result": result,
                        "updated_at": _at(d.created, 11),
                    }
                )
                continue
            stars = d.self_stars or self.rng.choice((2, 3, 3, 3, 4, 4, 5))
            own, result = self.rng.choice(Answers.nearest(answers.own, stars))
            notes = answers.notes
            content = self.content(s, d.kind, True)
            versions.append(
                {
                    "dossier_id": pk,
                    "number": 1,
                    "content": content,
                    "answers": own,
                    "notes": notes,
                    "result": result,
                    "producer_snapshot": self.snapshot(s.producer),
                    "updated_at": _at(d.submitted, 8),
                    "submitted_at": _at(d.submitted, 8),
                }
            )
            if d.returned:  # the open copy the producer completes
                versions.append(
                    {
                        "dossier_id": pk,
                        "number": 2,
                        "content": content,
                        "answers": own,
                        "notes": notes,
                        "result": result,
                        "updated_at": _at(d.returned, 16),
                    }
                )
            if d.assessment:
                if d.assessment == "full":  # what the proposal needs (Điều 6.2)
                    ps = self.criteria[s.set_no].product_set
                    fields = {
                        **ASSESSMENT,
                        "samples_received": 5 if ps.samples_required else 0,
                        "letter_number": f"{self.rng.randint(10, 999)}/UBND-KT",
                        "letter_date": d.proposed,
                    }
                else:  # the commune has begun its Mẫu 03
                    fields = {"raw_materials": ASSESSMENT["raw_materials"]}
                when = d.proposed or d.commune_received
                assessments.append(dict(dossier_id=pk, updated_at=_at(when, 14), **fields))
        self.insert(DossierVersion, versions)
        self.insert(CommuneAssessment, assessments)

    # -- councils and evaluations --

    def create_evaluations(self) -> None:
        rng = self.rng
        first = self.rounds["previous"].proposals_before - dt.timedelta(days=180)
        councils = []
        for province in self.provinces:
            councils.append(
                {
                    "code": self.code("council", "HD-"),
                    "level": Level.PROVINCE,
                    "province_id": province.pk,
                    "name": f"{COUNCIL_NAME} {_province_label(province)}",
                    "decision_number": f"{rng.randint(100, 3999)}/QĐ-UBND",
                    "decision_date": first,
                    "decision_signer": "Chủ tịch UBND",
                    "regulation_reference": (
                        f"Quyết định {rng.randint(100, 3999)}/QĐ-UBND ban hành Quy chế hoạt động"
                    ),
                    "term_from": first,
                    "created_at": _at(first, 9),
                    "created_by_id": self.marker,
                }
            )
        council_pks = self.insert(Council, councils)
        self.council_of = dict(zip((p.pk for p in self.provinces), council_pks, strict=True))
        members, names = [], []
        for province in self.provinces:
            council = self.council_of[province.pk]
            for n, (role, office, title) in enumerate(SEATS, start=1):
                username = f"{PREFIX}hd.{province.code}.{n}"
                members.append(
                    {
                        "council_id": council,
                        "user_id": self.users[username],
                        "role": role,
                        "office": office,
                        "title": title,
                        "joined_on": first,
                    }
                )
                names.append((province.pk, role))
            officer = self.users[f"{PREFIX}tinh.{province.code}"]
            office = "Văn phòng Điều phối nông thôn mới tỉnh"
            members.append(
                {
                    "council_id": council,
                    "user_id": officer,
                    "role": MemberRole.SECRETARY,
                    "office": office,
                    "joined_on": first,
                }
            )
            members.append(
                {
                    "council_id": council,
                    "user_id": officer,
                    "body": Body.ADVISORY,
                    "role": MemberRole.LEADER,
                    "office": office,
                    "joined_on": first,
                }
            )
            names += [(province.pk, None), (province.pk, None)]
        member_pks = self.insert(CouncilMember, members)
        full_names = dict(
            User.objects.filter(pk__in=[m["user_id"] for m in members]).values_list(
                "pk", "full_name"
            )
        )
        self.scorers = defaultdict(list)  # province pk -> [(member pk, name, role)]
        for m, pk, (province, role) in zip(members, member_pks, names, strict=True):
            if role is not None:
                self.scorers[province].append((pk, full_names[m["user_id"]], role))
        rounds, keys = [], []
        for province in self.provinces:
            for which in ("previous", "current", "next"):
                r = self.rounds[which]
                rounds.append(
                    {
                        "code": self.code("round", "DG-"),
                        "council_id": self.council_of[province.pk],
                        "year": r.year,
                        "number": r.number,
                        "proposals_before": r.proposals_before,
                        "finish_before": r.finish_before,
                        "plan_reference": (
                            f"Kế hoạch {rng.randint(10, 999)}/KH-UBND đánh giá, phân hạng sản "
                            "phẩm OCOP"
                        ),
                        "created_at": _at(min(r.proposals_before - PLANNED, self.today), 9),
                        "created_by_id": self.users[f"{PREFIX}tinh.{province.code}"],
                    }
                )
                keys.append((province.pk, which))
        self.round_of = dict(zip(keys, self.insert(Round, rounds), strict=True))
        declarations = []
        for province in self.provinces:
            for which in ("previous", "current"):
                day = self.rounds[which].proposals_before
                for member, _name, _role in self.scorers[province.pk]:
                    declarations.append(
                        {
                            "round_id": self.round_of[(province.pk, which)],
                            "member_id": member,
                            "declared_at": _at(min(day, self.today), 8),
                        }
                    )
        self.insert(Declaration, declarations)
        evaluations, plans = [], []
        chair = {p.pk: self.users[f"{PREFIX}hd.{p.code}.1"] for p in self.provinces}
        for s in self.stories:
            for d in s.dossiers:
                e = d.evaluation
                if e is None:
                    continue
                e.code = self.code("evaluation", "PH-")
                province = self.communes[s.producer.commune].province_id
                answers = self.answers_for(s.set_no)
                result, reason = {}, ""
                if e.state == EvaluationState.CLOSED:
                    result = self.result(e, province)
                elif e.state == EvaluationState.REJECTED:
                    reason = (answers.rejections or ["Hồ sơ không đáp ứng quy định."])[0]
                changed = e.closed_at or _at(e.added_at, 16)
                evaluations.append(
                    {
                        "code": e.code,
                        "round_id": self.round_of[(province, e.which)],
                        "dossier_id": d.pk,
                        "state": e.state,
                        "state_changed_at": changed,
                        "result": result,
                        "rejection_reason": reason,
                        "closed_at": e.closed_at,
                        "closed_by_id": chair[province] if e.closed_at else None,
                        "added_at": _at(e.added_at, 9),
                        "mode": e.mode,
                        "clock_starts_on": e.clock,
                    }
                )
                plans.append((s, e, province))
        for pk, (_s, e, _p) in zip(self.insert(Evaluation, evaluations), plans, strict=True):
            e.pk = pk

        def sheets():
            for _s, e, province in plans:
                combo_sheets = e.combo[0]
                scorers = self.scorers[province]
                count = SCORERS
                if e.state == EvaluationState.SCORING:
                    count = e.submitted + (1 if e.saved else 0)
                when = e.closed_at or _at(min(e.added_at + self.days(1, 10), self.today), 10)
                for i in range(min(count, len(scorers))):
                    answers, result = combo_sheets[i]
                    submitted = e.state != EvaluationState.SCORING or i < e.submitted
                    yield {
                        "evaluation_id": e.pk,
                        "member_id": scorers[i][0],
                        "answers": answers,
                        "result": result,
                        "submitted_at": when if submitted else None,
                        "updated_at": when,
                    }

        self.insert(ScoreSheet, sheets())

    def result(self, e: EvalPlan, province) -> dict:
        """What ``evaluation.actions.close`` stores, from the combination's sheets."""
        sheets, council = e.combo
        result = dict(council)
        scorers = self.scorers[province]
        result.update(
            minimums_rule=MinimumsRule.MEAN.value,
            quorum={
                "eligible": SCORERS,
                "needed": tally.quorum_needed(SCORERS, Decimal("0.75")),
                "submitted": SCORERS,
            },
            sheets=[
                {"member": name, "role": str(role), "total": r["total"]}
                for (_pk, name, role), (_a, r) in zip(scorers, sheets, strict=True)
            ],
            recused=[],
            rejected_by=[],
            mode=str(e.mode),
        )
        return result

    # -- decisions --

    def decision_number(self, province_pk: int, suffix: str) -> str:
        used = self.used["decision_number"]
        while True:
            number = f"{self.rng.randint(100, 4999)}/{suffix}"
            if (province_pk, number) not in used:
                used.add((province_pk, number))
                return number

    def create_decisions(self) -> None:
        groups = defaultdict(list)  # (province, which, kind) -> [(story, evaluation)]
        notices = []
        for s in self.stories:
            for d in s.dossiers:
                e = d.evaluation
                if e is None or not e.decided or e.state != EvaluationState.CLOSED:
                    continue
                province = self.communes[s.producer.commune].province_id
                if e.stars >= 5:
                    groups[(province, e.which, DecisionKind.APPROVAL)].append((s, d, e))
                elif e.stars >= 3:
                    groups[(province, e.which, DecisionKind.RECOGNITION)].append((s, d, e))
                else:
                    notices.append((s, d, e, province))
        decisions, keys = [], []
        for key in sorted(groups, key=lambda k: (k[0], k[1], k[2].value)):
            province, which, kind = key
            day = self.decision_day(province, which)
            officer = self.users[f"{PREFIX}tinh.{self.province_by_pk[province].code}"]
            decisions.append(
                {
                    "code": self.code("decision", "QD-"),
                    "province_id": province,
                    "round_id": self.round_of[(province, which)],
                    "kind": kind,
                    "number": self.decision_number(province, "QĐ-UBND"),
                    "signed_on": day,
                    "signer": self.rng.choice(("Chủ tịch UBND", "Phó Chủ tịch UBND")),
                    "state": DecisionState.RECORDED,
                    "recorded_at": _at(day, 16),
                    "recorded_by_id": officer,
                    "created_at": _at(day - dt.timedelta(days=2), 9),
                    "created_by_id": officer,
                }
            )
            keys.append(key)
        pks = self.insert(Decision, decisions)
        lines, line_plans = [], []
        for key, pk, decision in zip(keys, pks, decisions, strict=True):
            action = LineAction.APPROVE if key[2] == DecisionKind.APPROVAL else LineAction.RECOGNISE
            for s, _d, e in groups[key]:
                commune = self.communes[s.producer.commune]
                lines.append(
                    {
                        "decision_id": pk,
                        "evaluation_id": e.pk,
                        "action": action,
                        "product_name": s.name,
                        "product_code": f"{s.stem(self.communes)}-{self.rounds[e.which].year}",
                        "producer_name": s.producer.name,
                        "commune_name": commune.name,
                        "product_set": str(self.criteria[s.set_no].product_set),
                        "score": Decimal(str(self.evaluation_result(e)["total"])),
                        "stars": e.stars,
                    }
                )
                line_plans.append((e, decision))
        for (e, decision), pk in zip(line_plans, self.insert(DecisionLine, lines), strict=True):
            e.line = (decision, pk)
        self.insert(
            Notice,
            (
                {
                    "code": self.code("notice", "TB-"),
                    "evaluation_id": e.pk,
                    "number": f"{self.rng.randint(10, 999)}/TB-SNNMT",
                    "signed_on": e.decided,
                    "score": Decimal(str(self.evaluation_result(e)["total"])),
                    "stars": e.stars,
                    "improvements": list(
                        (self.evaluation_result(e).get("next_star") or {}).get("upgrades") or []
                    ),
                    "sent_at": _at(e.decided, 16),
                    "sent_by_id": self.users[f"{PREFIX}tinh.{self.province_by_pk[province].code}"],
                }
                for _s, _d, e, province in notices
            ),
        )

    def evaluation_result(self, e: EvalPlan) -> dict:
        return e.combo[1]

    # -- certificates --

    def create_certificates(self) -> None:
        communes = self.communes
        paper_numbers = defaultdict(int)
        decision_numbers = {}
        system_numbers = {}
        # Numbers in issue order: paper ones per authority and year, the system's per
        # province and year (``certificates.actions._number``).
        ordered = sorted(
            (c.valid_from or c.evaluation.decided, s.index, j)
            for s in self.stories
            for j, c in enumerate(s.certs)
        )
        used = self.used["certificate_number"]
        for _day, index, j in ordered:
            s = self.stories[index]
            c = s.certs[j]
            commune = communes[s.producer.commune]
            if c.origin == Origin.SYSTEM:
                e = c.evaluation
                day = e.decided
                decision, _line = e.line
                c.valid_from, c.expires_on = day, expiry(day)
                c.stars = e.stars
                c.score = Decimal(str(self.evaluation_result(e)["total"]))
                c.authority, c.instrument = Authority.PROVINCE, "26/2026/QĐ-TTg"
                c.authority_name = province_authority(commune.province)
                c.decision_number, c.decision_date, c.signer = (
                    decision["number"],
                    decision["signed_on"],
                    decision["signer"],
                )
                c.product_code = f"{s.stem(communes)}-{self.rounds[e.which].year}"
                key = f"certificate:{commune.province.code}:{day.year}"
                n = system_numbers.get(key, self.counters.get(key, 0)) + 1
                while (
                    c.authority_name,
                    f"{n:04d}/{day.year}/GCN-OCOP-{commune.province.code}",
                ) in used:
                    n += 1
                system_numbers[key] = n
                c.number = f"{n:04d}/{day.year}/GCN-OCOP-{commune.province.code}"
            else:
                year = c.valid_from.year
                key = (c.authority_name, year)
                n = paper_numbers[key] + self.rng.randint(1, 12)
                while (c.authority_name, f"{n}/{year}/GCN-UBND") in used:
                    n += 1
                paper_numbers[key] = n
                c.number = f"{n}/{year}/GCN-UBND"
                dkey = (c.authority_name, c.decision_date)
                if dkey not in decision_numbers:
                    m = paper_numbers[("decision", c.authority_name, year)] + self.rng.randint(
                        1, 40
                    )
                    paper_numbers[("decision", c.authority_name, year)] = m
                    suffix = "QĐ-UBND"
                    if c.authority == Authority.MINISTRY:
                        suffix = "QĐ-BNNMT" if c.valid_from >= MINISTRY_MERGED else "QĐ-BNN-VPĐP"
                    decision_numbers[dkey] = f"{m}/{suffix}"
                c.decision_number = decision_numbers[dkey]
                c.product_code = f"{s.stem(communes)}-{year}" if s.stt else ""
            used.add((c.authority_name, c.number))
        self.system_numbers = system_numbers

        def rows(superseded: bool):
            for s in self.stories:
                commune = communes[s.producer.commune]
                for j, c in enumerate(s.certs):
                    if bool(c.superseded) != superseded:
                        continue
                    c.code = self.code("certificate", length=VERIFY_CODE_LENGTH)
                    after = s.certs[j + 1].pk if superseded else None
                    issued = (
                        c.valid_from
                        if c.origin == Origin.SYSTEM
                        else max(c.valid_from, self.today - dt.timedelta(days=170))
                    )
                    yield (
                        c,
                        {
                            "code": c.code,
                            "number": c.number,
                            "origin": c.origin,
                            "line_id": c.evaluation.line[1] if c.origin == Origin.SYSTEM else None,
                            "product_id": s.pk,
                            "producer_id": s.producer.pk,
                            "commune_id": commune.pk,
                            "province_id": commune.province_id,
                            "product_name": s.name,
                            "product_code": c.product_code,
                            "producer_name": s.producer.name,
                            "address": f"{s.producer.address}, {commune}",
                            "product_set": str(self.criteria[s.set_no].product_set),
                            "stars": c.stars,
                            "score": c.score,
                            "authority": c.authority,
                            "authority_name": c.authority_name,
                            "decision_number": c.decision_number,
                            "decision_date": c.decision_date or c.valid_from,
                            "signer": c.signer,
                            "instrument_id": self.instruments[c.instrument].pk,
                            "valid_from": c.valid_from,
                            "expires_on": c.expires_on,
                            "issued_at": _at(min(issued, self.today), 17),
                            "issued_by_id": self.users[f"{PREFIX}tinh.{commune.province.code}"],
                            "state": c.state,
                            "superseded_by_id": after,
                            "ended_on": c.ended_on,
                            "ended_note": c.ended_note or "",
                        },
                    )

        for superseded in (False, True):  # the newer ones first: the older point at them
            pairs = list(rows(superseded))
            pks = self.insert(Certificate, (cert for _c, cert in pairs))
            for (c, _cert), pk in zip(pairs, pks, strict=True):
                c.pk = pk
        self.create_revocations()
        self.create_reminders()

    def create_revocations(self) -> None:
        texts = {g: text for g, _w, text in GROUNDS}
        cases = []
        for s in self.stories:
            commune = self.communes[s.producer.commune]
            province = commune.province
            officer = self.users[f"{PREFIX}tinh.{province.code}"]
            for c in s.certs:
                if c.revocation is None and c.open_case is None:
                    continue
                if c.revocation is not None:
                    ground, on = c.revocation
                    trigger_date = on - self.days(1, 14)
                else:
                    ground, on = _pick(self.rng, self.tables["grounds"]), None
                    trigger_date = c.open_case
                by_commune = ground == Ground.STOPPED
                cases.append(
                    {
                        "code": self.code("revocation", "TH-"),
                        "certificate_id": c.pk,
                        "ground": ground,
                        "trigger": Trigger.COMMUNE if by_commune else Trigger.CONCLUSION,
                        "trigger_authority": f"Ủy ban nhân dân {commune.name}"
                        if by_commune
                        else f"Sở Nông nghiệp và Môi trường {_province_label(province)}",
                        "trigger_number": f"{self.rng.randint(10, 999)}/"
                        + ("XN-UBND" if by_commune else "KL-SNNMT"),
                        "trigger_date": trigger_date,
                        "summary": texts[ground],
                        "state": CaseState.REVOKED if on else CaseState.OPEN,
                        "decision_number": self.decision_number(province.pk, "QĐ-UBND")
                        if on
                        else "",
                        "decision_date": on,
                        "signer": "Phó Chủ tịch UBND" if on else "",
                        "opened_at": _at(min(trigger_date + dt.timedelta(days=1), self.today), 9),
                        "opened_by_id": officer,
                        "closed_at": _at(on, 16) if on else None,
                        "closed_by_id": officer if on else None,
                    }
                )
        self.insert(Revocation, cases)

    def create_reminders(self) -> None:
        """What the daily job would have sent (``certificates.daily``), so that its next
        run has nothing to catch up: "the window opens", "30 days left" (unless the
        re-evaluation was started before), "expired" the day after the last valid day."""
        today, rows = self.today, []
        for s in self.stories:
            started = min(
                (
                    d.created
                    for d in s.dossiers
                    if d.kind == DossierKind.RE_EVALUATION and d.state != State.WITHDRAWN
                ),
                default=dt.date.max,
            )
            for c in s.certs:
                if c.state == CertState.EXPIRED:
                    sent = c.ended_on + dt.timedelta(days=1)
                    if sent <= today:
                        rows.append(
                            {"certificate_id": c.pk, "kind": ReminderKind.EXPIRED, "sent_on": sent}
                        )
                    continue
                if c.state != CertState.ACTIVE:
                    continue
                opens_on, closes_on = renewal_window(c.expires_on)
                closing = closes_on - dt.timedelta(days=CLOSING_NOTICE_DAYS)
                for kind, day in (
                    (ReminderKind.WINDOW_OPENS, opens_on),
                    (ReminderKind.WINDOW_CLOSING, closing),
                ):
                    if day <= today and day < started:
                        rows.append({"certificate_id": c.pk, "kind": kind, "sent_on": day})
        self.insert(Reminder, rows)

    # -- counters, the producer account --

    def bump_counters(self) -> None:
        """Every number the app takes next comes after the generated ones."""
        wanted = dict(self.receipts)
        for s in self.stories:
            if s.stt:
                key = f"product:{self.communes[s.producer.commune].code}"
                wanted[key] = max(wanted.get(key, 0), s.stt)
        wanted.update(self.system_numbers)
        existing = dict(Counter.objects.filter(key__in=list(wanted)).values_list("key", "value"))
        new = [
            Counter(key=key, value=value)
            for key, value in sorted(wanted.items())
            if key not in existing
        ]
        changed = {
            key: value
            for key, value in sorted(wanted.items())
            if key in existing and existing[key] < value
        }
        Counter.objects.bulk_create(new, batch_size=self.batch)
        _set_counters(changed)
        self.report.counts["lib.Counter"] = len(new) + len(changed)

    def create_producer_account(self) -> None:
        """The commune and the province with the most dossiers, and in that commune the
        producer with the most dossiers, who gets an account."""
        by_commune, by_province = Tally(), Tally()
        for s in self.stories:
            commune = self.communes[s.producer.commune]
            by_commune[commune.code] += len(s.dossiers)
            by_province[commune.province.code] += len(s.dossiers)
        if not by_commune or by_commune.most_common(1)[0][1] == 0:
            top_commune = self.communes[self.producers[0].commune].code
        else:
            top_commune = max(by_commune, key=lambda c: (by_commune[c], c))
        top_province = max(by_province, key=lambda p: (by_province[p], p))
        commune = next(c for c in self.communes if c.code == top_commune)
        here = [p for p in self.producers if self.communes[p.commune].code == top_commune]
        producer = max(here, key=lambda p: (p.dossiers, -p.index))
        username = f"{PREFIX}chuthe.{commune.code}"
        pk = self.insert(User, [self.account(username, self.password)])[0]
        self.insert(
            ProducerMembership,
            [{"user_id": pk, "producer_id": producer.pk, "granted_at": self.now}],
        )
        self.report.accounts = {
            "commune_officer": f"{PREFIX}xa.{top_commune}",
            "province_officer": f"{PREFIX}tinh.{top_province}",
            "council_chair": f"{PREFIX}hd.{top_province}.1",
            "producer": username,
        }
        self.report.shape["top"] = {
            "commune": f"{commune.name}, {commune.province.name} ({top_commune}): "
            f"{by_commune[top_commune]} dossiers",
            "province": f"{top_province}: {by_province[top_province]} dossiers",
            "producer": f"{producer.name} ({producer.code}): {producer.dossiers} dossiers",
        }

    # -- what was made --

    def describe(self) -> None:
        shape = self.report.shape
        shape["producer types"] = dict(Tally(str(p.legal_type) for p in self.producers))
        shape["sectors"] = dict(
            Tally(self.criteria[s.set_no].product_set.group.sector.code for s in self.stories)
        )
        shape["fates"] = dict(Tally(s.fate for s in self.stories))
        shape["dossier states"] = dict(
            Tally(str(d.state) for s in self.stories for d in s.dossiers)
        )
        statuses, stars = Tally(), Tally()
        for s in self.stories:
            for c in s.certs:
                status = _status(str(c.state), c.valid_from, c.expires_on, self.today)
                statuses[status] += 1
                if status in cert_status.IN_FORCE:
                    stars[c.stars] += 1
        shape["certificate statuses"] = dict(statuses)
        shape["stars in force"] = dict(sorted(stars.items()))
        shape["evaluations"] = dict(
            Tally(str(d.evaluation.state) for s in self.stories for d in s.dossiers if d.evaluation)
        )
        shape["rounds"] = {
            w: f"{r.number}/{r.year} (proposals before {r.proposals_before:%d/%m/%Y}, "
            f"finish before {r.finish_before:%d/%m/%Y})"
            for w, r in self.rounds.items()
        }


def generate(
    products: int,
    seed: int,
    *,
    today: dt.date | None = None,
    batch_size: int = 2000,
    log=print,
) -> Report:
    """Build the dataset in one transaction; refuse when one is there already."""
    if exists():
        raise DatasetError("Generated data is there already (pass --replace to rebuild it).")
    gen = Generator(products, seed, today or timezone.localdate(), batch_size, log)
    with transaction.atomic():
        return gen.run()


# --- removing it -------------------------------------------------------------------------------

RECEIPT = re.compile(r"^(\d+)-\d+/PĐK-(\d+)-(\d+)-(\d{4})$")
SYSTEM_NUMBER = re.compile(r"^(\d+)/(\d{4})/GCN-OCOP-(\w+)$")


def _raw_delete(qs) -> int:
    """DELETE without loading rows (no signals: the generated rows have none to honour)."""
    return qs._raw_delete(qs.db)


def remove(log=print) -> dict[str, int]:
    """Delete the generated data and what the app hung on it since, never anything else;
    wind the counters it moved back to the numbers still in use. One transaction."""
    with transaction.atomic():
        return _remove(log)


def _remove(log) -> dict[str, int]:
    start = time.perf_counter()
    marker = User.objects.filter(username=MARKER).first()
    if marker is None:
        return {}
    deleted: dict[str, int] = {}

    def gone(label, count):
        deleted[label] = deleted.get(label, 0) + count

    producers = Producer.objects.filter(created_by=marker)
    councils = Council.objects.filter(created_by=marker)
    rounds_ = Round.objects.filter(council__in=councils)
    dossiers = Dossier.objects.filter(producer__in=producers)
    evaluations = Evaluation.objects.filter(Q(dossier__in=dossiers) | Q(round__in=rounds_))
    decisions = Decision.objects.filter(round__in=rounds_)
    lines = DecisionLine.objects.filter(Q(evaluation__in=evaluations) | Q(decision__in=decisions))
    certificates = Certificate.objects.filter(Q(producer__in=producers) | Q(line__in=lines))
    keys = _counter_keys(producers, dossiers, certificates)
    # The catalogue's index of them (made again from what is left at the end).
    gone("catalogue.Entry", _raw_delete(CatalogueEntry.objects.filter(producer__in=producers)))
    # What people may have added on generated data since: through the ORM (few rows).
    for qs in (
        Participation.objects.filter(producer__in=producers),
        ListingChange.objects.filter(producer__in=producers),
        ProductListing.objects.filter(product__producer__in=producers),
        ProducerListing.objects.filter(producer__in=producers),
        Reminder.objects.filter(certificate__in=certificates),
        Revocation.objects.filter(certificate__in=certificates),
        InspectionItem.objects.filter(certificate__in=certificates),
        ConsumerReport.objects.filter(certificate__in=certificates),
        Package.objects.filter(Q(dossier__in=dossiers) | Q(approval__in=lines)),
        ProductIdea.objects.filter(producer__in=producers).exclude(plans__isnull=False),
        BusinessPlan.objects.filter(idea__producer__in=producers),
        ProductIdea.objects.filter(producer__in=producers),
        FinancialYear.objects.filter(producer__in=producers),
    ):
        count, _by_model = qs.delete()
        gone(qs.model._meta.label, count)
    with_history = Certificate.objects.filter(superseded_by__in=certificates).exclude(
        pk__in=certificates
    )
    with_history.update(superseded_by=None)  # another product's certificate never points here
    gone("certificates.Certificate", _raw_delete(certificates))
    gone("recognition.Notice", _raw_delete(Notice.objects.filter(evaluation__in=evaluations)))
    gone("recognition.DecisionLine", _raw_delete(lines))
    gone("recognition.Decision", _raw_delete(Decision.objects.filter(Q(round__in=rounds_))))
    # Evaluation children.
    for model in (ScoreSheet, Finding, AdvisoryFile, LabTest, FieldVisit, AdvisoryReport):
        gone(model._meta.label, _raw_delete(model.objects.filter(evaluation__in=evaluations)))
    reopened = Discussion.reopened.through.objects.filter(discussion__evaluation__in=evaluations)
    _raw_delete(reopened)
    gone(
        "evaluation.Discussion", _raw_delete(Discussion.objects.filter(evaluation__in=evaluations))
    )
    documents = DocumentRequest.documents.through.objects.filter(
        documentrequest__evaluation__in=evaluations
    )
    _raw_delete(documents)
    gone(
        "evaluation.DocumentRequest",
        _raw_delete(DocumentRequest.objects.filter(evaluation__in=evaluations)),
    )
    gone("evaluation.Evaluation", _raw_delete(evaluations))
    interests = Interest.objects.filter(
        Q(declaration__round__in=rounds_) | Q(producer__in=producers)
    )
    gone("evaluation.Interest", _raw_delete(interests))
    gone("evaluation.Declaration", _raw_delete(Declaration.objects.filter(round__in=rounds_)))
    gone("evaluation.Round", _raw_delete(rounds_))
    gone(
        "evaluation.CouncilMember", _raw_delete(CouncilMember.objects.filter(council__in=councils))
    )
    gone("evaluation.Council", _raw_delete(councils))
    # Dossiers.
    versions = DossierVersion.objects.filter(dossier__in=dossiers)
    gone("dossiers.EvidenceLink", _raw_delete(EvidenceLink.objects.filter(version__in=versions)))
    gone("dossiers.DossierVersion", _raw_delete(versions))
    for model in (CommuneAssessment, ProposalLetter):
        gone(model._meta.label, _raw_delete(model.objects.filter(dossier__in=dossiers)))
    gone("dossiers.Dossier", _raw_delete(dossiers))
    products = Product.objects.filter(producer__in=producers)
    _raw_delete(Product.photos.through.objects.filter(product__in=products))
    gone("products.Product", _raw_delete(products))
    evidence = EvidenceDocument.objects.filter(producer__in=producers)
    _raw_delete(EvidenceLink.objects.filter(document__in=evidence))
    gone("producers.EvidenceDocument", _raw_delete(evidence))
    gone(
        "producers.ProducerMembership",
        _raw_delete(ProducerMembership.objects.filter(producer__in=producers)),
    )
    gone("producers.Producer", _raw_delete(producers))
    users = User.objects.filter(username__startswith=PREFIX, email__endswith=f"@{DOMAIN}")
    _count, by_model = users.exclude(pk=marker.pk).delete()
    for label, count in by_model.items():
        gone(label, count)
    marker.delete()
    _rewind(keys)
    catalogue_index.rebuild()
    log(f"  removed the generated data: {time.perf_counter() - start:.1f} s")
    return {k: v for k, v in deleted.items() if v}


def _counter_keys(producers, dossiers, certificates) -> set[str]:
    """The counters the generated data took numbers from."""
    keys = set()
    for code in Product.objects.filter(producer__in=producers, ocop_code__isnull=False).values_list(
        "ocop_code", flat=True
    ):
        keys.add(f"product:{code.split('-')[1]}")
    for commune, province in dossiers.values_list(
        "commune_receipt_number", "province_receipt_number"
    ):
        for office, number in (("commune", commune), ("province", province)):
            m = RECEIPT.match(number or "")
            if m:
                scope = m.group(3) if office == "commune" else m.group(2)
                keys.add(f"receipt:{office}:{scope}:{m.group(4)}")
    for number in certificates.filter(origin=Origin.SYSTEM).values_list("number", flat=True):
        m = SYSTEM_NUMBER.match(number)
        if m:
            keys.add(f"certificate:{m.group(3)}:{m.group(2)}")
    return keys


def _set_counters(values: dict[str, int]) -> None:
    if values:
        table = connection.ops.quote_name(Counter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET value = %s WHERE key = %s",  # noqa: S608
                [(value, key) for key, value in values.items()],
            )


def _rewind(keys: set[str]) -> None:
    """Counters back to the highest number still in use (the generated rows are gone)."""
    if not keys:
        return
    highest: dict[str, int] = dict.fromkeys(keys, 0)
    for code in Product.objects.filter(ocop_code__isnull=False).values_list("ocop_code", flat=True):
        parts = code.split("-")
        key = f"product:{parts[1]}" if len(parts) == 4 else ""
        if key in highest and parts[2].isdigit():
            highest[key] = max(highest[key], int(parts[2]))
    for commune, province in Dossier.objects.values_list(
        "commune_receipt_number", "province_receipt_number"
    ):
        for office, number in (("commune", commune), ("province", province)):
            m = RECEIPT.match(number or "")
            if m:
                scope = m.group(3) if office == "commune" else m.group(2)
                key = f"receipt:{office}:{scope}:{m.group(4)}"
                if key in highest:
                    highest[key] = max(highest[key], int(m.group(1)))
    for number in Certificate.objects.filter(origin=Origin.SYSTEM).values_list("number", flat=True):
        m = SYSTEM_NUMBER.match(number)
        key = f"certificate:{m.group(3)}:{m.group(2)}" if m else ""
        if key in highest:
            highest[key] = max(highest[key], int(m.group(1)))
    # A counter at 0 is the same as none (``counters.next_value`` starts it at 1).
    Counter.objects.filter(key__in=[k for k, v in highest.items() if v == 0]).delete()
    _set_counters({k: v for k, v in highest.items() if v})
