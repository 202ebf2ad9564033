"""Demo of the 5★ path for ``make run`` (Điều 6.3, 7.4), through the real actions: three
Hà Nội products reach 90 points in the finished round 2 of 2026 and the Chairman approves
their results; the province sends their packages; the ministry's office receives two and
returns one for completion; the central council scores the two: one is recognised 5★ by
the Minister, the other falls below 90 and the ministry tells the province, whose choice
(recognise 3★–4★ on that result or evaluate again) is left for the demo user. Idempotent."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction

from ocop.accounts.models import User
from ocop.dossiers import walk as dossier_walk
from ocop.evaluation import actions as evaluation_actions
from ocop.evaluation import councils
from ocop.evaluation.demo import SEATS, _accepted
from ocop.evaluation.enums import MemberRole
from ocop.evaluation.models import Round
from ocop.evaluation.walk import answers_at, member_answers, score, set_up_council
from ocop.producers.models import Producer
from ocop.recognition import actions, packages
from ocop.recognition.enums import DecisionKind, PackageItem

APPROVAL = "3580/QĐ-UBND"
MINISTRY = "125/QĐ-BNNMT"
# (producer registration number, product, set, the commune's letter date: round 2 of 2026)
FIVE = [
    ("0107001234", "Bình gốm men lam vẽ vàng", 21, dt.date(2026, 10, 14)),
    ("0107001234", "Lọ gốm men ngọc khắc chìm", 21, dt.date(2026, 10, 15)),
    ("01D8012345", "Mật ong bạc hà Phú Xuyên", 4, dt.date(2026, 10, 16)),
]
CENTRAL = [
    ("hoidong.bonnmt", MemberRole.CHAIR, "Bộ Nông nghiệp và Môi trường"),
    ("hoidong.bocongthuong", MemberRole.MEMBER, "Bộ Công Thương"),
    ("hoidong.boyte", MemberRole.MEMBER, "Bộ Y tế"),
    ("hoidong.bokhcn", MemberRole.MEMBER, "Bộ Khoa học và Công nghệ"),
]


def _report() -> bytes:
    """A one-page PDF standing for the advisory team's signed report (a real PDF: uploads are
    parsed, and a few bytes that only start like one are refused)."""
    import typst

    body = '#set text(lang: "vi")\n= Báo cáo của Tổ tư vấn\n\nBản mẫu của dữ liệu thử.'
    return typst.compile(body.encode())


@transaction.atomic
def seed():
    from ocop.recognition.models import Decision

    if Decision.objects.filter(number=APPROVAL).exists():
        return None
    rnd = Round.objects.filter(council__province__code="01", year=2026, number=2).first()
    users = {u.username: u for u in User.objects.all()}
    if rnd is None or not all(u in users for u, _r, _o in CENTRAL):
        return None
    officer, central_officer = users["tinh.hanoi"], users["trunguong"]
    producers = {p.registration_number: p for p in Producer.objects.all()}
    communes = {"00583": users["xa.battrang"], "10273": users["xa.phuxuyen"]}
    dossiers = []
    for reg, name, number, day in FIVE:
        producer = producers[reg]
        account = producer.memberships.filter(revoked_at__isnull=True).first()
        commune = communes[producer.commune.code]
        people = dossier_walk.People(
            producer=account.user if account else commune, commune=commune, province=officer
        )
        dossiers.append(_accepted(producer, name, number, day, people))
    evaluations = councils.add_dossiers(rnd, dossiers, actor=officer)
    scorers = [users[u] for u, role, _o in SEATS if role != MemberRole.SECRETARY]
    closed = []
    for e in evaluations:
        answers = answers_at(e.dossier.criteria_set.sheet(), "best")
        for member in scorers:
            score(e, member, answers)
        closed.append(evaluation_actions.close(e, actor=users["hoidong.hanoi"]))
    approval = actions.draft_decision(
        rnd,
        closed,
        actor=officer,
        kind=DecisionKind.APPROVAL,
        number=APPROVAL,
        signed_on=dt.date(2026, 12, 28),
        signer="Phó Chủ tịch UBND thành phố",
    )
    actions.record_decision(approval, actor=officer)
    sent = []
    for i, line in enumerate(approval.lines.order_by("pk")):
        package = packages.open_package(actor=officer, approval=line)
        packages.save_heading(
            package,
            actor=officer,
            letter_number=f"{301 + i}/UBND-NNMT",
            letter_date=dt.date(2026, 12, 30),
            letter_signer="Phó Chủ tịch UBND thành phố",
            samples_sent=5,
        )
        packages.attach(package, PackageItem.LETTER, actor=officer)
        packages.attach(
            package,
            PackageItem.ADVISORY_REPORT,
            actor=officer,
            file=ContentFile(_report(), name="bao-cao-to-tu-van.pdf"),
        )
        sent.append(packages.send(package, actor=officer))
    recognised, below, returned = sent
    packages.return_package(
        returned,
        actor=central_officer,
        reason="Bổ sung phiếu kiểm nghiệm chỉ tiêu kim loại nặng của men gốm (trong 12 tháng).",
    )
    confirmed = [c.item for c in packages.checklist(recognised) if c.required]
    for package in (recognised, below):
        packages.receive(package, actor=central_officer, confirmed=confirmed, samples_received=5)
    council = set_up_council(
        None, central_officer, [(users[u], role, office) for u, role, office in CENTRAL]
    )
    central_round = councils.create_round(council, actor=central_officer, year=2027, number=1)
    top, lower = councils.add_dossiers(
        central_round, [recognised.dossier, below.dossier], actor=central_officer
    )
    members = [users[u] for u, _r, _o in CENTRAL]
    results = []
    for e, answers in (
        (top, answers_at(top.dossier.criteria_set.sheet(), "best")),
        (lower, member_answers(lower.dossier.criteria_set.sheet(), lower=12)),
    ):
        for member in members:
            score(e, member, answers)
        results.append(evaluation_actions.close(e, actor=members[0]))
    top, lower = results
    minister = actions.draft_decision(
        central_round,
        [top],
        actor=central_officer,
        kind=DecisionKind.MINISTRY,
        number=MINISTRY,
        signed_on=dt.date(2027, 3, 10),
        signer="Thứ trưởng Bộ Nông nghiệp và Môi trường",
    )
    actions.record_decision(minister, actor=central_officer)
    actions.send_notice(
        lower, actor=central_officer, number="45/TB-BNNMT", signed_on=dt.date(2027, 3, 10)
    )
    return minister
