"""The certificate's papers: the certificate as a one-page PDF (stamped once it no longer
stands), the A4 sheet of QR labels (only for a certificate a product may still carry), and
the QR code alone as SVG and PNG, read back to the verification address."""

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
import segno
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from ocop.certificates import documents, qr
from tests.pdf import flat, text_of

pytestmark = pytest.mark.django_db
TITLE = "GIẤY CHỨNG NHẬN KẾT QUẢ PHÂN HẠNG SẢN PHẨM OCOP"
STAMPS = ("ĐÃ THU HỒI", "ĐÃ ĐƯỢC THAY THẾ", "HẾT HIỆU LỰC")
ROUTES = ("certificate_pdf", "labels_pdf", "qr_svg", "qr_png")
SVG = "{http://www.w3.org/2000/svg}"


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def vn(value) -> str:
    """A score as the certificate prints it: 87,25 · 90."""
    q = Decimal(str(value)).quantize(Decimal("0.01"))
    return str(int(q)) if q == q.to_integral_value() else f"{q:.2f}".replace(".", ",")


def get(client, name, cert):
    return client.get(reverse(f"certificates:{name}", args=[cert.code]))


def pdf_of(client, name, cert) -> str:
    response = get(client, name, cert)
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert cert.code in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    return flat(text_of(response.content))


def ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


# --- the certificate ------------------------------------------------------------------------


def test_an_issued_certificate_prints_what_the_decision_gave(issued, client_for, province_officer):
    body = pdf_of(client_for(province_officer), "certificate_pdf", issued)
    for expected in (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        TITLE,
        f"Số: {issued.number}",
        f"Hà Nội, ngày {issued.decision_date:%d} tháng {issued.decision_date:%m} năm "
        f"{issued.decision_date:%Y}",
        issued.product_name,
        issued.product_code,
        f"SẢN PHẨM OCOP {issued.stars} SAO",
        f"({vn(issued.score)} điểm/100)",
        issued.producer_name,
        issued.address,
        issued.product_set,
        f"Quyết định số {issued.decision_number} ngày {d(issued.decision_date)} của Chủ tịch "
        "Ủy ban nhân dân Thành phố Hà Nội",
        f"Có giá trị 36 tháng kể từ ngày {d(issued.valid_from)} đến ngày {d(issued.expires_on)}",
        "Theo Quyết định số 26/2026/QĐ-TTg",
        issued.absolute_verify_url(),
        f"Mã tra cứu: {issued.code}",
        "CHỦ TỊCH",
    ):
        assert flat(expected) in body, expected
    assert not any(flat(stamp) in body for stamp in STAMPS)


def test_a_paper_certificate_of_the_ministry_with_its_own_term(
    enter_certificate, client_for, province_officer
):
    start = ago(100)
    end = start + dt.timedelta(days=730)
    cert = enter_certificate(
        valid_from=start,
        expires_on=end,
        stars=5,
        authority="ministry",
        authority_name="Bộ Nông nghiệp và Môi trường",
    )
    body = pdf_of(client_for(province_officer), "certificate_pdf", cert)
    for expected in (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        TITLE,
        f"Số: {cert.number}",
        "SẢN PHẨM OCOP 5 SAO",
        "của Bộ trưởng Bộ Nông nghiệp và Môi trường",
        f"Có giá trị từ ngày {d(start)} đến ngày {d(end)}",
        "BỘ TRƯỞNG",
        cert.code,
    ):
        assert flat(expected) in body, expected
    assert flat("36 tháng") not in body and "điểm/100" not in body


def test_a_revoked_certificate_is_stamped_with_its_revocation(
    enter_certificate, client_for, province_officer, revoke
):
    cert = enter_certificate(valid_from=ago(30), stars=4)
    today = timezone.localdate()
    revoke(cert, number="99/QĐ-UBND")
    body = pdf_of(client_for(province_officer), "certificate_pdf", cert)
    assert flat("ĐÃ THU HỒI") in body
    assert flat(f"đã bị thu hồi theo Quyết định số 99/QĐ-UBND ngày {d(today)}") in body
    assert flat(cert.product_name) in body and flat(cert.number) in body


def test_a_superseded_certificate_names_the_one_that_replaced_it(
    enter_certificate, client_for, province_officer
):
    old = enter_certificate(valid_from=ago(400), stars=3)
    new = enter_certificate(valid_from=ago(10), stars=4)
    old.refresh_from_db()
    client = client_for(province_officer)
    body = pdf_of(client, "certificate_pdf", old)
    assert flat("ĐÃ ĐƯỢC THAY THẾ") in body
    assert (
        flat(f"thay thế bằng giấy chứng nhận số {new.number} từ ngày {d(new.valid_from)}") in body
    )
    assert not any(flat(stamp) in pdf_of(client, "certificate_pdf", new) for stamp in STAMPS)


def test_an_expired_certificate_is_stamped(enter_certificate, client_for, province_officer):
    cert = enter_certificate(valid_from=ago(4 * 365))
    assert cert.status() == "expired"
    body = pdf_of(client_for(province_officer), "certificate_pdf", cert)
    assert flat("HẾT HIỆU LỰC") in body
    assert flat(f"chỉ có giá trị đến hết ngày {d(cert.last_valid_day())}") in body


def test_the_masthead_splits_the_issuing_body():
    assert documents.issuer_lines("Ủy ban nhân dân Thành phố Hà Nội") == [
        "Ủy ban nhân dân",
        "Thành phố Hà Nội",
    ]
    assert documents.issuer_lines("Bộ Nông nghiệp và Môi trường") == [
        "Bộ Nông nghiệp",
        "và Môi trường",
    ]
    assert documents.issuer_lines("Sở Công Thương") == ["Sở Công Thương"]


