"""Consumers' reports: the public form (limits, robots, bad input) and the office's queue."""

import datetime as dt
import io
import re
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from ocop.audit.models import AuditEntry
from ocop.certificates import report_forms, reports
from ocop.certificates.enums import InspectionKind, ReportKind, ReportState
from ocop.certificates.models import ConsumerReport, Inspection
from ocop.lib import uploads
from ocop.notify.models import Notification
from ocop.places.models import Province

PLACE = "Chợ Đồng Xuân, quầy số 12"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The daily counts live in the shared cache: no test sees another's."""
    cache.clear()
    yield
    cache.clear()


def form_url() -> str:
    return reverse("certificates:report")


def token(age: float = 60) -> str:
    """A correctly signed form timestamp, ``age`` seconds old."""
    return report_forms.new_token(time.time() - age)


def data(**extra) -> dict:
    return {
        "kind": ReportKind.NO_QR,
        "place": PLACE,
        "province": Province.objects.get(code="68").pk,  # Lâm Đồng
        "product_text": "Cà phê Arabica",
        "details": "Nhãn có chữ OCOP 4 sao nhưng không có mã QR.",
        "contact": "0912 345 678",
        "website": "",
        "started": token(),
        **extra,
    }


def jpeg(name: str = "anh.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def post(client, payload, **extra):
    return client.post(form_url(), payload, **extra)


def assert_kept(response):
    """The form came back with what was typed."""
    body = response.content.decode()
    assert PLACE in body
    assert "0912 345 678" in body
    assert re.search(r'<input type="radio" name="kind" value="no_qr"[^>]* checked>', body)


# --- the public form ------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_links_to_the_form(client, places):
    response = client.get(reverse("home"))
    assert f'href="{form_url()}"' in response.content.decode()
    assert "Báo sản phẩm OCOP giả" in response.content.decode()


@pytest.mark.django_db
def test_the_form_names_the_certificate_from_the_verification_page(client, enter_certificate):
    cert = enter_certificate(stars=4)
    response = client.get(form_url(), {"ma": cert.code.lower()})
    body = response.content.decode()
    assert response.status_code == 200
    assert cert.product_name in body and cert.number in body
    assert f'name="ma" value="{cert.code}"' in body
    assert 'name="province"' not in body  # the certificate's province receives it
    assert 'class="hp-field"' in body and 'name="website"' in body
    assert "style=" not in body and "<script>" not in body  # CSP: nothing inline


@pytest.mark.django_db
def test_an_expired_certificate_proposes_the_matching_kind(client, enter_certificate):
    cert = enter_certificate(valid_from=timezone.localdate() - dt.timedelta(days=4 * 365))
    body = client.get(form_url(), {"ma": cert.code}).content.decode()
    assert re.search(r'<input type="radio" name="kind" value="expired"[^>]* checked>', body)


@pytest.mark.django_db
def test_an_unknown_code_is_said_and_kept_in_the_details(client, places):
    response = client.get(form_url(), {"ma": "ABCDEFGH23"})
    body = response.content.decode()
    assert "ABCDEFGH23" in body
    assert 'name="province"' in body


@pytest.mark.django_db
def test_a_report_on_a_certificate_reaches_its_province(
    client, enter_certificate, province_officer, other_province_officer
):
    cert = enter_certificate(stars=4)
    response = post(
        client,
        data(ma=cert.code, kind=ReportKind.WRONG_STARS, photo=jpeg()),
        REMOTE_ADDR="203.0.113.7",
    )
    report = ConsumerReport.objects.get()
    assert response.status_code == 302
    assert response.url == f"{reverse('certificates:report_sent')}?so={report.code}"
    assert report.certificate == cert
    assert report.province.code == "01"  # Hà Nội: the certificate's, not the one chosen
    assert report.kind == ReportKind.WRONG_STARS and report.place == PLACE
    assert report.photo and report.photo_type == "image/webp"
    assert report.photo.name.endswith(".webp") and "anh" not in report.photo.name
    # The address is never stored, only a keyed hash of it.
    assert report.client_key == reports.client_key("203.0.113.7")
    assert len(report.client_key) == 64 and "203.0.113.7" not in report.client_key
    assert Notification.objects.filter(recipient=province_officer, verb="report.received").exists()
    assert not Notification.objects.filter(recipient=other_province_officer).exists()
    entry = AuditEntry.objects.get(verb="report.received")
    assert entry.actor is None and entry.ip_address is None
    assert entry.changes["number"] == cert.number
    sent = client.get(response.url)
    assert report.code in sent.content.decode()


@pytest.mark.django_db
def test_a_report_without_certificate_reaches_the_province_of_the_place(
    client, places, province_officer, other_province_officer
):
    response = post(client, data())
    assert response.status_code == 302
    report = ConsumerReport.objects.get()
    assert report.certificate is None
    assert report.province.code == "68"
    assert not report.photo
    notice = Notification.objects.get(recipient=other_province_officer)
    assert notice.url == reverse("certificates:report_detail", args=[report.code])
    assert not Notification.objects.filter(recipient=province_officer).exists()


@pytest.mark.django_db
def test_without_certificate_the_province_is_required(client, places):
    response = post(client, data(province=""))
    assert response.status_code == 200
    assert "Hãy chọn tỉnh, thành phố nơi bán." in response.content.decode()
    assert_kept(response)
    assert not ConsumerReport.objects.exists()


# --- robots -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_filled_honeypot_is_refused(client, places, monkeypatch):
    monkeypatch.setattr(uploads, "inspect", _never)  # a robot's photo is never looked at
    response = post(client, data(website="http://spam.example", photo=jpeg()))
    assert response.status_code == 200
    assert "phải để trống" in response.content.decode()
    assert_kept(response)
    assert not ConsumerReport.objects.exists()


@pytest.mark.django_db
def test_a_too_fast_submission_is_refused(client, places):
    response = post(client, data(started=token(age=0)))
    body = response.content.decode()
    assert "quá nhanh" in body
    assert_kept(response)
    assert not ConsumerReport.objects.exists()
    # Shown again with the same timestamp, whose clock keeps running.
    first = data()["started"]
    assert report_forms.token_to_show(first) == first


@pytest.mark.django_db
def test_the_minimum_age_is_a_setting_of_the_module(client, places, monkeypatch):
    monkeypatch.setattr(report_forms, "FORM_MIN_SECONDS", 0)
    assert post(client, data(started=report_forms.new_token())).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "started",
    [
        "",
        "not-a-token",
        "MTIz:1tamper:ed",
        report_forms.new_token(time.time() - report_forms.FORM_MAX_SECONDS - 60),
    ],
    # Stable ids: the stale token differs from one pytest-xdist worker to the other, and workers
    # that collect different ids abort the run.
    ids=["empty", "not-a-token", "tampered", "stale"],
)
def test_a_missing_forged_or_stale_timestamp_is_refused_politely(client, places, started):
    response = post(client, data(started=started))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Biểu mẫu không còn hợp lệ" in body or "Biểu mẫu đã mở quá lâu" in body
    assert_kept(response)
    assert not ConsumerReport.objects.exists()


