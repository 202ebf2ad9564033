"""A certificate's life: issued once from a recorded decision line (Điều 4.1, 4.3), never
edited, superseded by a newer one, ended by a correction, by a revocation (Điều 8) or by a
1★–2★ result during the Điều 12.3 extension; entered from paper (Điều 12.1); what it means
for the product's next dossier (Điều 7.6.a, 12.3)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from ocop.audit.models import AuditEntry
from ocop.certificates import actions, revocation
from ocop.certificates.enums import Authority, State
from ocop.certificates.errors import CertificateError
from ocop.certificates.models import Certificate, Revocation
from ocop.dossiers import actions as dossier_actions
from ocop.dossiers.actions import DossierError
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.standing import standing_of
from ocop.legal.validity import add_months, expiry, renewal_window
from ocop.notify.models import Notification
from ocop.recognition import actions as recognition_actions
from ocop.recognition.models import DecisionLine

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_a_recorded_decision_issues_one_certificate_per_recognised_line(recognised):
    line = DecisionLine.objects.get(evaluation__dossier=recognised)
    cert = Certificate.objects.get(line=line)
    today = timezone.localdate()
    assert (cert.product, cert.producer, cert.province) == (
        recognised.product,
        recognised.producer,
        recognised.province,
    )
    assert cert.stars == line.stars and cert.score == line.score and 3 <= cert.stars <= 4
    assert cert.authority == Authority.PROVINCE
    assert cert.authority_name == "Ủy ban nhân dân Thành phố Hà Nội"
    assert (cert.decision_number, cert.decision_date) == (line.decision.number, today)
    assert (cert.valid_from, cert.expires_on) == (today, expiry(today))
    assert cert.instrument.number == "26/2026/QĐ-TTg"
    assert cert.number == f"0001/{today.year}/GCN-OCOP-01"
    assert len(cert.code) >= 8 and cert.code not in cert.number
    assert cert.status() in {"valid", "expiring"}
    assert AuditEntry.objects.filter(verb="certificate.issued", object_id=str(cert.pk)).exists()


def test_the_recognised_dossier_leads_the_producer_to_the_certificate(
    recognised, client_for, producer_user
):
    cert = Certificate.objects.get(line__evaluation__dossier=recognised)
    page = client_for(producer_user).get(f"/ho-so/{recognised.code}/").content.decode()
    assert f'href="/chung-nhan/{cert.code}/"' in page and cert.number in page
    assert client_for(producer_user).get(f"/chung-nhan/{cert.code}/").status_code == 200


def test_a_decision_line_is_never_issued_twice(recognised):
    line = DecisionLine.objects.get(evaluation__dossier=recognised)
    first = Certificate.objects.get(line=line)
    with pytest.raises(CertificateError, match=first.number):
        actions.issue(line)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            **{
                f.attname: getattr(first, f.attname)
                for f in Certificate._meta.concrete_fields
                if f.name not in {"id", "code", "number"}
            },
            number="9999/x",
        )
    assert Certificate.objects.filter(line=line).count() == 1


def test_an_issued_certificate_cannot_be_edited(enter_certificate):
    cert = enter_certificate(valid_from=timezone.localdate() - dt.timedelta(days=30))
    cert.stars = 5
    with pytest.raises(CertificateError, match="không sửa được"):
        cert.save()
    cert.refresh_from_db()
    assert cert.stars == 3


def test_a_newer_certificate_supersedes_the_products_earlier_one(
    evaluation, recognise, enter_certificate, producer_user
):
    product = evaluation.dossier.product
    paper = enter_certificate(product, valid_from=timezone.localdate() - dt.timedelta(days=400))
    recognise(evaluation)
    paper.refresh_from_db()
    new = Certificate.objects.get(line__evaluation=evaluation)
    assert paper.state == State.SUPERSEDED and paper.superseded_by == new
    assert paper.status() == "superseded" and paper.ended_on == new.valid_from
    assert standing_of(product).certificate == new.number


def test_an_older_paper_certificate_entered_later_does_not_replace_the_current_one(
    enter_certificate,
):
    today = timezone.localdate()
    newer = enter_certificate(valid_from=today - dt.timedelta(days=10))
    older = enter_certificate(valid_from=today - dt.timedelta(days=900))
    newer.refresh_from_db()
    assert newer.state == State.ACTIVE
    assert older.state == State.SUPERSEDED and older.superseded_by == newer


def test_a_correction_withdrawing_the_line_ends_its_certificate(
    recognised, province_officer, producer_user
):
    line = DecisionLine.objects.get(evaluation__dossier=recognised)
    today = timezone.localdate()
    correction = recognition_actions.correct(
        line.decision,
        [line],
        actor=province_officer,
        number="77/QĐ-UBND",
        signed_on=today,
        signer="Chủ tịch",
        reason="Công nhận không đúng quy định (Điều 10.1.b)",
    )
    cert = Certificate.objects.get(line=line)
    assert cert.state == State.ACTIVE  # a draft correction changes nothing
    recognition_actions.record_decision(correction, actor=province_officer)
    cert.refresh_from_db()
    assert cert.state == State.REVOKED and cert.status() == "revoked"
    case = cert.revocations.get()
    assert case.ground == "withdrawn" and case.decision_number == "77/QĐ-UBND"
    assert standing_of(recognised.product) is None


# --- entered from paper (Điều 12.1) -------------------------------------------------------


def test_a_district_committees_certificate_keeps_its_term(enter_certificate, product):
    cert = enter_certificate(
        valid_from=dt.date(2024, 3, 1),
        authority=Authority.DISTRICT,
        authority_name="Ủy ban nhân dân huyện Đắk Song, tỉnh Đắk Nông (cũ)",
        instrument="148/QĐ-TTg",
    )
    assert cert.expires_on == dt.date(2027, 2, 28)
    assert cert.instrument.number == "148/QĐ-TTg" and cert.line is None
    assert cert.status(dt.date(2026, 8, 1)) == "valid"
    assert cert.status(dt.date(2026, 12, 3)) == "expiring"
    assert standing_of(product).certificate == cert.number


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"authority": Authority.DISTRICT, "valid_from": dt.date(2025, 8, 1)}, "01/07/2025"),
        ({"stars": 5}, "Bộ trưởng"),
        ({"valid_from": dt.date(2030, 1, 1)}, "sau hôm nay"),
    ],
)
def test_a_paper_certificate_the_law_could_not_have_issued_is_refused(
    enter_certificate, changes, message
):
    with pytest.raises(CertificateError, match=message):
        enter_certificate(**changes)
    assert not Certificate.objects.exists()


def test_the_same_paper_certificate_is_not_entered_twice(product, province_officer):
    fields = {
        "actor": province_officer,
        "product": product,
        "number": "12/GCN-UBND",
        "stars": 3,
        "score": None,
        "authority": Authority.PROVINCE,
        "authority_name": "UBND thành phố Hà Nội",
        "decision_number": "1/QĐ",
        "decision_date": dt.date(2024, 5, 1),
        "signer": "",
        "instrument": Certificate._meta.get_field("instrument").related_model.objects.first(),
        "valid_from": dt.date(2024, 5, 1),
        "expires_on": None,
    }
    actions.enter(**fields)
    with pytest.raises(CertificateError, match="đã có trên hệ thống"):
        actions.enter(**fields)


def test_another_provinces_office_cannot_enter_a_certificate_here(
    enter_certificate, other_province_officer
):
    with pytest.raises(CertificateError, match="trong tỉnh mình"):
        enter_certificate(actor=other_province_officer)


# --- what the certificate means for the next dossier (Điều 7.6.a, 12.3) -------------------


def test_a_re_evaluation_is_filed_only_between_180_and_120_days_before_expiry(
    enter_certificate, product, producer_user
):
    today = timezone.localdate()
    cert = enter_certificate(valid_from=add_months(today, -36) + dt.timedelta(days=200))
    opens_on, closes_on = renewal_window(cert.expires_on)
    assert today < opens_on
    with pytest.raises(DossierError, match="Chưa đến thời gian"):
        dossier_actions.start_dossier(product, actor=producer_user, kind=DossierKind.RE_EVALUATION)


def test_past_the_window_a_re_evaluation_is_refused_without_the_extension(
    enter_certificate, product, producer_user
):
    today = timezone.localdate()
    cert = enter_certificate(valid_from=add_months(today, -36) + dt.timedelta(days=60))
    assert cert.extended_until is None and today > renewal_window(cert.expires_on)[1]
    with pytest.raises(DossierError, match="Đã hết thời gian"):
        dossier_actions.start_dossier(product, actor=producer_user, kind=DossierKind.RE_EVALUATION)


def test_during_the_article_12_3_extension_the_re_evaluation_may_be_filed_late(
    enter_certificate, product, producer_user
):
    cert = enter_certificate(valid_from=dt.date(2023, 10, 10), instrument="148/QĐ-TTg")
    today = timezone.localdate()
    if not cert.expires_on < today <= cert.extended_until:
        pytest.skip("the 148-era extension is over on this date")
    assert cert.status() == "extended"
    dossier = dossier_actions.start_dossier(
        product, actor=producer_user, kind=DossierKind.RE_EVALUATION
    )
    assert dossier.kind == DossierKind.RE_EVALUATION and dossier.based_on is None


def test_a_revoked_certificate_leaves_the_product_to_register_anew(
    enter_certificate, product, producer_user, revoke
):
    cert = enter_certificate(valid_from=timezone.localdate() - dt.timedelta(days=100))
    revoke(cert)
    assert standing_of(product) is None
    first = dossier_actions.start_dossier(product, actor=producer_user, kind=DossierKind.FIRST)
    assert first.kind == DossierKind.FIRST


# --- Điều 12.3 ends at the authority's result ---------------------------------------------


def test_a_one_or_two_star_re_evaluation_ends_the_extension_on_the_notice(
    evaluation, close_with, province_officer, enter_certificate
):
    from ocop.dossiers.models import Dossier

    cert = enter_certificate(
        evaluation.dossier.product, valid_from=dt.date(2023, 10, 10), instrument="148/QĐ-TTg"
    )
    today = timezone.localdate()
    if not cert.expires_on < today <= cert.extended_until:
        pytest.skip("the 148-era extension is over on this date")
    Dossier.objects.filter(pk=evaluation.dossier_id).update(kind=DossierKind.RE_EVALUATION)
    evaluation.dossier.refresh_from_db()
    closed = close_with(evaluation, "worst")
    recognition_actions.send_notice(
        closed, actor=province_officer, number="3/TB-UBND", signed_on=today
    )
    cert.refresh_from_db()
    assert cert.state == State.EXPIRED and cert.ended_on == today
    assert "3/TB-UBND" in cert.ended_note and cert.status() == "expired"


# --- revocation (Điều 8) -------------------------------------------------------------------


def _open(cert, actor, **changes):
    fields = {
        "ground": "c",
        "trigger": "conclusion",
        "trigger_authority": "Chi cục An toàn thực phẩm",
        "trigger_number": "15/KL-ATTP",
        "trigger_date": timezone.localdate() - dt.timedelta(days=3),
        "summary": "Mẫu kiểm nghiệm vượt ngưỡng histamin.",
        **changes,
    }
    return revocation.open_case(cert, actor=actor, **fields)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ground": ""}, "căn cứ thu hồi"),
        ({"ground": "withdrawn"}, "căn cứ thu hồi"),
        ({"trigger_number": ""}, "số và ngày"),
        ({"summary": " "}, "nội dung vi phạm"),
        ({"trigger": "commune"}, "không còn sản xuất"),
    ],
)
def test_a_revocation_without_its_ground_or_trigger_is_refused(
    enter_certificate, province_officer, changes, message
):
    cert = enter_certificate()
    with pytest.raises(CertificateError, match=message):
        _open(cert, province_officer, **changes)
    assert not Revocation.objects.exists()


def test_a_revocation_is_decided_by_its_authority_with_a_decision(
    enter_certificate, province_officer, producer_user, commune_officer, mailoutbox
):
    cert = enter_certificate()
    case = _open(cert, province_officer)
    assert revocation.deadline(case.trigger_date) == case.trigger_date + dt.timedelta(days=15)
    assert revocation.days_left(case, timezone.localdate()) == 12
    with pytest.raises(CertificateError, match="số, ngày ký"):
        revocation.decide(case, actor=province_officer, number="", signed_on=None, signer="")
    cert.refresh_from_db()
    assert cert.state == State.ACTIVE
    revocation.decide(
        case,
        actor=province_officer,
        number="99/QĐ-UBND",
        signed_on=timezone.localdate(),
        signer="Chủ tịch UBND",
    )
    cert.refresh_from_db()
    assert cert.state == State.REVOKED and cert.status() == "revoked"
    told = set(
        Notification.objects.filter(verb="certificate.revoked").values_list(
            "recipient__username", flat=True
        )
    )
    assert {producer_user.username, commune_officer.username} <= told
    with pytest.raises(CertificateError, match="đã được xử lý"):
        revocation.decide(
            case,
            actor=province_officer,
            number="100/QĐ-UBND",
            signed_on=timezone.localdate(),
            signer="x",
        )


def test_a_five_star_certificate_is_revoked_by_the_minister_only(
    enter_certificate, province_officer, central_officer
):
    cert = enter_certificate(
        stars=5, authority=Authority.MINISTRY, authority_name="Bộ Nông nghiệp và Môi trường"
    )
    case = _open(cert, province_officer)  # the province's office may report it
    with pytest.raises(CertificateError, match="Bộ trưởng"):
        revocation.decide(
            case, actor=province_officer, number="1/QĐ", signed_on=timezone.localdate(), signer="x"
        )
    revocation.decide(
        case,
        actor=central_officer,
        number="1/QĐ-BNNMT",
        signed_on=timezone.localdate(),
        signer="Bộ trưởng",
    )
    cert.refresh_from_db()
    assert cert.state == State.REVOKED


def test_another_provinces_office_cannot_open_a_revocation(
    enter_certificate, other_province_officer
):
    with pytest.raises(CertificateError, match="không có quyền"):
        _open(enter_certificate(), other_province_officer)