# --- the label sheet ------------------------------------------------------------------------


def test_the_label_sheet_repeats_the_code_the_number_and_the_address(
    enter_certificate, client_for, producer_user
):
    cert = enter_certificate(valid_from=ago(30), stars=4)
    body = pdf_of(client_for(producer_user), "labels_pdf", cert)
    assert flat("NHÃN MÃ QR SẢN PHẨM OCOP") in body
    assert flat(cert.product_name) in body
    assert flat(f"Giấy chứng nhận số {cert.number} (4 sao)") in body
    assert flat("Nhãn mã QR 3 × 3 cm") in body and flat("Nhãn mã QR 2 × 2 cm") in body
    labels = 4 * 2 + 6 * 3
    assert body.count(flat(f"GCN số {cert.number}")) == labels
    assert body.count(flat(documents.short_url(cert))) == labels
    assert body.count(cert.code) == 2 * labels  # the code, and the address ending in it


@pytest.mark.parametrize("route", ["labels_pdf", "qr_svg", "qr_png"])
def test_no_labels_for_a_certificate_a_product_may_no_longer_carry(
    route, enter_certificate, client_for, province_officer
):
    cert = enter_certificate(valid_from=ago(4 * 365))
    response = get(client_for(province_officer), route, cert)
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:detail", args=[cert.code])
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert cert.number in message and "không in nhãn" in message and "hết hạn" in message


def test_no_labels_for_a_revoked_certificate(
    enter_certificate, client_for, province_officer, revoke
):
    cert = enter_certificate(valid_from=ago(30))
    revoke(cert)
    assert get(client_for(province_officer), "labels_pdf", cert).status_code == 302


# --- the QR code ----------------------------------------------------------------------------


def expected_modules(cert) -> set[tuple[int, int]]:
    """The dark modules, quiet zone included, of the QR code of the verification address."""
    code = segno.make(cert.absolute_verify_url(), error="q", micro=False, boost_error=False)
    assert code.error == "Q"
    b = qr.BORDER
    return {
        (r + b, c + b) for r, row in enumerate(code.matrix) for c, dark in enumerate(row) if dark
    }


def test_the_png_reads_back_as_the_verification_address(
    enter_certificate, client_for, producer_user
):
    cert = enter_certificate(valid_from=ago(30))
    response = get(client_for(producer_user), "qr_png", cert)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="qr-ocop-{cert.code}.png"'
    assert response["Cache-Control"] == "private, no-store"
    image = Image.open(io.BytesIO(response.content)).convert("L")
    n = qr.modules(cert) + 2 * qr.BORDER
    width, height = image.size
    assert width == height and width >= qr.PNG_PIXELS and width % n == 0
    scale = width // n
    dark = {
        (r, c)
        for r in range(n)
        for c in range(n)
        if image.getpixel((int((c + 0.5) * scale), int((r + 0.5) * scale))) < 128
    }
    assert dark == expected_modules(cert)
    assert image.getpixel((0, 0)) == 255  # a white quiet zone, not a transparent one


def svg_modules(root) -> set[tuple[int, int]]:
    """The dark modules of segno's SVG: one stroked path of horizontal runs (``h``) between
    moves (``M``/``m``), each run on the row of its middle line."""
    (path,) = [p for p in root.iter(f"{SVG}path") if p.get("stroke")]
    x = y = 0.0
    cells = set()
    for op, args in re.findall(r"([MmHhVvZz])([^MmHhVvZz]*)", path.get("d")):
        nums = [float(a) for a in args.replace(",", " ").split()]
        if op == "M":
            x, y = nums
        elif op == "m":
            x, y = x + nums[0], y + nums[1]
        elif op == "h":
            cells.update((int(y), int(x) + i) for i in range(int(nums[0])))
            x += nums[0]
        else:
            raise AssertionError(f"unexpected path command {op}")
    return cells


def test_the_svg_is_a_standalone_file_of_the_verification_address(
    enter_certificate, client_for, province_officer
):
    cert = enter_certificate(valid_from=ago(30))
    response = get(client_for(province_officer), "qr_svg", cert)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == f'attachment; filename="qr-ocop-{cert.code}.svg"'
    assert response.content.startswith(b"<?xml")
    root = ET.fromstring(response.content)
    n = qr.modules(cert) + 2 * qr.BORDER
    assert root.get("viewBox") == f"0 0 {n} {n}"
    size = float(root.get("width").removesuffix("mm"))
    assert root.get("width") == root.get("height") and size == pytest.approx(
        n * qr.SYMBOL_MM / qr.modules(cert), abs=0.01
    )
    assert cert.number in root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text == cert.absolute_verify_url()
    (background,) = [p for p in root.iter(f"{SVG}path") if p.get("fill")]
    assert background.get("fill") == "#fff" and background.get("d") == f"M0 0h{n}v{n}h-{n}z"
    assert svg_modules(root) == expected_modules(cert)


# --- who gets them --------------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES)
def test_outside_the_scope_the_papers_do_not_exist(
    route, enter_certificate, client_for, other_province_officer, other_producer_user
):
    cert = enter_certificate(valid_from=ago(30))
    assert get(client_for(other_province_officer), route, cert).status_code == 404
    assert get(client_for(other_producer_user), route, cert).status_code == 404
    response = get(Client(), route, cert)
    assert response.status_code == 302 and "next=" in response["Location"]


@pytest.mark.parametrize("route", ROUTES)
def test_the_producer_and_the_commune_get_them(
    route, enter_certificate, client_for, producer_user, commune_officer
):
    cert = enter_certificate(valid_from=ago(30))
    for user in (producer_user, commune_officer):
        assert get(client_for(user), route, cert).status_code == 200