# --- the daily limit --------------------------------------------------------------------------


def _never(*args, **kwargs):
    raise AssertionError("the photo must not be read")


@pytest.mark.django_db
def test_over_the_daily_limit_nothing_is_stored_nor_read(client, places, settings, monkeypatch):
    settings.OCOP_REPORTS_PER_DAY = 2
    for _n in range(2):
        assert post(client, data()).status_code == 302
    monkeypatch.setattr(uploads, "inspect", _never)
    monkeypatch.setattr(uploads, "make_thumbnail", _never)
    response = post(client, data(photo=jpeg()))
    assert response.status_code == 429
    assert "Mỗi địa chỉ mạng chỉ gửi được 2 phản ánh trong một ngày" in response.content.decode()
    assert_kept(response)
    assert ConsumerReport.objects.count() == 2
    # Another address is not held back.
    assert post(client, data(), REMOTE_ADDR="198.51.100.4").status_code == 302


@pytest.mark.django_db
def test_the_database_is_the_source_of_truth(client, places, settings):
    """A cache that forgot (or another process's) does not lift the limit."""
    settings.OCOP_REPORTS_PER_DAY = 1
    assert post(client, data()).status_code == 302
    key = reports.client_key("127.0.0.1")
    cache.clear()
    assert reports.sent_today(key) == 1
    cache.set(reports._cache_key(key), 0)  # a stale count
    response = post(client, data())
    assert "Mỗi địa chỉ mạng chỉ gửi được 1 phản ánh" in response.content.decode()
    assert ConsumerReport.objects.count() == 1


