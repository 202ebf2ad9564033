"""The province's papers as PDF: a decision (recognition, approval, correction) in the
layout of a Chairman's decision with its annex, and the notice of a 1★–2★ result."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from ocop.criteria import presenter
from ocop.recognition import actions
from ocop.recognition.enums import DecisionKind
from tests.pdf import flat, text_of

HEADING = {
    "number": "123/QĐ-UBND",
    "signed_on": dt.date(2026, 12, 20),
    "signer": "Phó Chủ tịch UBND thành phố Nguyễn Văn An",
}


def vn(value) -> str:
    """A number as the documents print it: 87,25 · 90 (Vietnamese decimal comma)."""
    d = Decimal(str(value)).quantize(Decimal("0.01"))
    return str(int(d)) if d == d.to_integral_value() else f"{d:.2f}".replace(".", ",")


def pdf_of(client, name, code) -> str:
    response = client.get(reverse(f"recognition:{name}", args=[code]))
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return text_of(response.content)


def draft(closed, officer, kind=DecisionKind.RECOGNITION, **heading):
    return actions.draft_decision(
        closed[0].round, closed, actor=officer, kind=kind, **{**HEADING, **heading}
    )


def test_a_recognition_prints_the_heading_the_annex_and_the_draft_mark(
    client_for, evaluation, two_more, close_with, province_officer
):
    closed = [close_with(evaluation), close_with(two_more[0])]
    decision = draft(closed, province_officer)
    client = client_for(province_officer)
    text = pdf_of(client, "decision_pdf", decision.code)
    body = flat(text)
    for expected in (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 123/QĐ-UBND",
        "Hà Nội, ngày 20 tháng 12 năm 2026",
        "QUYẾT ĐỊNH",
        f"Về việc công nhận sản phẩm đạt chuẩn OCOP năm {decision.round.year}",
        "Căn cứ Quyết định số 26/2026/QĐ-TTg",
        f"Căn cứ Quyết định số {decision.round.council.decision_number}",
        "36 tháng",
        "nhận: - Như Điều 3;",  # Nơi nhận (its bold italic "ơ" reads back doubled)
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Danh sách sản phẩm kèm theo Quyết định số 123/QĐ-UBND",
    ):
        assert flat(expected) in body, expected
    assert flat(HEADING["signer"]) in body
    for line in decision.lines.all():
        row = f"{line.product_name}{line.product_code}{line.producer_name}{line.commune_name}"
        assert flat(row) in body, row
        assert flat(f"{line.product_set}{vn(line.score)}{line.stars} sao") in body
    assert "DỰ THẢO" in text
    actions.record_decision(decision, actor=province_officer)
    assert "DỰ THẢO" not in pdf_of(client, "decision_pdf", decision.code)


def test_an_approval_names_the_five_star_potential(
    client_for, two_more, close_with, province_officer
):
    closed = close_with(two_more[0], "best")
    decision = draft([closed], province_officer, kind=DecisionKind.APPROVAL)
    body = flat(pdf_of(client_for(province_officer), "decision_pdf", decision.code))
    assert (
        flat("Về việc phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP tiềm năng 5 sao") in body
    )
    assert flat(f"{closed.dossier.product.name}") in body and flat("5 sao") in body
    assert flat("Về việc công nhận sản phẩm") not in body


def test_a_correction_names_the_decision_it_corrects(
    client_for, evaluation, close_with, province_officer
):
    decision = draft([close_with(evaluation)], province_officer)
    actions.record_decision(decision, actor=province_officer)
    correction = actions.correct(
        decision,
        list(decision.lines.all()),
        actor=province_officer,
        number="130/QĐ-UBND",
        signed_on=dt.date(2027, 1, 5),
        signer="Chủ tịch UBND thành phố",
        reason="Hồ sơ kê khai sai nguồn nguyên liệu",
    )
    body = flat(pdf_of(client_for(province_officer), "decision_pdf", correction.code))
    assert flat("Số: 130/QĐ-UBND") in body
    assert flat("Về việc sửa đổi, bãi bỏ Quyết định số 123/QĐ-UBND ngày 20/12/2026") in body
    assert flat("Hồ sơ kê khai sai nguồn nguyên liệu") in body
    assert flat(evaluation.dossier.product.name) in body and "DỰTHẢO" in body


def test_the_notice_prints_the_score_no_certificate_and_an_improvement(
    client_for, two_more, close_with, province_officer
):
    closed = close_with(two_more[1], "worst")
    notice = actions.send_notice(
        closed, actor=province_officer, number="45/TB-SNNMT", signed_on=dt.date(2026, 12, 21)
    )
    body = flat(pdf_of(client_for(province_officer), "notice_pdf", notice.code))
    assert flat("THÔNG BÁO Kết quả đánh giá, phân hạng sản phẩm OCOP") in body
    assert flat("Số: 45/TB-SNNMT") in body and flat(closed.dossier.producer.name) in body
    assert flat(f"Tổng điểm: {vn(notice.score)} điểm") in body
    assert flat(f"Hạng: {notice.stars} sao") in body
    assert flat("không được cấp giấy chứng nhận sản phẩm OCOP") in body
    first = notice.improvements[0]
    name = presenter.present(closed.dossier.criteria_set).name_of(first["criterion"])
    assert name, first
    assert flat(f"{first['criterion']}{name}") in body
    assert flat(f"+{vn(first['gain'])}") in body


def test_another_provinces_officer_gets_no_paper(
    client_for, evaluation, two_more, close_with, province_officer, other_province_officer
):
    decision = draft([close_with(evaluation)], province_officer)
    notice = actions.send_notice(
        close_with(two_more[1], "worst"),
        actor=province_officer,
        number="46/TB",
        signed_on=dt.date(2026, 12, 21),
    )
    client = client_for(other_province_officer)
    for name, code in (("decision_pdf", decision.code), ("notice_pdf", notice.code)):
        assert client.get(reverse(f"recognition:{name}", args=[code])).status_code == 404
