"""A product from a closed council result to the ministry's 5★ decision, on pages: the
province approves the result and records it, prepares the package (letter generated, the
advisory report uploaded, samples counted) and sends it; the ministry's office checks each
paper and receives it; after the central council's result (scored through the actions, as
the council's own browser test scores on pages) the ministry drafts and records the
Minister's decision, whose PDF names the product as 5★."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from ocop.evaluation import councils
from ocop.evaluation.walk import answers_at, score, set_up_council
from ocop.recognition import queries
from ocop.recognition.enums import PackageState
from ocop.recognition.models import Package
from tests.browser.test_dossier_flow import _fits_phone, _new_page, _sign_in, _watch_console
from tests.dossiers.fixtures import PDF_BYTES
from tests.pdf import text_of
from tests.recognition.test_five_star import CENTRAL_SEATS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1100, "height": 900}


def _heading(page, number, day):
    page.get_by_label("Số quyết định").fill(number)
    page.get_by_label("Ngày ký").fill(day)


def test_a_closed_result_becomes_a_five_star_product(
    browser, live_server, evaluation, close_with, province_officer, central_officer, tmp_path
):
    from ocop.accounts.enums import Role
    from ocop.evaluation import actions as evaluation_actions
    from tests.conftest import make_user

    closed = close_with(evaluation, "best")
    base = live_server.url
    province, ministry = _new_page(browser, PHONE), _new_page(browser, DESK)
    try:
        errors = _watch_console(province) + _watch_console(ministry)
        _sign_in(province, base, province_officer.username)
        _sign_in(ministry, base, central_officer.username)

        # The province approves the ≥ 90 result and records the Chairman's decision.
        province.goto(f"{base}/cong-nhan/dot/{closed.round.code}/")
        approval = province.locator("section", has_text="phê duyệt kết quả").first
        approval.get_by_role("checkbox").check()
        _heading(approval, "55/QĐ-UBND", "2026-12-20")
        approval.get_by_role("button", name="Lập dự thảo quyết định phê duyệt").click()
        province.get_by_role("button", name="Ghi nhận đã ban hành").click()
        expect(province.get_by_text("Đã ban hành quyết định.")).to_be_visible()

        # The package: refused while incomplete, then completed and sent.
        province.goto(f"{base}/cong-nhan/de-nghi-5-sao/")
        province.get_by_role("button", name="Lập hồ sơ").click()
        expect(province.get_by_text("Tỉnh đang chuẩn bị")).to_be_visible()
        province.get_by_role("button", name="Gửi hồ sơ đến Bộ").click()
        expect(province.get_by_text("Hồ sơ còn thiếu:")).to_be_visible()
        province.get_by_label("Số văn bản của UBND tỉnh").fill("77/UBND-NNMT")
        province.get_by_label("Ngày văn bản").fill("2027-01-05")
        province.get_by_label("Số sản phẩm mẫu gửi kèm").fill("5")
        province.get_by_role("button", name="Lưu").click()
        province.get_by_role("button", name="Tạo văn bản đề nghị từ hồ sơ (PDF)").click()
        expect(province.get_by_text("Đã tạo văn bản")).to_be_visible()
        report = tmp_path / "bao-cao-to-tu-van.pdf"
        report.write_bytes(PDF_BYTES)
        province.get_by_label("Giấy tờ").select_option("advisory_report")
        province.get_by_label("Tệp").set_input_files(str(report))
        province.get_by_role("button", name="Đính kèm").click()
        expect(province.get_by_text("Đã đính kèm.")).to_be_visible()
        _fits_phone(province)
        province.get_by_role("button", name="Gửi hồ sơ đến Bộ").click()
        expect(province.get_by_text("Đã gửi hồ sơ đến Bộ")).to_be_visible()
        package = Package.objects.get()
        assert package.state == PackageState.SENT

        # The ministry's office ticks each paper; the generated letter names the product.
        ministry.goto(f"{base}/cong-nhan/de-nghi-5-sao/{package.code}/")
        letter = ministry.get_by_role("link", name="Số 77/UBND-NNMT", exact=False)
        response = ministry.request.get(base + letter.get_attribute("href"))
        assert response.ok and closed.dossier.product.name in text_of(response.body())
        for box in ministry.locator('input[name="confirmed"]').all():
            box.check()
        ministry.get_by_label("Số sản phẩm mẫu nhận được").fill("5")
        ministry.get_by_role("button", name="Tiếp nhận hồ sơ").click()
        expect(ministry.get_by_text("Đã tiếp nhận hồ sơ.")).to_be_visible()

        # The central council scores it (through the actions).
        seats = [
            (make_user(u, Role.COUNCIL_MEMBER), role, office) for u, role, office in CENTRAL_SEATS
        ]
        council = set_up_council(None, central_officer, seats)
        rnd = councils.create_round(council, actor=central_officer, year=2027, number=1)
        (central,) = councils.add_dossiers(rnd, [package.dossier], actor=central_officer)
        answers = answers_at(package.dossier.criteria_set.sheet(), "best")
        for user, _role, _office in seats[:4]:
            score(central, user, answers)
        evaluation_actions.close(central, actor=seats[0][0])

        # The Minister's decision.
        ministry.goto(f"{base}/cong-nhan/dot/{rnd.code}/")
        five = ministry.locator("section", has_text="quyết định công nhận của Bộ trưởng")
        five.get_by_role("checkbox").check()
        _heading(five, "901/QĐ-BNNMT", "2027-03-10")
        five.get_by_role("button", name="Lập dự thảo quyết định công nhận 5 sao").click()
        ministry.get_by_role("button", name="Ghi nhận đã ban hành").click()
        expect(ministry.get_by_text("Đã ban hành quyết định.")).to_be_visible()
        pdf = ministry.request.get(
            base + ministry.get_by_role("link", name="Tải quyết định (PDF)").get_attribute("href")
        )
        text = text_of(pdf.body())
        assert "5 SAO" in text and closed.dossier.product.name in text
        line = queries.recognition_of(closed.dossier.product)
        assert line.stars == 5 and line.decision.signed_on == dt.date(2027, 3, 10)
        assert line.decision.by_ministry
        assert errors == []
    finally:
        province.context.close()
        ministry.context.close()