@pytest.mark.django_db
def test_yesterdays_reports_do_not_count(client, places, settings):
    settings.OCOP_REPORTS_PER_DAY = 1
    assert post(client, data()).status_code == 302
    ConsumerReport.objects.update(created_at=timezone.now() - dt.timedelta(days=1, hours=1))
    cache.clear()
    assert post(client, data()).status_code == 302


def test_ipv6_addresses_count_by_their_block():
    assert reports.client_key("2001:db8:1:2::5") == reports.client_key("2001:db8:1:2:ffff::9")
    assert reports.client_key("2001:db8:1:2::5") != reports.client_key("2001:db8:1:3::5")
    assert reports.client_key("10.0.0.1") != reports.client_key("10.0.0.2")


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_30_mb_photo_is_refused_by_its_size(client, places, monkeypatch):
    big = SimpleUploadedFile(
        "lon.jpg", b"\xff\xd8\xff" + bytes(30 * 1024 * 1024), content_type="image/jpeg"
    )
    response = post(client, data(photo=big))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp quá lớn" in body and "Giới hạn là 5 MB" in body
    assert "chọn lại ảnh" in body
    assert_kept(response)
    assert not ConsumerReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("giay.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        ("anh.jpg", b"<html><script>alert(1)</script></html>"),
        ("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_only_images_are_taken(client, places, name, content):
    response = post(client, data(photo=SimpleUploadedFile(name, content)))
    assert "Chỉ nhận ảnh JPEG, PNG hoặc WebP." in response.content.decode()
    assert_kept(response)
    assert not ConsumerReport.objects.exists()


@pytest.mark.django_db
def test_a_broken_image_is_refused(client, places):
    broken = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200)
    response = post(client, data(photo=broken))
    assert "Tệp ảnh bị hỏng" in response.content.decode()
    assert not ConsumerReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["details", "place", "product_text", "contact"])
def test_markup_in_the_text_is_refused(client, places, field):
    payload = data()
    payload[field] = f"{payload[field]} <script>alert('x')</script>"
    response = post(client, payload)
    body = response.content.decode()
    assert "Xin đừng dùng thẻ HTML" in body
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body  # escaped, kept
    assert not ConsumerReport.objects.exists()


@pytest.mark.django_db
def test_ordinary_angle_brackets_are_text(client, places):
    assert post(client, data(details="Giá < 50.000đ, rẻ hơn <3 lần")).status_code == 302


@pytest.mark.django_db
def test_over_long_fields_are_refused_with_the_reason(client, places):
    response = post(client, data(place="x" * 301, details="y" * 2001))
    body = response.content.decode()
    assert "tối đa 300 ký tự (bạn đã nhập 301)" in body
    assert "tối đa 2000 ký tự (bạn đã nhập 2001)" in body or "tối đa 2.000 ký tự" in body
    assert "x" * 301 in body  # kept
    assert not ConsumerReport.objects.exists()


@pytest.mark.django_db
def test_an_unknown_kind_or_province_is_refused(client, places):
    response = post(client, data(kind="fake", province="999999"))
    body = response.content.decode()
    assert "Hãy chọn một nội dung trong danh sách." in body
    assert "Hãy chọn một tỉnh, thành phố trong danh sách." in body
    assert not ConsumerReport.objects.exists()


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(places):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(form_url(), data())
    assert response.status_code == 403
    assert not ConsumerReport.objects.exists()


# --- the office -------------------------------------------------------------------------------


@pytest.fixture
def hanoi_report(client, enter_certificate):
    cert = enter_certificate(stars=4)
    post(client, data(ma=cert.code, photo=jpeg()))
    client.logout()
    return ConsumerReport.objects.get()


@pytest.mark.django_db
def test_the_queue_is_the_office_s_own(
    client_for, hanoi_report, province_officer, other_province_officer, central_officer
):
    url = reverse("certificates:reports")
    assert hanoi_report.code in client_for(province_officer).get(url).content.decode()
    assert hanoi_report.code in client_for(central_officer).get(url).content.decode()
    assert hanoi_report.code not in client_for(other_province_officer).get(url).content.decode()
    closed = client_for(province_officer).get(url, {"tt": "closed"}).content.decode()
    assert hanoi_report.code not in closed


@pytest.mark.django_db
def test_the_queue_is_not_for_the_public(client, places, producer_user, client_for):
    url = reverse("certificates:reports")
    assert client.get(url).status_code == 302  # to sign in
    assert client_for(producer_user).get(url).status_code == 404


