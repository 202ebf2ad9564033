"""The open-data feed: the API, CSV and XLSX, the data dictionary and DCAT; nothing private."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ocop.catalogue import feed

pytestmark = pytest.mark.django_db

IN_FORCE = 7


def test_api_lists_certified_products_with_the_catalogue_filters(client, shelf):
    body = client.get("/api/v1/products").json()
    assert body["count"] == IN_FORCE and body["page"] == 1 and body["pages"] == 1
    assert set(body["results"][0]) == set(feed.KEYS)
    first = body["results"][0]
    assert first["name"] == "Trà shan tuyết cổ thụ" and first["stars"] == 5
    assert set(body["facets"]) == {"province", "klass", "stars", "producer_type"}
    found = client.get("/api/v1/products", {"q": "nuoc mam", "stars": "4"}).json()
    assert [r["name"] for r in found["results"]] == ["Nước mắm Phú Quốc"]
    mam = found["results"][0]
    cert = shelf.certificates["mam4"]
    assert mam["certificate_number"] == cert.number
    assert mam["decision_number"] == cert.decision_number
    assert mam["valid_from"] == cert.valid_from.isoformat()
    assert mam["expires_on"] == cert.expires_on.isoformat()
    assert mam["status"] == "valid" and mam["status_label"] == "Còn hiệu lực"
    assert mam["verification_url"].endswith(f"/v/{cert.code}")
    assert mam["province_code"] == "91" and mam["producer_type"] == "htx"
    cert.refresh_from_db()
    assert mam["score"] == str(cert.score) == f"{cert.score:.2f}"


def test_api_include_ended_and_paging(client, shelf):
    everything = client.get("/api/v1/products", {"include_ended": "1", "page_size": "4"}).json()
    assert everything["count"] == IN_FORCE + 2 and everything["pages"] == 3
    second = client.get(
        "/api/v1/products", {"include_ended": "1", "page_size": "4", "page": "2"}
    ).json()
    assert not {r["code"] for r in second["results"]} & {r["code"] for r in everything["results"]}
    beyond = client.get("/api/v1/products", {"page": "50"}).json()
    assert beyond["results"] == [] and beyond["count"] == IN_FORCE


@pytest.mark.parametrize(
    "params",
    [
        {"stars": "9"},
        {"province": "99"},
        {"page": "abc"},
        {"page_size": "1000"},
        {"page_size": "0"},
        {"producer_type": "x"},
        {"classification": "Z"},
    ],
    ids=["stars", "province", "page", "size-big", "size-zero", "type", "class"],
)
def test_api_bad_parameters_are_a_clear_400(client, shelf, params):
    response = client.get("/api/v1/products", params)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_parameter" and response.json()["detail"]


def test_api_one_product(client, shelf):
    code = shelf.products["revoked"].code
    body = client.get(f"/api/v1/products/{code}").json()
    assert body["name"] == "Mật ong rừng bị thu hồi" and body["status"] == "revoked"
    missing = client.get("/api/v1/products/SP-NOTHERE")
    assert missing.status_code == 404 and "SP-NOTHERE" in missing.json()["detail"]
    assert client.get(f"/api/v1/products/{shelf.products['never'].code}").status_code == 404


def test_csv_for_excel(client, shelf):
    response = client.get("/api/v1/products.csv")
    raw = b"".join(response.streaming_content)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [str(f.header) for f in feed.FIELDS]
    assert rows[0][:3] == ["Mã tra cứu sản phẩm", "Mã sản phẩm OCOP", "Tên sản phẩm"]
    assert len(rows) == 1 + IN_FORCE
    everything = client.get("/api/v1/products.csv", {"include_ended": "1"})
    assert len(b"".join(everything.streaming_content).decode("utf-8-sig").splitlines()) == 10


def test_xlsx(client, shelf):
    response = client.get("/api/v1/products.xlsx", {"province": "91"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [str(f.header) for f in feed.FIELDS]
    names = {r[2] for r in rows[1:]}
    assert names == {"Nước mắm Phú Quốc", "Nước mắm nhĩ cá cơm", "Mắm ruốc Hàm Ninh"}


def test_nothing_private_in_the_feed(client, shelf, recognised):
    """No phone, e-mail, member score or dossier content in any format."""
    producer = shelf.producers["angiang"]
    texts = [
        client.get("/api/v1/products", {"include_ended": "1", "page_size": "100"}).content,
        b"".join(client.get("/api/v1/products.csv", {"include_ended": "1"}).streaming_content),
    ]
    private = [producer.phone, producer.email, producer.representative_name, "0107654321"]
    for text in texts:
        decoded = text.decode("utf-8-sig")
        for value in private:
            assert value not in decoded
    assert not {"phone", "email", "members", "sheets", "answers"} & set(feed.KEYS)


def test_formulas_are_never_written_to_spreadsheets(client, shelf, enter_certificate):
    from ocop.products.models import Product

    risky = Product.objects.create(
        producer=shelf.producers["hanoi"],
        product_set=shelf.products["ong"].product_set,
        name='=HYPERLINK("http://x")',
    )
    enter_certificate(risky)
    raw = b"".join(client.get("/api/v1/products.csv").streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in raw


def test_data_dictionary_licence_and_dcat(client, shelf):
    html = client.get(reverse("catalogue:open_data")).content.decode()
    for f in feed.FIELDS:
        assert f"<code>{f.key}</code>" in html
    assert "CC BY 4.0" in html and "Cập nhật lần cuối" in html
    dcat = client.get(reverse("catalogue:dcat"))
    assert dcat["Content-Type"].startswith("application/ld+json")
    data = dcat.json()
    assert data["@type"] == "dcat:Catalog"
    dataset = data["dcat:dataset"][0]
    formats = {d["dct:format"] for d in dataset["dcat:distribution"]}
    assert formats == {"CSV", "XLSX", "JSON"}
    assert dataset["dct:license"]["@id"].startswith("https://creativecommons.org/")
    assert dataset["dct:modified"]


def test_api_refuses_digits_that_are_not_ascii(client, shelf):
    for params in ({"stars": "²"}, {"page": "²"}, {"page_size": "²"}):
        assert client.get("/api/v1/products", params).status_code == 400
    assert client.get("/api/v1/products.csv", {"stars": "²"}).status_code == 400
