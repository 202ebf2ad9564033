from collections import Counter

import pytest
from django.core.management import call_command

from ocop.places.models import Commune, Province

pytestmark = pytest.mark.django_db


def test_places_counts_match_the_2025_reform(places):
    assert Province.objects.count() == 34
    assert Commune.objects.count() == 3321
    types = Counter(Commune.objects.values_list("type", flat=True))
    assert types == {"xa": 2621, "phuong": 687, "dac_khu": 13}


def test_places_codes_are_official_fixed_width_strings(places):
    assert Province.objects.get(code="01").name == "Thành phố Hà Nội"
    assert Province.objects.get(code="68").name == "Lâm Đồng"
    assert Commune.objects.get(code="00583").name == "Xã Bát Tràng"
    assert all(len(c) == 5 for c in Commune.objects.values_list("code", flat=True))
    assert all(len(c) == 2 for c in Province.objects.values_list("code", flat=True))


def test_load_places_twice_changes_nothing(places, capsys):
    call_command("load_places")
    assert "0 created, 0 updated, 3355 unchanged" in capsys.readouterr().out


def test_load_places_restores_a_changed_name(places):
    Commune.objects.filter(code="00583").update(name="Sai tên")
    call_command("load_places", verbosity=0)
    assert Commune.objects.get(code="00583").name == "Xã Bát Tràng"


def test_api_provinces_lists_34_with_two_digit_codes(client, places):
    response = client.get("/api/v1/provinces")
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 34
    assert data[0] == {
        "code": "01",
        "name": "Thành phố Hà Nội",
        "type": "thanh_pho",
        "codename": "ha_noi",
    }


def test_api_communes_of_a_province(client, places):
    data = client.get("/api/v1/provinces/01/communes").json()
    assert len(data) == Commune.objects.filter(province__code="01").count() == 126
    ba_dinh = next(c for c in data if c["code"] == "00004")
    assert ba_dinh == {
        "code": "00004",
        "name": "Phường Ba Đình",
        "type": "phuong",
        "codename": "phuong_ba_dinh",
        "province_code": "01",
    }


@pytest.mark.parametrize("code", ["99", "1", "abc", "00583"])
def test_api_unknown_province_answers_404_json(client, places, code):
    response = client.get(f"/api/v1/provinces/{code}/communes")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert code in response.json()["detail"]


def test_api_error_speaks_english_when_asked(client, places):
    response = client.get("/api/v1/provinces/99/communes", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "No province with code 99."


def test_api_has_openapi_document_and_docs(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/provinces" in doc["paths"]
    assert "/api/v1/provinces/{code}/communes" in doc["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