@pytest.mark.django_db
def test_another_province_s_officer_gets_404(
    client_for, hanoi_report, other_province_officer, province_officer
):
    detail = reverse("certificates:report_detail", args=[hanoi_report.code])
    photo = reverse("certificates:report_photo", args=[hanoi_report.code])
    other = client_for(other_province_officer)
    assert other.get(detail).status_code == 404
    assert other.get(photo).status_code == 404
    assert other.post(detail, {"action": "close", "c-note": "x"}).status_code == 404
    mine = client_for(province_officer)
    page = mine.get(detail)
    assert page.status_code == 200
    assert PLACE in page.content.decode() and "0912 345 678" in page.content.decode()


@pytest.mark.django_db
def test_the_photo_is_served_privately(client, client_for, hanoi_report, province_officer):
    url = reverse("certificates:report_photo", args=[hanoi_report.code])
    assert client.get(url).status_code == 302
    response = client_for(province_officer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


@pytest.mark.django_db
def test_closing_a_report_is_audited(client_for, hanoi_report, province_officer):
    url = reverse("certificates:report_detail", args=[hanoi_report.code])
    officer = client_for(province_officer)
    refused = officer.post(url, {"action": "close", "c-note": ""})
    assert "Hãy ghi kết quả xử lý" in refused.content.decode()
    response = officer.post(url, {"action": "close", "c-note": "Đã xác minh: nhãn đúng."})
    assert response.status_code == 302
    hanoi_report.refresh_from_db()
    assert hanoi_report.state == ReportState.CLOSED
    assert hanoi_report.closed_by == province_officer and hanoi_report.closed_note
    entry = AuditEntry.objects.get(verb="report.closed")
    assert entry.actor == province_officer
    assert entry.changes["state"] == ["open", "closed"]
    again = officer.post(url, {"action": "close", "c-note": "Lần nữa"}, follow=True)
    assert "Phản ánh này đã được đóng." in again.content.decode()


@pytest.mark.django_db
def test_an_inspection_is_opened_from_a_report(client_for, hanoi_report, province_officer):
    url = reverse("certificates:report_detail", args=[hanoi_report.code])
    officer = client_for(province_officer)
    page = officer.get(url).content.decode()
    assert hanoi_report.code in page and PLACE in page  # the scope is prefilled
    day = timezone.localdate() + dt.timedelta(days=3)
    response = officer.post(
        url,
        {
            "action": "inspect",
            "k-planned_on": day.isoformat(),
            "k-inspectors": "Nguyễn Văn A, Trần Thị B",
            "k-scope": "Kiểm tra nhãn tại nơi bán",
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("certificates:inspection", args=[inspection.code])
    assert inspection.kind == InspectionKind.AD_HOC and inspection.report == hanoi_report
    assert inspection.province == hanoi_report.province and inspection.planned_on == day
    assert [i.certificate for i in inspection.items.all()] == [hanoi_report.certificate]
    hanoi_report.refresh_from_db()
    assert hanoi_report.state == ReportState.INSPECTING
    assert AuditEntry.objects.filter(verb="inspection.planned").exists()
    entry = AuditEntry.objects.get(verb=reports.INSPECTION_VERB, object_id=str(hanoi_report.pk))
    assert entry.changes["state"] == ["open", "inspecting"]
    # Only once.
    again = officer.post(
        url,
        {"action": "inspect", "k-planned_on": day.isoformat(), "k-inspectors": "A", "k-scope": "B"},
    )
    assert "không mở kiểm tra từ phản ánh này nữa" in again.content.decode()
    assert Inspection.objects.count() == 1
    # The inspection under way, the report can still be closed.
    officer.post(url, {"action": "close", "c-note": "Đã kiểm tra, xử phạt nơi bán."})
    hanoi_report.refresh_from_db()
    assert hanoi_report.state == ReportState.CLOSED


@pytest.mark.django_db
def test_an_incomplete_inspection_form_keeps_what_was_typed(
    client_for, hanoi_report, province_officer
):
    url = reverse("certificates:report_detail", args=[hanoi_report.code])
    response = client_for(province_officer).post(
        url, {"action": "inspect", "k-planned_on": "", "k-inspectors": "Đoàn X", "k-scope": "Y"}
    )
    assert response.status_code == 200
    assert "Đoàn X" in response.content.decode()
    assert not Inspection.objects.exists()
    hanoi_report.refresh_from_db()
    assert hanoi_report.state == ReportState.OPEN
