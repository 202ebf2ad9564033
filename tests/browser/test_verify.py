"""A consumer scans a label: its URL on a 360 px phone, for a certificate in each status,
reads one big status at a glance; an old label leads to the current certificate; an unknown
code gets a page saying what to do."""

import datetime as dt

import pytest
from django.utils import timezone

from ocop.certificates.enums import Authority
from ocop.products import actions as product_actions
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _products(product, user, n):
    return [product] + [
        product_actions.create_product(
            product.producer, actor=user, product_set=product.product_set, name=f"Sản phẩm {i}"
        )
        for i in range(1, n)
    ]


def test_a_label_in_each_status_on_a_phone(
    live_server, phone, enter_certificate, product, producer_user, revoke
):
    today = timezone.localdate()
    p = _products(product, producer_user, 6)
    old = enter_certificate(p[0], valid_from=today - dt.timedelta(days=500))
    certs = {
        "Còn hiệu lực": enter_certificate(p[0], valid_from=today - dt.timedelta(days=20), stars=4),
        "Sắp hết hạn": enter_certificate(p[1], valid_from=today - dt.timedelta(days=1000)),
        "Hết hạn": enter_certificate(p[2], valid_from=today - dt.timedelta(days=1500)),
        "Đã bị thu hồi": enter_certificate(p[3], valid_from=today - dt.timedelta(days=200)),
        "Đã được thay thế": old,
    }
    extended = enter_certificate(
        p[4],
        valid_from=dt.date(2023, 10, 10),
        authority=Authority.DISTRICT,
        authority_name="Ủy ban nhân dân huyện Gia Lâm (cũ)",
        instrument="148/QĐ-TTg",
    )
    if extended.status() == "extended":
        certs["Đang gia hạn theo Điều 12.3"] = extended
    revoke(certs["Đã bị thu hồi"])
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for label, cert in certs.items():
        phone.goto(f"{live_server.url}/v/{cert.code}")
        status = phone.locator(".status .big")
        assert label in status.inner_text(), label
        assert cert.product_name in phone.locator("h1").inner_text()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, label
        assert phone.evaluate("document.scripts.length") == 0
        shot(phone, f"verify-{cert.status()}")
    # An old label leads to the certificate in force.
    phone.goto(f"{live_server.url}/v/{old.code}")
    phone.get_by_role("link", name="Xem giấy chứng nhận hiện hành").click()
    assert "Còn hiệu lực" in phone.locator(".status .big").inner_text()
    assert errors == []  # no Content-Security-Policy complaint, no missing file
    # A label whose code is unknown (the page answers 404, which the console notes): what to
    # do, and the report form.
    phone.goto(f"{live_server.url}/v/ZZZZ2345ZZ")
    assert "Không tìm thấy" in phone.locator(".status .big").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("link", name="Báo sản phẩm nghi giả").click()
    assert "/phan-anh/" in phone.url
    assert [e for e in errors if "404" not in e] == []
