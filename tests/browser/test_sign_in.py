import pytest

from ocop.accounts.enums import Role
from tests.browser.conftest import shot
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_province_officer_signs_in_and_sees_their_page(live_server, phone, places):
    make_user("tinh.hanoi", Role.PROVINCE_OFFICER, province="01")
    make_user("xa.battrang", Role.COMMUNE_OFFICER, commune="00583")
    make_user("xa.donduong", Role.COMMUNE_OFFICER, commune="24931")
    csp_errors = []
    phone.on("console", lambda m: csp_errors.append(m.text) if m.type == "error" else None)

    phone.goto(f"{live_server.url}/accounts/")  # private: sent to sign in
    assert "/accounts/login/" in phone.url
    phone.get_by_label("Tên đăng nhập").fill("tinh.hanoi")
    phone.get_by_label("Mật khẩu").fill(PASSWORD)
    phone.get_by_role("button", name="Đăng nhập").click()

    phone.wait_for_url(f"{live_server.url}/accounts/")
    main = phone.locator("main")
    assert "Cán bộ OCOP cấp tỉnh" in main.inner_text()
    assert "Thành phố Hà Nội" in main.inner_text()
    # Nothing overflows a 360 px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "province-officer-dashboard")

    phone.get_by_role("link", name="Mở danh sách người dùng").click()
    phone.wait_for_url(f"{live_server.url}/accounts/users/")
    users = phone.locator("main table").inner_text()
    assert "xa.battrang" in users and "tinh.hanoi" in users
    assert "xa.donduong" not in users  # another province
    shot(phone, "province-officer-users")
    assert csp_errors == []
