"""A visitor on a 360 px phone searches the catalogue without accents, filters, opens a
product and follows its verification link; axe-core (vendored in tests/browser/vendor)
finds no serious or critical violation on the public pages, at 360 px and 1280 px."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def axe_violations(page) -> list[str]:
    """The serious and critical violations axe-core finds on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return found


@pytest.fixture
def small_phone(browser):
    """360 px, with the page's CSP bypassed only so that axe can be injected."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_search_filter_open_verify_on_a_phone(live_server, small_phone, shelf):
    page = small_phone
    page.goto(live_server.url + reverse("catalogue:search"))
    assert axe_violations(page) == []
    page.get_by_label("Tìm theo tên sản phẩm hoặc chủ thể").fill("nuoc mam phu quoc")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".product-card h3").first.inner_text() == "Nước mắm Phú Quốc"
    # Filter: the province and the stars, through the filter box (no JavaScript needed).
    page.locator("summary", has_text="Bộ lọc").click()
    page.get_by_label("Tỉnh, thành phố").select_option("91")
    page.get_by_label("Hạng sao").select_option("4")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    assert "tinh=91" in page.url and "sao=4" in page.url
    cards = page.locator(".product-card h3")
    assert cards.all_inner_texts() == ["Nước mắm Phú Quốc"]
    assert axe_violations(page) == []
    shot(page, "catalogue-search-360")
    # No horizontal scrolling on a small phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    cards.first.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Nước mắm Phú Quốc"
    assert "Còn hiệu lực" in page.locator("section.status").inner_text()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "catalogue-product-360")
    page.get_by_role("link", name="Xem giấy chứng nhận (trang tra cứu mã QR)").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("certificates:verify", args=[shelf.certificates["mam4"].code]))
    assert "Còn hiệu lực" in page.locator(".status .big").inner_text()


def test_public_pages_pass_axe_on_a_desktop_and_a_phone(live_server, desktop, small_phone, shelf):
    urls = [
        reverse("catalogue:search") + "?q=mat+ong&tat_ca=1",
        reverse("catalogue:product", args=[shelf.products["ong"].code]),
        reverse("catalogue:product", args=[shelf.products["revoked"].code]),
        reverse("catalogue:producer", args=[shelf.producers["angiang"].code]),
        reverse("catalogue:map"),
        reverse("catalogue:open_data"),
        reverse("promotion:calendar"),
    ]
    for page in (desktop, small_phone):
        for url in urls:
            page.goto(live_server.url + url)
            assert axe_violations(page) == [], url


def test_the_catalogue_by_keyboard_alone(live_server, desktop, shelf):
    page = desktop
    page.goto(live_server.url + reverse("catalogue:search"))
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.get_by_label("Tìm theo tên sản phẩm hoặc chủ thể").focus()
    page.keyboard.type("dac san")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first = page.locator(".product-card h3 a").first
    assert first.inner_text() == "Đặc sản chả mực Hạ Long"
    first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Đặc sản chả mực Hạ Long"
