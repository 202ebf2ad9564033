"""Demo council work for ``make run``: Hà Nội's council with its advisory team, a round 2 of
2026 whose products have their results, and a round 1 of 2027 being scored, with one product
"cần thảo luận" and one member recused. Through the real actions, like the tests (``walk``).
Idempotent: nothing is added once the council exists."""

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from ocop.accounts.models import User
from ocop.dossiers import actions as dossier_actions
from ocop.dossiers import walk as dossier_walk
from ocop.dossiers.enums import DossierKind, State, Step
from ocop.dossiers.models import Dossier
from ocop.evaluation import actions, advisory, councils
from ocop.evaluation.enums import MemberRole, Relation
from ocop.evaluation.models import Council
from ocop.evaluation.walk import member_answers, open_round, score, set_up_council
from ocop.legal.models import ProductSet
from ocop.places.models import Province
from ocop.producers.models import Producer
from ocop.producers.queries import accounts_of
from ocop.products import actions as product_actions

DECISION = "2468/QĐ-UBND"
SEATS = [
    ("hoidong.hanoi", MemberRole.CHAIR, "UBND thành phố Hà Nội"),
    ("hoidong.nnmt", MemberRole.VICE_CHAIR, "Sở Nông nghiệp và Môi trường"),
    ("hoidong.congthuong", MemberRole.MEMBER, "Sở Công Thương"),
    ("hoidong.yte", MemberRole.MEMBER, "Sở Y tế"),
    ("hoidong.khcn", MemberRole.MEMBER, "Sở Khoa học và Công nghệ"),
    ("tinh.hanoi", MemberRole.SECRETARY, "Văn phòng Điều phối nông thôn mới thành phố"),
]
ADVISORY = [("tinh.hanoi", MemberRole.LEADER, "Văn phòng Điều phối nông thôn mới thành phố")]
# (producer registration number, product, set, letter date of the commune's proposal)
FINISHED = [
    ("0107001234", "Bình hút lộc men rạn", 21, dt.date(2026, 10, 12)),
    ("01D8012345", "Mật ong rừng Phú Xuyên", 4, dt.date(2026, 10, 20)),
]
IN_PROGRESS = [
    ("0107001234", "Lục bình men lam cổ", 21, dt.date(2026, 11, 25)),
    ("01D8012345", "Mật ong hoa vải Phú Xuyên", 4, dt.date(2026, 11, 20)),
]


def _accepted(producer, name, set_number, letter_date, people) -> Dossier:
    """A product accepted by the province, proposed by the commune's letter of that date."""
    actor = people.producer
    product = product_actions.create_product(
        producer,
        actor=actor,
        product_set=ProductSet.objects.get(number=set_number),
        name=name,
        description=f"{name} của {producer.name}.",
        specifications="Hộp 500 g" if set_number != 21 else "Cao 40 cm",
    )
    dossier = dossier_actions.start_dossier(product, actor=actor, kind=DossierKind.FIRST)
    documents = list(producer.evidence.current())
    dossier_walk.walk_to(dossier, State.COMMUNE_REVIEWING, people, documents=documents)
    dossier_walk.assess(dossier, people.commune, letter_date=letter_date)
    dossier_actions.transition(dossier, Step.PROPOSE, actor=people.commune)
    dossier_actions.transition(dossier, Step.RECEIVE, actor=people.province)
    return dossier_actions.transition(dossier, Step.ACCEPT, actor=people.province)


