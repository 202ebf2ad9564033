"""One dossier from the producer's draft to "accepted for a round", as real users would.

The producer works on a 360 px phone; the commune officer on a phone too, the province officer
on a laptop. Everything is done through the pages; only the people exist beforehand.
"""

import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from ocop.dossiers.actions import round_for
from ocop.dossiers.models import Dossier
from ocop.legal.models import ProductSet
from tests.browser.conftest import shot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
PRODUCT = "Bình gốm men lam vẽ tay"
DOCUMENT = "Ảnh bình gốm và hộp quà"


def _shot(page, name, full_page=True):
    shot(page, f"dossier-flow-{name}", full_page=full_page)


def _fits_phone(page):
    """Nothing is wider than a 360 px screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{page.url} is {width} px wide"


def _watch_console(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _new_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def _sign_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _menu_link(page, name):
    """A link of the header menu, opening the menu first on a phone."""
    menu = page.locator("details.menu")
    if not menu.evaluate("el => el.open"):
        menu.locator("summary").click()
    return menu.get_by_role("link", name=name)


def _state(page):
    return page.locator(".page-head .state")


def _png(path):
    Image.new("RGB", (120, 90), (30, 80, 160)).save(path, "PNG")
    return path


def test_a_dossier_goes_from_the_producers_phone_to_a_provincial_round(
    live_server,
    browser,
    phone,
    tmp_path,
    criteria,
    producer,
    producer_user,
    commune_officer,
    province_officer,
):
    base = live_server.url
    today = timezone.localdate()
    product_set = ProductSet.objects.get(number=21)
    assert "Thủ công mỹ nghệ" in str(product_set)
    errors = _watch_console(phone)

    # --- the producer, on a phone ---------------------------------------------------------
    _sign_in(phone, base, producer_user.username)
    _menu_link(phone, "Chủ thể OCOP").click()
    phone.wait_for_url(f"{base}/chu-the/{producer.code}/")
    expect(phone.locator("h1")).to_have_text(producer.name)

    # One photo into the evidence library.
    phone.get_by_role("link", name="Mở thư viện").click()
    phone.wait_for_url(f"{base}/chu-the/{producer.code}/tai-lieu/")
    upload = phone.locator("form[enctype='multipart/form-data']")
    upload.get_by_label("Loại tài liệu").select_option(label="Hình ảnh sản phẩm, bao bì, nhãn")
    upload.get_by_label("Tên tài liệu").fill(DOCUMENT)
    upload.get_by_label("Tệp").set_input_files(str(_png(tmp_path / "binh-gom.png")))
    upload.get_by_role("button", name="Tải lên").click()
    expect(phone.locator(".messages")).to_contain_text(f"Đã thêm “{DOCUMENT}” vào thư viện.")
    library = phone.locator(".evidence-list")
    expect(library).to_contain_text(DOCUMENT)
    expect(library.locator("img")).to_have_count(1)  # the thumbnail is served
    assert library.locator("img").evaluate("img => img.naturalWidth") > 0
    _fits_phone(phone)
    _shot(phone, "1-evidence-library")

    # A product of set 21, with the photo.
    phone.get_by_role("link", name=f"← {producer.name}").click()
    phone.get_by_role("link", name="Thêm sản phẩm").click()
    phone.get_by_label("Tên sản phẩm").fill(PRODUCT)
    phone.get_by_label("Bộ sản phẩm").select_option(label=str(product_set))
    phone.get_by_label("Mô tả sản phẩm").fill("Bình gốm men lam, vẽ tay, cao 30 cm.")
    phone.get_by_label(DOCUMENT).check()
    phone.get_by_role("button", name="Lưu").click()
    expect(phone.locator(".messages")).to_contain_text(f"Đã thêm sản phẩm {PRODUCT}.")
    expect(phone.locator("h1")).to_have_text(PRODUCT)
    expect(phone.locator("main")).to_contain_text("Cấp khi xã đề nghị lên tỉnh")
    _fits_phone(phone)
    _shot(phone, "2-product")

    # A first-evaluation dossier.
    phone.get_by_role("link", name="Lập hồ sơ").click()
    expect(phone.get_by_label("Đánh giá lần đầu")).to_be_checked()
    phone.get_by_label("Đánh giá lần đầu").check()
    phone.get_by_role("button", name="Lập hồ sơ").click()
    phone.wait_for_url(re.compile(r"/ho-so/[^/]+/$"))
    dossier = Dossier.objects.get(product__name=PRODUCT)
    detail_url = f"{base}/ho-so/{dossier.code}/"
    assert phone.url == detail_url
    expect(_state(phone)).to_have_text("Bản nháp")
    expect(phone.locator("#actions")).to_contain_text("Chưa nộp được:")

    # The required fields of parts I and II, each through its own page and its Save button.
    sections = {
        "Phần I. Thông tin chung": {
            "Tên sản phẩm/dịch vụ, mô tả về quy cách sản phẩm": "Bình gốm men lam, cao 30 cm, "
            "đóng hộp gỗ; TCCS 01:2026.",
            "Lịch sử hình thành của chủ thể": "Hợp tác xã thành lập năm 2015 từ 12 lò gốm.",
        },
        "Phần II. Kết quả thực hiện phương án sản xuất kinh doanh": {
            "Tổ chức vùng nguyên liệu": "Đất sét Trúc Thôn, lò ga, men tro tự pha.",
            "Thị trường phân phối sản phẩm": "Hà Nội, Thành phố Hồ Chí Minh, xuất khẩu Nhật Bản.",
        },
    }
    for title, fields in sections.items():
        phone.get_by_role("link", name=title).click()
        expect(phone.locator("h1")).to_have_text(title)
        for label, text in fields.items():
            phone.get_by_label(label).fill(text)
        phone.get_by_role("button", name="Lưu và quay lại hồ sơ").click()
        phone.wait_for_url(detail_url)
        expect(phone.locator(".messages")).to_contain_text("Đã lưu.")

    # Part IV: typed, saved by itself, and left by the back link.
    phone.get_by_role("link", name="Phần IV. Kế hoạch sản xuất, kinh doanh").click()
    with phone.expect_request(lambda r: r.method == "POST" and "/muc/part4/" in r.url) as saved:
        phone.get_by_label("Định hướng, kế hoạch phát triển sản phẩm").fill(
            "Mở phòng trưng bày và bán trực tuyến."
        )
    assert saved.value.response().ok
    expect(phone.locator("[data-save-status]")).to_contain_text("Đã lưu lúc")
    _fits_phone(phone)
    _shot(phone, "3-part-four-autosaved")
    phone.get_by_role("link", name=f"← {PRODUCT} ({dossier.code})").click()
    phone.wait_for_url(detail_url)
    # Only Part III is left to do.
    expect(phone.locator(".section-list .flag")).to_have_count(1)
    expect(phone.locator(".section-list .flag")).to_have_text("thiếu 28 mục")

    # Part III: the top option of every criterion, a note and the photo for one of them.
    phone.get_by_role("link", name="Tự chấm điểm (Phần III)").click()
    phone.wait_for_url(f"{detail_url}tu-danh-gia/")
    leaves = phone.locator("fieldset.leaf")
    assert leaves.count() == 28
    assert phone.locator("[data-choose-one]").count() == 0  # no "choose one case" in set 21
    for fieldset in leaves.all():
        fieldset.locator("label.option").last.click()  # options go from lowest to highest
    expect(phone.locator("[data-running-total]")).to_have_text("100")  # counted in the page
    first = phone.locator("fieldset[data-criterion='1.1']")
    first.locator("summary").click()
    first.get_by_label("Mô tả, chứng minh kết quả").fill("Ảnh bình gốm trong thư viện.")
    status = phone.locator("[data-save-status]")
    # The save that follows the last change carries everything; wait for it, then the words.
    with phone.expect_request(
        lambda r: r.method == "POST" and r.url.endswith("/tu-danh-gia/")
    ) as last_save:
        first.get_by_label(DOCUMENT).check()
    assert last_save.value.response().ok
    expect(status).to_contain_text("Đã lưu lúc")
    expect(phone.locator("[data-stars]")).to_have_text("5 sao")
    _shot(phone, "4-part-three-saved", full_page=False)  # the sticky total bar, as seen
    version = dossier.versions.get()
    assert len(version.answers) == 28 and version.result["total"] == 100
    assert [(link.criterion, link.document.title) for link in version.links.all()] == [
        ("1.1", DOCUMENT)
    ]

    phone.reload()
    assert phone.locator("input[type=radio]:checked").count() == 28
    assert phone.evaluate(
        """() => [...document.querySelectorAll('fieldset.leaf')].every(f => {
            const radios = f.querySelectorAll('input[type=radio]');
            return radios[radios.length - 1].checked;
        })"""
    )
    expect(phone.locator("[data-running-total]")).to_have_text("100")
    expect(phone.locator("[data-stars]")).to_have_text("5 sao")
    expect(first.locator("details")).to_have_attribute("open", "")
    expect(first.get_by_label("Mô tả, chứng minh kết quả")).to_have_value(
        "Ảnh bình gốm trong thư viện."
    )
    expect(first.get_by_label(DOCUMENT)).to_be_checked()
    assert phone.locator("input[type=checkbox]:checked").count() == 1
    _fits_phone(phone)
    _shot(phone, "4-part-three")

    # Submit from the dossier page.
    phone.get_by_role("link", name=f"← {PRODUCT} ({dossier.code})").click()
    phone.wait_for_url(detail_url)
    expect(phone.locator("[data-total]")).to_have_text("100")
    expect(phone.locator(".section-list .flag")).to_have_count(0)
    expect(phone.locator("#actions")).not_to_contain_text("Chưa nộp được:")
    _fits_phone(phone)
    _shot(phone, "5-draft-ready")
    phone.get_by_role("button", name="Nộp hồ sơ").click()
    phone.wait_for_url(detail_url)
    expect(_state(phone)).to_have_text("Đã nộp, chờ xã tiếp nhận")
    expect(phone.locator(".countdown")).to_have_text("Còn 15 ngày làm việc")
    expect(phone.locator("main")).to_contain_text("đã nộp, không sửa được")
    expect(phone.get_by_role("button", name="Nộp hồ sơ")).to_have_count(0)
    _fits_phone(phone)
    _shot(phone, "6-submitted")

    # --- the commune officer, on a phone --------------------------------------------------
    commune = _new_page(browser, PHONE)
    commune_errors = _watch_console(commune)
    _sign_in(commune, base, commune_officer.username)
    _menu_link(commune, "Hồ sơ sản phẩm").click()
    commune.wait_for_url(f"{base}/ho-so/")
    row = commune.locator("table.responsive tbody tr", has_text=PRODUCT)
    expect(row).to_contain_text("Đã nộp, chờ xã tiếp nhận")
    expect(row).to_contain_text("Còn 15 ngày làm việc")
    _fits_phone(commune)
    _shot(commune, "7-commune-queue")
    row.get_by_role("link", name=PRODUCT).click()
    commune.wait_for_url(detail_url)
    # The paper set came with the electronic one (Điều 7.1): ticked at the receipt.
    commune.get_by_label("Đã nhận 01 bộ hồ sơ giấy").check()
    commune.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(_state(commune)).to_have_text("Xã đang xem xét")
    expect(commune.locator("main")).to_contain_text(f"-21/PĐK-01-00583-{today.year}")
    expect(commune.locator(".facts-list")).to_contain_text("Đã nhận (cùng bộ hồ sơ điện tử)")
    expect(commune.locator("#actions")).to_contain_text("Chưa đề nghị lên tỉnh được:")

    commune.get_by_role("link", name="Lập, sửa báo cáo Mẫu 03").click()
    commune.wait_for_url(f"{detail_url}mau-03/")
    commune.get_by_label("Về sử dụng nguyên liệu địa phương").fill("Đất sét khai thác tại xã.")
    commune.get_by_label("Về sử dụng lao động địa phương").fill("15 trên 20 lao động ở xã.")
    commune.get_by_label("Nguồn gốc ý tưởng sản phẩm").fill("Sản phẩm truyền thống.")
    commune.get_by_label("Bản sắc, trí tuệ địa phương").fill("Men lam Bát Tràng, vẽ tay.")
    commune.get_by_label("Số văn bản đề nghị").fill("12/UBND-KT")
    commune.get_by_label("Ngày văn bản đề nghị").fill(today.isoformat())
    commune.get_by_label("Số sản phẩm mẫu đã nhận").fill("5")
    _fits_phone(commune)
    _shot(commune, "8-commune-mau-03")
    commune.get_by_role("button", name="Lưu báo cáo").click()
    commune.wait_for_url(detail_url)
    expect(commune.locator(".messages")).to_contain_text("Đã lưu báo cáo Mẫu 03.")
    expect(commune.locator("main")).to_contain_text("Đã nhận 5 sản phẩm mẫu.")
    # The letter itself (Điều 6.2.a), not only its number: generated from Mẫu 03.
    expect(commune.locator("#actions")).to_contain_text("Chưa đính kèm văn bản đề nghị")
    commune.get_by_role("link", name="Lập, sửa báo cáo Mẫu 03").click()
    commune.wait_for_url(f"{detail_url}mau-03/")
    commune.get_by_role("button", name="Tạo văn bản từ Mẫu 03").click()
    expect(commune.locator(".messages")).to_contain_text(
        "Đã đính kèm văn bản đề nghị số 12/UBND-KT."
    )
    commune.get_by_role("link", name=f"← {PRODUCT} ({dossier.code})").click()
    commune.wait_for_url(detail_url)
    letter = commune.get_by_role("link", name="Văn bản đề nghị số 12/UBND-KT")
    expect(letter).to_be_visible()
    expect(commune.locator("#actions")).not_to_contain_text("Chưa đề nghị lên tỉnh được:")
    commune.get_by_role("button", name="Đề nghị tỉnh đánh giá, phân hạng").click()
    expect(_state(commune)).to_have_text("Xã đã đề nghị, chờ tỉnh tiếp nhận")
    # The code's year is the year of the round the product is proposed for (Phụ lục II).
    round_year, round_number = round_for(today)
    ocop_code = f"01-00583-001-{round_year}"
    expect(commune.locator(".facts-list")).to_contain_text(ocop_code)
    _fits_phone(commune)
    _shot(commune, "9-commune-proposed")
    assert commune_errors == []
    commune.context.close()

    # --- the province officer, on a laptop ------------------------------------------------
    province = _new_page(browser, LAPTOP)
    province_errors = _watch_console(province)
    _sign_in(province, base, province_officer.username)
    _menu_link(province, "Hồ sơ sản phẩm").click()
    province.wait_for_url(f"{base}/ho-so/")
    row = province.locator("table.responsive tbody tr", has_text=PRODUCT)
    expect(row).to_contain_text("Xã đã đề nghị, chờ tỉnh tiếp nhận")
    row.get_by_role("link", name=PRODUCT).click()
    province.wait_for_url(detail_url)
    expect(province.get_by_label("Đã nhận 01 bộ hồ sơ giấy")).to_have_count(0)  # the commune's
    province.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(_state(province)).to_have_text("Tỉnh đang kiểm tra")
    expect(province.get_by_label("Đợt")).to_have_value(str(round_number))
    expect(province.get_by_label("Năm")).to_have_value(str(round_year))
    province.get_by_role("button", name="Nhận vào đợt đánh giá").click()
    expect(_state(province)).to_have_text("Đã nhận vào đợt đánh giá")
    expect(province.locator(".facts-list")).to_contain_text(f"Đợt {round_number} năm {round_year}")
    expect(province.locator("#actions")).to_have_count(0)  # nothing left to do
    _shot(province, "10-province-accepted")
    assert province_errors == []
    province.context.close()

    # --- the producer again: told of each step by the offices ------------------------------
    dossier.refresh_from_db()
    assert dossier.state == "accepted"
    assert dossier.product.ocop_code == ocop_code
    phone.goto(detail_url)
    expect(_state(phone)).to_have_text("Đã nhận vào đợt đánh giá")
    expect(phone.locator(".facts-list")).to_contain_text(ocop_code)
    # Received and proposed by the commune, received and accepted by the province.
    notices = _menu_link(phone, re.compile(r"^Thông báo"))
    expect(notices).to_have_text("Thông báo (4)")
    _fits_phone(phone)
    _shot(phone, "11-producer-accepted")
    notices.click()
    expect(phone.locator(".notifications li.unread")).to_have_count(4)
    expect(phone.locator(".notifications")).to_contain_text(dossier.code)
    _fits_phone(phone)
    _shot(phone, "12-producer-notifications")
    assert errors == []
