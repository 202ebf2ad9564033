"""The 5★ path (Điều 6.3, 7.3.e, 7.4): the province approves a result of 90 points or more,
sends the package with its papers, the ministry's office receives it against the checklist
(or returns it), the central council scores it and the Minister recognises 5★; below 90
the ministry tells the province, which recognises 3★–4★ on that result or re-evaluates."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from ocop.accounts.enums import Role
from ocop.audit.models import AuditEntry
from ocop.evaluation import councils
from ocop.evaluation.enums import MemberRole
from ocop.evaluation.walk import set_up_council
from ocop.notify.models import Notification
from ocop.recognition import actions, packages, queries
from ocop.recognition.actions import NOTICE, RECOGNISE, RecognitionError
from ocop.recognition.enums import DecisionKind, PackageItem, PackageState, ProvinceChoice
from tests.conftest import make_user
from tests.dossiers.fixtures import PDF_BYTES

HEADING = {"number": "55/QĐ-UBND", "signed_on": dt.date(2026, 12, 20), "signer": "Chủ tịch UBND"}
MINISTRY = {"number": "901/QĐ-BNNMT", "signed_on": dt.date(2027, 3, 10), "signer": "Bộ trưởng"}
CENTRAL_SEATS = [
    ("tw.chutich", MemberRole.CHAIR, "Bộ Nông nghiệp và Môi trường"),
    ("tw.congthuong", MemberRole.MEMBER, "Bộ Công Thương"),
    ("tw.yte", MemberRole.MEMBER, "Bộ Y tế"),
    ("tw.khcn", MemberRole.MEMBER, "Bộ Khoa học và Công nghệ"),
    ("tw.vhttdl", MemberRole.MEMBER, "Bộ Văn hóa, Thể thao và Du lịch"),
]


def pdf(name="bao-cao.pdf"):
    return ContentFile(PDF_BYTES, name=name)


@pytest.fixture
def approved(evaluation, close_with, province_officer):
    """A 5★ result at the province, its approval recorded."""
    closed = close_with(evaluation, "best")
    decision = actions.draft_decision(
        closed.round, [closed], actor=province_officer, kind=DecisionKind.APPROVAL, **HEADING
    )
    actions.record_decision(decision, actor=province_officer)
    return decision.lines.get()


def complete(package, officer):
    packages.save_heading(
        package,
        actor=officer,
        letter_number="77/UBND-NNMT",
        letter_date=dt.date(2027, 1, 5),
        letter_signer="Chủ tịch UBND",
        samples_sent=5,
    )
    packages.attach(package, PackageItem.LETTER, actor=officer)  # generated
    packages.attach(package, PackageItem.ADVISORY_REPORT, actor=officer, file=pdf())
    package.refresh_from_db()


ALL = [
    PackageItem.LETTER,
    PackageItem.ADVISORY_REPORT,
    PackageItem.COUNCIL_REPORT,
    PackageItem.APPROVAL,
    PackageItem.PRODUCT_DOSSIER,
]


@pytest.fixture
def received(approved, province_officer, central_officer):
    package = packages.open_package(actor=province_officer, approval=approved)
    complete(package, province_officer)
    packages.send(package, actor=province_officer)
    return packages.receive(package, actor=central_officer, confirmed=ALL, samples_received=5)


@pytest.fixture
def central_round(places, central_officer):
    seats = [(make_user(u, Role.COUNCIL_MEMBER), role, office) for u, role, office in CENTRAL_SEATS]
    council = set_up_council(None, central_officer, seats)
    rnd = councils.create_round(council, actor=central_officer, year=2027, number=1)
    return rnd, [user for user, _role, _office in seats]


def score_central(rnd, members, dossier, level, central_officer):
    from ocop.evaluation import actions as evaluation_actions
    from ocop.evaluation.walk import answers_at, member_answers, score

    (e,) = councils.add_dossiers(rnd, [dossier], actor=central_officer)
    sheet = dossier.criteria_set.sheet()
    answers = member_answers(sheet) if level is None else answers_at(sheet, level)
    for member in members[:4]:
        score(e, member, answers)
    return evaluation_actions.close(e, actor=members[0])


def test_a_package_is_refused_until_every_required_paper_is_there(approved, province_officer):
    package = packages.open_package(actor=province_officer, approval=approved)
    missing = set(packages.missing(package))
    # The system holds the council's result, the approval and the dossier already.
    assert missing == {PackageItem.LETTER, PackageItem.ADVISORY_REPORT, PackageItem.SAMPLES}
    with pytest.raises(RecognitionError, match="còn thiếu"):
        packages.send(package, actor=province_officer)
    package.refresh_from_db()
    assert package.state == PackageState.DRAFT and package.sent_at is None
    complete(package, province_officer)
    assert packages.missing(package) == []
    assert packages.send(package, actor=province_officer).state == PackageState.SENT
    with pytest.raises(RecognitionError, match="chưa có hồ sơ"):
        packages.open_package(actor=province_officer, approval=approved)  # one per approval


def test_only_a_recorded_approval_opens_a_package(evaluation, close_with, province_officer):
    closed = close_with(evaluation, "best")
    draft = actions.draft_decision(
        closed.round, [closed], actor=province_officer, kind=DecisionKind.APPROVAL, **HEADING
    )
    with pytest.raises(RecognitionError, match="phê duyệt"):
        packages.open_package(actor=province_officer, approval=draft.lines.get())


def test_the_ministry_checks_each_paper_and_may_return_the_package(
    approved, province_officer, central_officer, other_province_officer
):
    package = packages.open_package(actor=province_officer, approval=approved)
    with pytest.raises(RecognitionError):
        packages.save_heading(
            package,
            actor=other_province_officer,
            letter_number="1",
            letter_date=dt.date(2027, 1, 1),
            letter_signer="",
            samples_sent=5,
        )
    complete(package, province_officer)
    packages.send(package, actor=province_officer)
    with pytest.raises(RecognitionError, match="Bộ"):
        packages.receive(package, actor=province_officer, confirmed=ALL, samples_received=5)
    with pytest.raises(RecognitionError, match="05 sản phẩm mẫu"):
        packages.receive(package, actor=central_officer, confirmed=ALL, samples_received=3)
    with pytest.raises(RecognitionError, match="Tổ tư vấn"):
        packages.receive(package, actor=central_officer, confirmed=ALL[:1], samples_received=5)
    package.refresh_from_db()
    assert package.state == PackageState.SENT and package.received_at is None
    packages.return_package(package, actor=central_officer, reason="Thiếu phiếu kiểm nghiệm.")
    assert Notification.objects.filter(verb="package.returned", recipient=province_officer).exists()
    with pytest.raises(RecognitionError):  # the returned package must be sent again first
        packages.receive(package, actor=central_officer, confirmed=ALL, samples_received=5)
    packages.attach(package, PackageItem.EXTRA_TESTS, actor=province_officer, file=pdf("kn.pdf"))
    packages.send(package, actor=province_officer)
    package = packages.receive(package, actor=central_officer, confirmed=ALL, samples_received=5)
    assert package.state == PackageState.RECEIVED
    verbs = list(
        AuditEntry.objects.filter(object_id=str(package.pk)).values_list("verb", flat=True)
    )
    assert {"package.opened", "package.sent", "package.returned", "package.received"} <= set(verbs)


def test_the_central_council_takes_received_packages_only(
    approved, province_officer, central_officer, central_round, round_and_products
):
    rnd, _members = central_round
    assert list(councils.candidates(rnd)) == []
    package = packages.open_package(actor=province_officer, approval=approved)
    complete(package, province_officer)
    packages.send(package, actor=province_officer)
    assert list(councils.candidates(rnd)) == []  # sent, not yet received
    packages.receive(package, actor=central_officer, confirmed=ALL, samples_received=5)
    assert list(councils.candidates(rnd)) == [package.dossier]
    # The province's own rounds do not take it back.
    assert package.dossier not in councils.candidates(round_and_products[0])


def test_the_minister_recognises_five_stars(
    received,
    central_round,
    central_officer,
    province_officer,
    producer_user,
    other_province_officer,
):
    rnd, members = central_round
    e = score_central(rnd, members, received.dossier, "best", central_officer)
    assert actions.outcome(e) == RECOGNISE
    with pytest.raises(RecognitionError, match="quyền"):
        actions.draft_decision(
            rnd, [e], actor=province_officer, kind=DecisionKind.MINISTRY, **MINISTRY
        )
    with pytest.raises(RecognitionError, match="Loại quyết định"):
        actions.draft_decision(
            rnd, [e], actor=central_officer, kind=DecisionKind.RECOGNITION, **MINISTRY
        )
    decision = actions.draft_decision(
        rnd, [e], actor=central_officer, kind=DecisionKind.MINISTRY, **MINISTRY
    )
    assert decision.province_id is None and decision.by_ministry
    actions.record_decision(decision, actor=central_officer)
    line = queries.recognition_of(received.dossier.product)
    assert line.decision == decision and line.stars == 5
    told = set(
        Notification.objects.filter(verb="decision.recorded").values_list("recipient", flat=True)
    )
    assert {producer_user.pk, province_officer.pk} <= told
    # The province's office reads the Minister's decision (not another province's), and
    # cannot record or correct it.
    from django.test import Client

    pages = {}
    for officer in (province_officer, other_province_officer):
        client = Client()
        client.force_login(officer)
        pages[officer] = client.get(f"/cong-nhan/{decision.code}/")
    assert pages[other_province_officer].status_code == 404
    html = pages[province_officer].content.decode()
    assert pages[province_officer].status_code == 200 and MINISTRY["number"] in html
    assert "Sửa đổi, bãi bỏ dòng" not in html and "de-nghi-5-sao" in html
    # The ministry's numbering is its own: the same number again is refused.
    with pytest.raises(RecognitionError, match="đã có"):
        actions.draft_decision(
            rnd, [e], actor=central_officer, kind=DecisionKind.MINISTRY, **MINISTRY
        )


def test_below_ninety_the_province_recognises_on_the_central_result(
    received, central_round, central_officer, province_officer
):
    rnd, members = central_round
    e = score_central(rnd, members, received.dossier, None, central_officer)
    assert 3 <= e.result["stars"] <= 4 and actions.outcome(e) == NOTICE
    with pytest.raises(RecognitionError, match="thông báo"):
        packages.choose(received, actor=province_officer, choice=ProvinceChoice.RECOGNISE)
    actions.send_notice(
        e, actor=central_officer, number="12/TB-BNNMT", signed_on=MINISTRY["signed_on"]
    )
    assert Notification.objects.filter(verb="notice.sent", recipient=province_officer).exists()
    with pytest.raises(RecognitionError):
        actions.decide_on_central_result(received, actor=central_officer, **HEADING)
    decision = actions.decide_on_central_result(
        received, actor=province_officer, **{**HEADING, "number": "88/QĐ-UBND"}
    )
    assert (
        decision.kind == DecisionKind.RECOGNITION and decision.province_id == received.province_id
    )
    assert decision.lines.get().evaluation == e
    actions.record_decision(decision, actor=province_officer)
    assert queries.recognition_of(received.dossier.product).stars == e.result["stars"]
    received.refresh_from_db()
    assert received.choice == ProvinceChoice.RECOGNISE


def test_below_ninety_the_province_may_evaluate_again(
    received, central_round, central_officer, province_officer, council, round_and_products
):
    rnd, members = central_round
    e = score_central(rnd, members, received.dossier, None, central_officer)
    actions.send_notice(
        e, actor=central_officer, number="13/TB-BNNMT", signed_on=MINISTRY["signed_on"]
    )
    next_round = councils.create_round(council, actor=province_officer, year=2027, number=2)
    assert received.dossier not in councils.candidates(next_round)
    packages.choose(received, actor=province_officer, choice=ProvinceChoice.RE_EVALUATE)
    assert received.dossier in councils.candidates(next_round)
    councils.add_dossiers(next_round, [received.dossier], actor=province_officer)
    assert received.dossier not in councils.candidates(next_round)
    with pytest.raises(RecognitionError, match="đã chọn"):
        packages.choose(received, actor=province_officer, choice=ProvinceChoice.RECOGNISE)


def test_a_five_star_re_evaluation_goes_to_the_ministry_with_its_clock(
    received, central_round, central_officer, province_officer, producer_user, bring, council
):
    """Điều 6.3.b, 7.6.e, 7.6.g: the province sends a 5★ product's re-evaluation to the
    ministry (not to its own council), and the 45 days count from the ministry's receipt."""
    from django.utils import timezone

    from ocop.dossiers import actions as dossier_actions
    from ocop.evaluation.enums import EvaluationMode
    from tests.recognition.fixtures import expiring_in

    rnd, members = central_round
    e = score_central(rnd, members, received.dossier, "best", central_officer)
    minister = actions.draft_decision(
        rnd,
        [e],
        actor=central_officer,
        kind=DecisionKind.MINISTRY,
        **{**MINISTRY, "signed_on": expiring_in(150)},
    )
    actions.record_decision(minister, actor=central_officer)
    product = received.dossier.product
    again = bring(
        dossier_actions.start_dossier(product, actor=producer_user, kind="re_evaluation"),
        "accepted",
    )
    today = timezone.localdate()
    extra = councils.create_round(
        council,
        actor=province_officer,
        year=today.year,
        number=9,
        extra=True,
        proposals_before=today,
        finish_before=today + dt.timedelta(days=30),
        regulation_reference="Quy chế, Điều 5",
        plan_reference="Kế hoạch đợt bổ sung",
    )
    assert again not in councils.candidates(extra)  # held back from the provincial council
    assert list(packages.open_reevaluations([again.province_id])) == [again]
    package = packages.open_package(actor=province_officer, dossier=again)
    assert set(packages.missing(package)) == {
        PackageItem.LETTER,
        PackageItem.OFFICE_REPORT,
        PackageItem.SAMPLES,
    }
    packages.save_heading(
        package,
        actor=province_officer,
        letter_number="90/UBND-NNMT",
        letter_date=today,
        letter_signer="Chủ tịch UBND",
        samples_sent=5,
    )
    packages.attach(package, PackageItem.LETTER, actor=province_officer)
    packages.attach(package, PackageItem.OFFICE_REPORT, actor=province_officer, file=pdf())
    packages.send(package, actor=province_officer)
    confirmed = [PackageItem.LETTER, PackageItem.OFFICE_REPORT, PackageItem.PRODUCT_DOSSIER]
    package = packages.receive(
        package, actor=central_officer, confirmed=confirmed, samples_received=5
    )
    # Accepted by the province days before the ministry received it: the ministry's clock.
    type(again).objects.filter(pk=again.pk).update(
        accepted_at=timezone.now() - dt.timedelta(days=3)
    )
    later = councils.create_round(rnd.council, actor=central_officer, year=2027, number=2)
    assert list(councils.candidates(later)) == [again]
    (written,) = councils.add_dossiers(later, [again], actor=central_officer)
    assert written.mode == EvaluationMode.WRITTEN
    assert written.clock_starts_on == timezone.localdate(package.received_at)


def test_the_recognised_dossier_shows_its_result_to_the_producer(
    recognised, producer_user, client_for
):
    line = queries.recognition_of(recognised.product)
    html = client_for(producer_user).get(f"/ho-so/{recognised.code}/").content.decode()
    assert f"Được công nhận {line.stars} sao theo quyết định số {line.decision.number}" in html
