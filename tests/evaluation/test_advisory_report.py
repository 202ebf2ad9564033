"""The advisory team's report to the chair as a PDF (Điều 7.3.c, 7.4.c: "xây dựng báo cáo
đánh giá gửi Chủ tịch Hội đồng"): what it prints, its draft before any report is filed, and
who may download it (whoever reads the team's page)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.evaluation import advisory, councils
from ocop.evaluation.enums import Body, MemberRole, ReportConclusion
from tests.conftest import make_user
from tests.dossiers.fixtures import PDF_BYTES, png_file
from tests.pdf import flat, text_of

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SIGNATURE = "TỔ TRƯỞNG TỔ TƯ VẤN (Ký, ghi rõ họ tên)"
NO_REPORT = "Chưa có báo cáo"


def _seat(council, office_actor, username, role, office, title=""):
    user = make_user(username, Role.COUNCIL_MEMBER, province="01")
    councils.add_member(
        council,
        user,
        actor=office_actor,
        role=role,
        body=Body.ADVISORY,
        office=office,
        title=title,
    )
    return user


@pytest.fixture
def advisor(council, province_officer):
    return _seat(
        council, province_officer, "tv.thanhvien", MemberRole.MEMBER, "Chi cục Phát triển nông thôn"
    )


@pytest.fixture
def leader(council, province_officer):
    return _seat(
        council,
        province_officer,
        "tv.totruong",
        MemberRole.LEADER,
        "Văn phòng Điều phối nông thôn mới",
        title="Phó Chánh Văn phòng",
    )


def _url(evaluation) -> str:
    return reverse("evaluation:advisory_pdf", args=[evaluation.code])


def _pdf(client, evaluation) -> str:
    response = client.get(_url(evaluation))
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return text_of(response.content)


def _local(value) -> str:
    return value.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")


def test_the_report_prints_the_review_and_the_leaders_signature(
    client_for, evaluation, advisor, leader, producer_user, document, chair
):
    due = timezone.localdate() + dt.timedelta(days=7)
    on_criterion = advisory.add_finding(
        evaluation, actor=advisor, text="Chưa có hợp đồng mua đất sét", criterion="1.1"
    )
    advisory.add_finding(evaluation, actor=advisor, text="Hồ sơ trình bày rõ ràng")
    answered = advisory.request_documents(
        evaluation, actor=advisor, what="Hợp đồng mua nguyên liệu men năm 2026", due_on=due
    )
    advisory.answer_request(
        answered, actor=producer_user, answer="Gửi bản chụp hợp đồng", documents=[document]
    )
    advisory.request_documents(
        evaluation, actor=advisor, what="Hóa đơn bán hàng quý IV", due_on=due
    )
    advisory.record_visit(
        evaluation,
        actor=advisor,
        visited_on=timezone.localdate(),
        people="Tổ tư vấn, cán bộ xã, chủ cơ sở",
        notes="Lò nung gas, khu đóng gói riêng",
        files=[png_file("xuong.png"), ContentFile(PDF_BYTES, name="bien-ban.pdf")],
    )
    advisory.request_lab_test(evaluation, actor=advisor, what="Chì thôi ra từ men", lab="Quatest 1")
    done = advisory.request_lab_test(evaluation, actor=advisor, what="Cadimi thôi ra từ men")
    advisory.record_lab_result(done, actor=advisor, note="Đạt QCVN 12-4:2015/BYT")
    first = advisory.file_report(
        evaluation, actor=leader, text="Thiếu hợp đồng", conclusion=ReportConclusion.NOT_READY
    )
    latest = advisory.file_report(
        evaluation,
        actor=advisor,
        text="Chủ thể đã bổ sung hợp đồng.\nĐề nghị Hội đồng lưu ý nhãn.",
        conclusion=ReportConclusion.WITH_NOTES,
    )

    text = _pdf(client_for(chair), evaluation)
    body = flat(text)
    dossier = evaluation.dossier
    assert flat("BÁO CÁO ĐÁNH GIÁ HỒ SƠ SẢN PHẨM CỦA TỔ TƯ VẤN") in body
    assert flat(evaluation.round.council.name.upper()) in body
    assert flat("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc") in body
    assert flat(f"Kính gửi: Chủ tịch {evaluation.round.council.name}") in body
    for value in (
        dossier.product.name,
        dossier.producer.name,
        f"{dossier.commune.name}, {dossier.province.name}",
        dossier.criteria_set.product_set.name,
        str(evaluation.round),
    ):
        assert flat(value) in body, value
    # The team: the leader first, with title and office, then the members.
    office = "Phó Chánh Văn phòng, Văn phòng Điều phối nông thôn mới"
    team = f"1 {leader.full_name} {office} Tổ trưởng 2 {advisor.full_name} Chi cục Phát triển"
    assert flat(team) in body
    # The latest report, when and by whom (Vietnam's time); the superseded one noted.
    assert flat(f"Kết luận, đề xuất: {ReportConclusion.WITH_NOTES.label}") in body
    assert flat("Chủ thể đã bổ sung hợp đồng.") + flat("Đề nghị Hội đồng lưu ý nhãn.") in body
    assert flat(f"lúc {_local(latest.filed_at)} ({advisor.full_name})") in body
    assert flat(f"Gửi lúc {_local(first.filed_at)} ({leader.full_name})") in body
    assert NO_REPORT not in text
    # Findings: on a criterion (its name given) and on the whole dossier.
    assert flat(f"Tiêu chí 1.1 (Nguồn nguyên liệu): {on_criterion.text}") in body
    assert flat(f"Toàn hồ sơ: Hồ sơ trình bày rõ ràng ({advisor.full_name}") in body
    # Requests and answers.
    assert flat("Hợp đồng mua nguyên liệu men năm 2026") in body
    assert flat(f"hạn bổ sung {due:%d/%m/%Y}") in body
    assert flat("Trả lời của chủ thể: Gửi bản chụp hợp đồng") in body
    assert flat(f"Tài liệu bổ sung: {document.title}") in body
    assert flat(f"({producer_user.full_name})") in body
    assert flat("Hóa đơn bán hàng quý IV") + flat("- Đề nghị ngày") in body
    assert body.index(flat("Hóa đơn bán hàng quý IV")) < body.index(flat("chưa trả lời"))
    # The visit (one photo, one other file) and the lab tests.
    assert flat("Lò nung gas, khu đóng gói riêng - Ảnh chụp: 1; tệp khác") in body
    assert flat("Chì thôi ra từ men (đơn vị kiểm nghiệm: Quatest 1): chờ kết quả") in body
    assert flat("Cadimi thôi ra từ men: Đạt QCVN 12-4:2015/BYT") in body
    assert flat(f"{SIGNATURE} {leader.full_name}") in body


def test_before_any_report_the_draft_says_so(client_for, evaluation, advisor, leader):
    advisory.add_finding(evaluation, actor=advisor, text="Nhãn chưa ghi hạn dùng")
    text = _pdf(client_for(advisor), evaluation)
    body = flat(text)
    assert flat(f"{NO_REPORT}.") in body
    assert "Kết luận, đề xuất:" not in text
    assert flat("Nhãn chưa ghi hạn dùng") in body  # the work so far is printed
    assert flat("Chưa có đề xuất bổ sung hồ sơ.") in body
    assert flat(f"{SIGNATURE} {leader.full_name}") in body


def test_who_may_download_the_report(
    client_for,
    evaluation,
    advisor,
    chair,
    scorers,
    province_officer,
    other_province_officer,
    producer_user,
):
    """Whoever reads the team's page: the council, the team, its office; nobody else."""
    advisory.file_report(
        evaluation, actor=advisor, text="Báo cáo nội bộ", conclusion=ReportConclusion.READY
    )

    def status(user):
        return client_for(user).get(_url(evaluation)).status_code

    assert [status(u) for u in (advisor, chair, scorers[1], province_officer)] == [200] * 4
    assert [status(u) for u in (producer_user, other_province_officer)] == [404, 404]


def test_the_advisory_page_and_the_product_page_link_the_report(
    client_for, evaluation, advisor, chair
):
    url = _url(evaluation)
    page = client_for(chair).get(reverse("evaluation:advisory", args=[evaluation.code]))
    assert url in page.content.decode()
    product = client_for(chair).get(reverse("evaluation:product", args=[evaluation.code]))
    section = product.content.decode().split('id="advisory"', 1)[1]
    assert url in section