@transaction.atomic
def seed() -> Council | None:
    if Council.objects.filter(decision_number=DECISION).exists():
        return None
    users = {u.username: u for u in User.objects.all()}
    officer = users["tinh.hanoi"]
    hanoi = Province.objects.get(code="01")
    council = set_up_council(
        hanoi,
        officer,
        [(users[u], role, office) for u, role, office in SEATS],
        advisory=[(users[u], role, office) for u, role, office in ADVISORY],
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP thành phố Hà Nội",
        decision_number=DECISION,
        decision_signer="Phó Chủ tịch UBND thành phố",
        regulation_reference="Quyết định 2469/QĐ-UBND ban hành Quy chế hoạt động",
    )
    producers = {p.registration_number: p for p in Producer.objects.all()}
    communes = {"00583": users["xa.battrang"], "10273": users["xa.phuxuyen"]}

    def people_for(producer):
        account = producer.memberships.filter(revoked_at__isnull=True).first()
        commune = communes[producer.commune.code]
        return dossier_walk.People(
            producer=account.user if account else commune, commune=commune, province=officer
        )

    scorers = [users[u] for u, role, _office in SEATS if role != MemberRole.SECRETARY]
    finished = [
        _accepted(producers[reg], name, number, day, people_for(producers[reg]))
        for reg, name, number, day in FINISHED
    ]
    _rnd, done = open_round(council, officer, finished)
    for evaluation in done:
        sheet = evaluation.dossier.criteria_set.sheet()
        for i, member in enumerate(scorers):
            score(evaluation, member, member_answers(sheet, lower=i + 2), comment=_comment(i))
        actions.close(evaluation, actor=users["hoidong.hanoi"])
    # Round 1 of 2027: the dossier accepted in the dossier demo, and one more.
    current = [
        _accepted(producers[reg], name, number, day, people_for(producers[reg]))
        for reg, name, number, day in IN_PROGRESS
    ]
    rnd, scoring = open_round(council, officer, current)
    waiting = list(councils.candidates(rnd))
    scoring += councils.add_dossiers(rnd, waiting, actor=officer)
    # One member has a family tie to the Phú Xuyên household: recused from its products.
    household = producers.get("01D8012345")
    relations = {household: (Relation.FAMILY, "Anh em họ")} if household else {}
    councils.declare(rnd, actor=users["hoidong.khcn"], relations=relations)
    wide = scoring[0]
    sheet = wide.dossier.criteria_set.sheet()
    score(wide, users["hoidong.nnmt"], member_answers(sheet, lower=0))
    score(wide, users["hoidong.congthuong"], member_answers(sheet, lower=45))
    for member in scorers[1:3]:
        for evaluation in scoring[1:]:
            score(evaluation, member, member_answers(sheet_of(evaluation), lower=3))
    _advisory_review(wide, users["tinh.hanoi"])
    return council


def _advisory_review(evaluation, leader):
    """The advisory team on one product: a finding, documents asked and answered by the
    producer, a field visit with a photo, and its report to the chair."""
    today = timezone.localdate()
    advisory.add_finding(
        evaluation,
        actor=leader,
        criterion="1.1",
        text="Nguyên liệu đất sét, men lấy tại địa phương; cần hợp đồng mua men với hộ cung cấp.",
    )
    asked = advisory.request_documents(
        evaluation,
        actor=leader,
        what="Bổ sung hợp đồng mua nguyên liệu men và hóa đơn năm gần nhất.",
        due_on=today + dt.timedelta(days=7),
    )
    producer = evaluation.dossier.producer
    documents = list(producer.evidence.current()[:1])
    account = accounts_of(producer).first()
    if account is not None:
        advisory.answer_request(
            asked, actor=account, answer="Gửi hợp đồng nguyên tắc năm 2026.", documents=documents
        )
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (31, 111, 67)).save(out, "PNG")
    advisory.record_visit(
        evaluation,
        actor=leader,
        visited_on=today,
        people="Tổ tư vấn (2 người), cán bộ OCOP xã Bát Tràng, chủ cơ sở",
        notes="Xưởng sạch, lò nung khí đúng mô tả; khu đóng gói cần tách khỏi khu nguyên liệu.",
        files=[ContentFile(out.getvalue(), name="xuong.png")],
    )
    advisory.file_report(
        evaluation,
        actor=leader,
        conclusion="with_notes",
        text="Hồ sơ đủ thành phần; chủ thể đã bổ sung hợp đồng nguyên liệu. Khảo sát thực tế "
        "phù hợp hồ sơ. Đề nghị Hội đồng lưu ý tiêu chí 1.1 và khu đóng gói.",
    )


def sheet_of(evaluation):
    return evaluation.dossier.criteria_set.sheet()


def _comment(i: int) -> str:
    return [
        "Sản phẩm có bản sắc, bao bì đẹp; cần bổ sung kết quả kiểm nghiệm định kỳ.",
        "Thị trường còn hẹp, nên mở rộng kênh thương mại điện tử.",
        "",
        "Câu chuyện sản phẩm tốt.",
        "",
    ][i % 5]
