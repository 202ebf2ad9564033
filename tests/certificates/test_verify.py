"""The public verification page behind the QR code (``/v/<code>``): one big status a person
understands at a glance, in each state of a certificate's life; what a consumer should do;
an unknown code; light enough for a 3G phone; cacheable a minute and right at once after a
revocation."""

import datetime as dt
import io
import random
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from ocop.certificates.enums import Authority
from ocop.producers import actions as producer_actions

pytestmark = pytest.mark.django_db
PAGE_BUDGET = 30 * 1024  # bytes: the page, its stylesheet and its photo


def _get(cert_or_code, **params):
    code = getattr(cert_or_code, "code", cert_or_code)
    return Client().get(f"/v/{code}", params)


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _photo(product, user):
    """A busy 1600 × 1200 JPEG (noise compresses badly: the worst case for the budget)."""
    rng = random.Random(7)
    image = Image.new("RGB", (1600, 1200))
    image.putdata(
        [(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(1600 * 1200)]
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    photo = producer_actions.upload_evidence(
        product.producer,
        actor=user,
        file=ContentFile(out.getvalue(), name="binh.jpg"),
        kind="photo",
        title="Ảnh sản phẩm",
    )
    product.photos.add(photo)


def test_a_valid_certificate_says_so_with_what_the_label_promises(enter_certificate):
    today = timezone.localdate()
    cert = enter_certificate(valid_from=today - dt.timedelta(days=30), stars=4)
    response = _get(cert)
    assert response.status_code == 200
    text = _text(response)
    assert "Còn hiệu lực" in text
    for shown in (
        cert.product_name,
        cert.producer_name,
        cert.number,
        cert.decision_number,
        cert.code,
        cert.valid_from.strftime("%d/%m/%Y"),
        cert.expires_on.strftime("%d/%m/%Y"),
        "4 sao",
    ):
        assert shown in text, shown
    assert "Báo nhãn OCOP sai hoặc giả" in text
    assert f"/phan-anh/?ma={cert.code}" in response.content.decode()


def test_expiring_and_expired_read_at_a_glance(enter_certificate, product, producer_user):
    from ocop.products import actions as product_actions

    today = timezone.localdate()
    expiring = enter_certificate(valid_from=today - dt.timedelta(days=365 * 3 - 100))
    text = _text(_get(expiring))
    days = (expiring.expires_on - today).days
    assert "Sắp hết hạn" in text and f"Còn hiệu lực {days} ngày" in text
    other = product_actions.create_product(
        product.producer, actor=producer_user, product_set=product.product_set, name="Chén"
    )
    expired = enter_certificate(other, valid_from=today - dt.timedelta(days=365 * 4))
    assert expired.status() == "expired"
    text = _text(_get(expired))
    assert "Hết hạn" in text and "không còn được dùng nhãn OCOP" in text


def test_superseded_links_to_the_current_certificate(enter_certificate):
    today = timezone.localdate()
    old = enter_certificate(valid_from=today - dt.timedelta(days=400))
    new = enter_certificate(valid_from=today - dt.timedelta(days=10), stars=4)
    old.refresh_from_db()
    html = _get(old).content.decode()
    assert "Đã được thay thế" in html
    assert f'href="/v/{new.code}"' in html and new.number in html


def test_an_extended_certificate_shows_the_end_of_its_extension(enter_certificate):
    cert = enter_certificate(
        valid_from=dt.date(2023, 10, 10),
        instrument="148/QĐ-TTg",
        authority=Authority.DISTRICT,
        authority_name="Ủy ban nhân dân huyện Gia Lâm (cũ)",
    )
    if cert.status() != "extended":
        pytest.skip("the 148-era extension is over on this date")
    text = _text(_get(cert))
    assert "Đang gia hạn theo Điều 12.3" in text
    assert "07/04/2027" in text and "Ủy ban nhân dân huyện Gia Lâm (cũ)" in text
    assert "Cấp huyện không còn từ 01/07/2025" in text


def test_a_revocation_shows_at_once_with_its_ground_and_decision(enter_certificate, revoke):
    cert = enter_certificate(valid_from=timezone.localdate() - dt.timedelta(days=30))
    assert "Còn hiệu lực" in _text(_get(cert))  # now cached for a minute
    revoke(cert, ground="d", number="42/QĐ-UBND")
    text = _text(_get(cert))
    assert "Đã bị thu hồi" in text and "Còn hiệu lực" not in text
    assert "Sử dụng nhãn hiệu OCOP không đúng quy định" in text and "42/QĐ-UBND" in text


def test_an_unknown_code_gets_a_not_found_page_with_whom_to_contact(settings):
    settings.OCOP_CONTACT_PHONE = "024 3823 0000"
    for code in ("ZZZZ2345ZZ", "not-a-code", "O0I1" * 10):
        response = _get(code)
        assert response.status_code == 404
        text = _text(response)
        assert "Không tìm thấy" in text and "024 3823 0000" in text
        assert "Báo sản phẩm nghi giả" in text


def test_codes_are_read_in_upper_case(enter_certificate):
    cert = enter_certificate()
    assert _get(cert.code.lower()).status_code == 200


def test_the_page_is_light_cacheable_and_has_no_script(enter_certificate, product, producer_user):
    _photo(product, producer_user)
    cert = enter_certificate(valid_from=timezone.localdate() - dt.timedelta(days=3))
    assert cert.photo
    response = _get(cert)
    html = response.content
    assert b"<script" not in html and b"style=" not in html and b"onclick" not in html
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Set-Cookie" not in response
    stylesheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets == [b"/static/ocop/css/verify.css"]
    with open(finders.find("ocop/css/verify.css"), "rb") as f:
        css = f.read()
    images = re.findall(rb'<img src="([^"]+)"', html)
    assert len(images) == 1
    photo = Client().get(images[0].decode())
    assert photo.status_code == 200 and photo["Content-Type"] == "image/webp"
    weight = len(html) + len(css) + len(b"".join(photo.streaming_content))
    print(f"verification page: {len(html)} + {len(css)} + photo = {weight} bytes")
    assert weight < PAGE_BUDGET, weight


def test_the_page_speaks_english_on_request(enter_certificate):
    cert = enter_certificate(valid_from=timezone.localdate() - dt.timedelta(days=30))
    text = _text(_get(cert, lang="en"))
    assert "Valid" in text and "Còn hiệu lực" not in text
