"""The officers' pages: the lists of Điều 7.6, 8 and 12.3 (expiring in 180/90/30 days,
expired without renewal, extended, revoked this year) and their Excel exports, entering a
paper certificate, and a revocation from the certificate's page to the decision."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ocop.certificates.models import Certificate
from ocop.legal.validity import add_months
from ocop.products import actions as product_actions

pytestmark = pytest.mark.django_db


def _issued_to_expire_in(days: int) -> dt.date:
    """The issue day of a certificate whose last valid day is ``days`` from today."""
    today = timezone.localdate()
    return add_months(today + dt.timedelta(days=days + 1), -36)


@pytest.fixture
def many(enter_certificate, product, producer_user, revoke):
    """Certificates of six products: expiring in 20, 60 and 150 days, valid for long, one
    expired, one revoked today."""

    def new(name):
        return product_actions.create_product(
            product.producer, actor=producer_user, product_set=product.product_set, name=name
        )

    today = timezone.localdate()
    made = {
        "in20": enter_certificate(new("Hai mươi"), valid_from=_issued_to_expire_in(20)),
        "in60": enter_certificate(new("Sáu mươi"), valid_from=_issued_to_expire_in(60)),
        "in150": enter_certificate(new("Một trăm năm mươi"), valid_from=_issued_to_expire_in(150)),
        "long": enter_certificate(new("Còn lâu"), valid_from=today - dt.timedelta(days=10)),
        "expired": enter_certificate(new("Hết hạn"), valid_from=today - dt.timedelta(days=1500)),
        "revoked": enter_certificate(new("Thu hồi"), valid_from=today - dt.timedelta(days=100)),
    }
    assert (made["in20"].expires_on - today).days == 20
    revoke(made["revoked"])
    return made


def _names(response) -> set[str]:
    return {c.product_name for c in response.context["page"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ds=expiring&ngay=30", {"Hai mươi"}),
        ("ds=expiring&ngay=90", {"Hai mươi", "Sáu mươi"}),
        ("ds=expiring&ngay=180", {"Hai mươi", "Sáu mươi", "Một trăm năm mươi"}),
        ("ds=expired", {"Hết hạn"}),
        ("ds=revoked", {"Thu hồi"}),
        ("ds=in_force", {"Hai mươi", "Sáu mươi", "Một trăm năm mươi", "Còn lâu"}),
    ],
)
def test_the_officers_lists(many, client_for, province_officer, query, expected):
    response = client_for(province_officer).get(f"/chung-nhan/?{query}")
    assert response.status_code == 200
    assert _names(response) == expected


def test_each_list_downloads_as_excel_with_dates_as_dates(many, client_for, province_officer):
    response = client_for(province_officer).get("/chung-nhan/xuat.xlsx?ds=expiring&ngay=90")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert sorted(r[1] for r in rows) == ["Hai mươi", "Sáu mươi"]
    head = [c.value for c in sheet[2]]
    expires = head.index("Hiệu lực đến")
    assert all(isinstance(r[expires], dt.datetime) for r in rows)
    assert all(str(r[-1]).startswith("http") and "/v/" in str(r[-1]) for r in rows)


def test_nonsense_in_the_query_gives_the_default_list(many, client_for, province_officer):
    client = client_for(province_officer)
    for query in ("ds=nope", "ds=expiring&ngay=abc", "ds=expiring&ngay=-5", "page=99999"):
        response = client.get(f"/chung-nhan/?{query}")
        assert response.status_code == 200, query


def test_a_central_officer_narrows_the_lists_to_one_province(many, client_for, central_officer):
    client = client_for(central_officer)
    assert _names(client.get("/chung-nhan/?ds=expired&tinh=01")) == {"Hết hạn"}
    assert _names(client.get("/chung-nhan/?ds=expired&tinh=68")) == set()


def test_a_producer_sees_only_their_own_certificates(many, client_for, other_producer_user):
    response = client_for(other_producer_user).get("/chung-nhan/?ds=all")
    assert response.status_code == 200 and _names(response) == set()
    assert client_for(other_producer_user).get("/chung-nhan/thu-hoi/").status_code == 404


def test_the_office_enters_a_district_committees_certificate(product, client_for, province_officer):
    from ocop.legal.models import LegalInstrument

    form = {
        "product": product.code.lower(),
        "number": "309/GCN-UBND",
        "stars": "3",
        "authority": "district",
        "authority_name": "UBND huyện Gia Lâm (cũ)",
        "decision_number": "309/QĐ-UBND",
        "decision_date": "2025-08-10",
        "instrument": LegalInstrument.objects.get(number="148/QĐ-TTg").pk,
        "valid_from": "2025-08-10",
    }
    client = client_for(province_officer)
    refused = client.post("/chung-nhan/nhap/", form)
    assert refused.status_code == 200 and "01/07/2025" in refused.content.decode()
    assert 'value="309/GCN-UBND"' in refused.content.decode()  # nothing typed is lost
    assert not Certificate.objects.exists()
    form.update(decision_date="2024-08-10", valid_from="2024-08-10")
    response = client.post("/chung-nhan/nhap/", form)
    cert = Certificate.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/chung-nhan/{cert.code}/"
    assert cert.expires_on == dt.date(2027, 8, 9) and cert.authority == "district"


def test_another_provinces_office_cannot_enter_a_certificate_for_this_product(
    product, client_for, other_province_officer
):
    from ocop.legal.models import LegalInstrument

    response = client_for(other_province_officer).post(
        "/chung-nhan/nhap/",
        {
            "product": product.code,
            "number": "1/GCN",
            "stars": "3",
            "authority": "province",
            "authority_name": "UBND tỉnh Lâm Đồng",
            "decision_number": "1/QĐ",
            "decision_date": "2025-01-10",
            "instrument": LegalInstrument.objects.get(number="148/QĐ-TTg").pk,
            "valid_from": "2025-01-10",
        },
    )
    assert response.status_code == 200
    assert "Không tìm thấy sản phẩm" in response.content.decode()
    assert not Certificate.objects.exists()


def test_a_revocation_from_the_certificate_page_to_the_decision(
    enter_certificate, client_for, province_officer
):
    cert = enter_certificate(valid_from=timezone.localdate() - dt.timedelta(days=90))
    client = client_for(province_officer)
    page = client.get(f"/chung-nhan/{cert.code}/")
    assert "Lập hồ sơ thu hồi giấy chứng nhận (Điều 8)" in page.content.decode()
    empty = client.post(f"/chung-nhan/{cert.code}/thu-hoi/", {})
    assert empty.status_code == 302 and not cert.revocations.exists()
    today = timezone.localdate()
    opened = client.post(
        f"/chung-nhan/{cert.code}/thu-hoi/",
        {
            "r-ground": "dd",
            "r-trigger": "commune",
            "r-trigger_authority": "UBND xã Bát Tràng",
            "r-trigger_number": "12/XN-UBND",
            "r-trigger_date": (today - dt.timedelta(days=2)).isoformat(),
            "r-summary": "Hợp tác xã đã giải thể.",
        },
    )
    case = cert.revocations.get()
    assert opened["Location"] == f"/chung-nhan/thu-hoi/{case.code}/"
    queue = client.get("/chung-nhan/thu-hoi/").content.decode()
    assert cert.product_name in queue and "còn 13 ngày" in queue
    client.post(
        f"/chung-nhan/thu-hoi/{case.code}/",
        {"action": "decide", "d-number": "", "d-signed_on": "", "d-signer": ""},
    )
    cert.refresh_from_db()
    assert cert.state == "active"
    client.post(
        f"/chung-nhan/thu-hoi/{case.code}/",
        {
            "action": "decide",
            "d-number": "77/QĐ-UBND",
            "d-signed_on": today.isoformat(),
            "d-signer": "Chủ tịch UBND",
        },
    )
    cert.refresh_from_db()
    assert cert.state == "revoked"
    verify = client.get(f"/v/{cert.code}").content.decode()
    assert "Đã bị thu hồi" in verify and "77/QĐ-UBND" in verify


def test_the_article_12_3_list(enter_certificate, client_for, province_officer):
    cert = enter_certificate(valid_from=dt.date(2023, 10, 10), instrument="148/QĐ-TTg")
    if cert.status() != "extended":
        pytest.skip("the 148-era extension is over on this date")
    client = client_for(province_officer)
    assert _names(client.get("/chung-nhan/?ds=extended")) == {cert.product_name}
    assert _names(client.get("/chung-nhan/?ds=expired")) == set()
    assert cert.product_name in _names(client.get("/chung-nhan/?ds=in_force"))
