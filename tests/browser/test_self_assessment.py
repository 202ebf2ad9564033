import pytest

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_producer_fills_a_sheet_on_a_phone_and_reads_the_result(live_server, phone, criteria):
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.goto(f"{live_server.url}/tu-danh-gia/")
    phone.get_by_label("Tìm bộ sản phẩm").fill("nuoc mam")  # folds accents as you type
    visible = phone.locator("[data-filter-item]:visible")
    assert visible.count() == 1
    visible.get_by_role("link").click()
    phone.wait_for_url("**/tu-danh-gia/QD26-2026-S09/")

    # Top option everywhere (the last radio of each criterion): the running total follows.
    for fieldset in phone.locator("fieldset.leaf").all():
        fieldset.locator("label.option").last.click()
    assert phone.locator("[data-running-total]").inner_text() == "100"
    assert "1.1=1.1-" in phone.url  # answers kept in the address: a reload keeps them
    phone.reload()
    assert (
        phone.locator("input[type=radio]:checked").count() == phone.locator("fieldset.leaf").count()
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "self-assessment-sheet", full_page=False)

    # Drop the 3★ market minimum (4.1): the total stays high but the stars fall to 2.
    phone.locator("fieldset[data-criterion='4.1'] label.option").first.click()
    phone.get_by_role("button", name="Xem kết quả").click()
    phone.wait_for_url("**/ket-qua/**")
    summary = phone.locator(".result-summary")
    assert summary.get_attribute("data-stars") == "2"
    assert "chưa đủ điều kiện công nhận OCOP" in summary.inner_text()
    assert "4.1" in phone.locator(".card.warning").inner_text()
    assert "Để đạt 3 sao" in phone.locator("main").inner_text()
    shot(phone, "self-assessment-result")
    assert errors == []
