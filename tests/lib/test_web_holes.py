"""Holes a probe of the running site found: the client's address behind a proxy, private
pages a shared cache could keep, the language cookie's flags, Django's English on Vietnamese
forms, impossible dates."""

import datetime as dt
import runpy
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from ocop.audit.models import AuditEntry
from ocop.certificates.models import ConsumerReport
from ocop.lib import forms as lib_forms
from ocop.producers.models import Producer
from tests.conftest import PASSWORD
from tests.producers.test_pages import PRODUCER_FORM

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "ocop" / "settings.py"
PROXY = "10.0.0.5"


def _request(remote=PROXY, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def client_ip(request):
    from ocop.lib.net import client_ip

    return client_ip(request)


# --- 2. the client's address ------------------------------------------------------------


def test_without_a_header_setting_the_address_is_remote_addr(settings):
    settings.OCOP_CLIENT_IP_HEADER = ""
    request = _request(HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == PROXY  # a header anyone can send is not read
    assert client_ip(None) is None


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own entry is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),  # CDN, then our proxy
        (2, "203.0.113.9", PROXY),  # shorter than the proxies in front: not trusted
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::7", "2001:db8::7"),
    ],
)
def test_x_forwarded_for_is_read_from_the_right(settings, count, forwarded, expected):
    settings.OCOP_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.OCOP_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(HTTP_X_FORWARDED_FOR=forwarded)) == expected


def test_x_real_ip(settings):
    settings.OCOP_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(_request(HTTP_X_REAL_IP="198.51.100.3")) == "198.51.100.3"


def test_the_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("OCOP_CLIENT_IP_HEADER", "X-Forwarded-For")
    monkeypatch.setenv("OCOP_TRUSTED_PROXY_COUNT", "2")
    values = runpy.run_path(str(SETTINGS_FILE))
    assert values["OCOP_CLIENT_IP_HEADER"] == "X-Forwarded-For"
    assert values["OCOP_TRUSTED_PROXY_COUNT"] == 2
    assert values["AXES_CLIENT_IP_CALLABLE"] == "ocop.lib.net.client_ip"
    monkeypatch.setenv("OCOP_TRUSTED_PROXY_COUNT", "0")
    with pytest.raises(ImproperlyConfigured, match="OCOP_TRUSTED_PROXY_COUNT"):
        runpy.run_path(str(SETTINGS_FILE))


@pytest.fixture
def behind_proxy(settings):
    settings.OCOP_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.OCOP_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    yield
    cache.clear()


def _sign_in(client, client_address, password):
    return client.post(
        "/accounts/login/",
        {"username": "tinh.hanoi", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"6.6.6.6, {client_address}",
    )


@pytest.mark.django_db
def test_behind_a_proxy_one_visitors_failures_do_not_lock_out_another(
    client, province_officer, settings, behind_proxy
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "203.0.113.9", "wrong-password")
    assert _sign_in(client, "203.0.113.9", PASSWORD).status_code == 429  # locked
    assert _sign_in(client, "198.51.100.3", PASSWORD).status_code == 302  # another visitor
    entry = AuditEntry.objects.get(verb="auth.login")
    assert entry.ip_address == "198.51.100.3"
    locked = AuditEntry.objects.filter(verb="auth.locked_out")
    assert set(locked.values_list("ip_address", flat=True)) == {"203.0.113.9"}


@pytest.mark.django_db
def test_behind_a_proxy_the_reports_limit_counts_per_visitor(
    client, places, settings, behind_proxy
):
    from tests.certificates.test_reports import data, form_url

    settings.OCOP_REPORTS_PER_DAY = 1

    def send(address):
        return client.post(
            form_url(), data(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"6.6.6.6, {address}"
        )

    assert send("203.0.113.9").status_code == 302
    assert send("203.0.113.9").status_code == 429
    assert send("198.51.100.3").status_code == 302  # another visitor behind the same proxy
    assert ConsumerReport.objects.count() == 2


# --- 3. private pages are not kept by caches -------------------------------------------


def _no_store(response) -> bool:
    parts = {p.strip() for p in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= parts


@pytest.mark.django_db
def test_a_signed_in_producers_dossier_page_and_pdf_are_private(draft, producer_user, client_for):
    client = client_for(producer_user)
    page = client.get(f"/ho-so/{draft.code}/")
    assert page.status_code == 200 and _no_store(page)
    pdf = client.get(f"/ho-so/{draft.code}/mau01.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert _no_store(pdf)
    assert _no_store(client.get(f"/chu-the/{draft.product.producer.code}/"))


@pytest.mark.django_db
def test_the_public_verification_page_keeps_its_own_cache_control(
    client, enter_certificate, province_officer, client_for
):
    cert = enter_certificate()
    response = client.get(f"/v/{cert.code}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    signed_in = client_for(province_officer).get(f"/v/{cert.code}")
    assert signed_in["Cache-Control"] == "public, max-age=60"  # the page names no one


def _through_middleware(view, cookies=None):
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware

    from ocop.lib.middleware import PrivateResponsesMiddleware

    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    chain = PrivateResponsesMiddleware(SessionMiddleware(AuthenticationMiddleware(view)))
    return chain(request)


def test_a_page_that_reads_no_session_is_left_to_the_view():
    response = _through_middleware(lambda request: HttpResponse("same for everyone"))
    assert not response.has_header("Cache-Control")
    assert not response.has_header("Vary")  # looking at the user added no Vary: Cookie


@pytest.mark.django_db
def test_a_page_that_reads_the_session_is_private():
    def view(request):
        return HttpResponse(f"hello {request.user}")

    assert _no_store(_through_middleware(view))


@pytest.mark.django_db
def test_a_page_that_sets_the_session_cookie_is_private():
    def view(request):
        request.session["seen"] = True
        return HttpResponse("ok")

    response = _through_middleware(view)
    assert "sessionid" in response.cookies and _no_store(response)


# --- 4. the language cookie ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_language_cookie_is_lax_and_http_only(client, settings):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
    assert bool(cookie["secure"]) is bool(settings.SESSION_COOKIE_SECURE)


@pytest.mark.parametrize(
    ("env", "secure"), [({}, True), ({"SESSION_COOKIE_SECURE": "false"}, False)]
)
def test_the_language_cookie_is_secure_where_the_session_cookie_is(monkeypatch, env, secure):
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    values = runpy.run_path(str(SETTINGS_FILE))
    assert values["SESSION_COOKIE_SECURE"] is secure
    assert values["LANGUAGE_COOKIE_SECURE"] is secure
    assert values["LANGUAGE_COOKIE_SAMESITE"] == "Lax"
    assert values["LANGUAGE_COOKIE_HTTPONLY"] is True


def test_no_script_reads_the_cookies():
    static = Path(__file__).resolve().parents[2] / "ocop" / "static"
    for script in static.rglob("*.js"):
        assert "document.cookie" not in script.read_text(encoding="utf-8"), script


# --- 5. Django's messages in Vietnamese -----------------------------------------------------


REGISTRATION = {
    **PRODUCER_FORM,
    "username": "htx.che",
    "full_name": "K'Brơi",
    "account_email": "che@example.vn",
    "password": PASSWORD,
}


def _register(client, **changes):
    from ocop.places.models import Commune

    data = {**REGISTRATION, "commune": Commune.objects.get(code="24931").pk, **changes}
    return client.post("/chu-the/dang-ky/", data)


@pytest.mark.django_db
def test_a_null_character_is_refused_in_vietnamese(client, places):
    response = _register(client, address="Thôn Lạc\x00 Lâm")
    html = response.content.decode()
    assert response.status_code == 200 and not Producer.objects.exists()
    assert "Không được chứa ký tự rỗng (NUL)." in html
    assert "Null characters are not allowed." not in html


@pytest.mark.django_db
def test_a_bad_whole_number_is_said_in_vietnamese(client, places):
    html = _register(client, workforce="mười").content.decode()
    assert "Hãy nhập một số nguyên." in html


# --- 6. dates a person could mean -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("founded", "message"),
    [
        ("0001-01-01", "năm phải từ 1900 trở đi"),
        ("1899-12-31", "năm phải từ 1900 trở đi"),
        ("2099-01-01", "Ngày này chưa đến"),
    ],
)
def test_a_producer_founded_in_year_1_or_2099_is_refused(client, places, founded, message):
    response = _register(client, founded_on=founded)
    assert response.status_code == 200 and not Producer.objects.exists()
    assert message in response.content.decode()


@pytest.mark.django_db
def test_a_producer_founded_today_or_in_1900_is_accepted(client, places):
    assert _register(client, founded_on=timezone.localdate().isoformat()).status_code == 302
    producer = Producer.objects.get()
    assert producer.founded_on == timezone.localdate()


@pytest.mark.django_db
def test_an_officer_editing_a_producer_is_held_to_the_same_dates(
    producer, commune_officer, client_for
):
    from ocop.producers.forms import ProducerForm

    form = ProducerForm(instance=producer, actor=commune_officer)
    data = {**form.initial, "founded_on": "2099-06-01", "commune": producer.commune_id}
    data = {k: v for k, v in data.items() if v is not None}
    response = client_for(commune_officer).post(f"/chu-the/{producer.code}/sua/", data)
    assert response.status_code == 200
    assert "Ngày này chưa đến" in response.content.decode()


@pytest.mark.django_db
def test_evidence_dates_are_held_to_sane_limits(producer, producer_user):
    from ocop.producers.forms import EvidenceForm

    def errors(**dates):
        form = EvidenceForm({"kind": "other", "title": "Giấy", **dates})
        form.is_valid()
        return form.errors

    assert "issued_on" in errors(issued_on="2099-01-01")
    assert "issued_on" in errors(issued_on="0001-01-01")
    assert "expires_on" in errors(expires_on="2099-01-01")  # more than 50 years ahead
    assert "expires_on" not in errors(expires_on="2040-01-01")
    assert "issued_on" not in errors(issued_on="2001-05-04")


def test_the_four_rules():
    past_date, drafted_date = lib_forms.past_date, lib_forms.drafted_date
    soon_date, expiry_date = lib_forms.soon_date, lib_forms.expiry_date
    today = timezone.localdate()
    for rule in (past_date, drafted_date, soon_date, expiry_date):
        with pytest.raises(ValidationError):
            rule(dt.date(1, 1, 1))
        rule(dt.date(1900, 1, 1))
        rule(today)
    with pytest.raises(ValidationError, match="chưa đến"):
        past_date(today + dt.timedelta(days=1))
    drafted_date(today + dt.timedelta(days=300))
    with pytest.raises(ValidationError, match="quá xa"):
        drafted_date(today.replace(year=today.year + 2))
    soon_date(today.replace(year=today.year + 4))
    with pytest.raises(ValidationError, match="quá xa"):
        soon_date(today.replace(year=today.year + 6))
    expiry_date(today.replace(year=today.year + 40))
    with pytest.raises(ValidationError, match="quá xa"):
        expiry_date(dt.date(2099, 1, 1))
