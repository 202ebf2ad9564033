"""The map (/ban-do/): the catalogue's filters and counts, one point per producer with
coordinates, a server-rendered list that is the page without JavaScript, "near a place"
ordered by distance, the points file, and the tile server as a setting.

The ``shelf`` (conftest.py): An Giang's producer (3 products in force, best 4★, plus an
expired one), Lâm Đồng's (2, best 5★), Hà Nội's (1, 3★, plus a revoked one) have
coordinates; Quảng Ninh's (1, 4★) has none."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ocop.catalogue import map_views
from ocop.legal.models import ProductSet
from ocop.places.models import Commune
from ocop.products.models import Product
from tests.conftest import make_producer

pytestmark = pytest.mark.django_db

HANOI = "21.0285,105.8542"
AN_GIANG = "10.3,104.0"
ANGIANG, LAMDONG, HANOI_NAME, QUANGNINH = (
    "HTX Nước mắm Khải Hoàn",
    "HTX Chè Đơn Dương",
    "Hộ kinh doanh Ong Phú Xuyên",
    "Công ty TNHH Hải sản Hạ Long",
)


def page(client, **params):
    response = client.get(reverse("catalogue:map"), params)
    assert response.status_code == 200
    return response, response.content.decode()


def points(client, **params):
    response = client.get(reverse("catalogue:map_points"), params)
    assert response.status_code == 200
    return response, response.json()


def listed(html: str) -> list[str]:
    """The producers' names in the server-rendered list, in order."""
    part = html.split('id="producer-list"')[1] if 'id="producer-list"' in html else ""
    return re.findall(r'<h3><a href="/chu-the-ocop/[^"]+/">([^<]+)</a></h3>', part)


def by_name(data: dict) -> dict:
    return {p["name"]: p for p in data["points"]}


# --- the page without JavaScript ----------------------------------------------------------
def test_map_page_lists_producers_with_coordinates_and_the_filters_counts(client, shelf):
    response, html = page(client)
    assert listed(html) == [LAMDONG, ANGIANG, HANOI_NAME]  # most stars first
    assert QUANGNINH not in listed(html)
    angiang = shelf.producers["angiang"]
    assert f'href="/chu-the-ocop/{angiang.code}/"' in html
    assert f"{angiang.commune.name}, An Giang" in html
    assert "3 sản phẩm phù hợp" in html and "cao nhất 4 sao" in html
    assert "3 chủ thể trên bản đồ" in html
    assert "1 chủ thể chưa có tọa độ nên không có trên bản đồ." in html
    # The catalogue's filter form, with its counts (products), sent to the map.
    assert '<form method="get" action="/ban-do/" class="catalogue-form" role="search">' in html
    assert re.search(r'<option value="91">An Giang \(3\)</option>', html)
    assert re.search(r'<option value="22">Quảng Ninh \(1\)</option>', html)
    assert 'name="sap_xep"' not in html  # the list has its own order
    # The map is filled by the script; without it the element stays hidden.
    assert '<div id="map" class="map" data-map-only hidden' in html
    assert 'data-points="/ban-do/diem.json"' in html


def test_map_page_filters_apply_to_the_list_and_the_points_url(client, shelf):
    _response, html = page(client, sao="5")
    assert listed(html) == [LAMDONG]
    _response, html = page(client, tinh="91")
    assert listed(html) == [ANGIANG]
    assert 'data-points="/ban-do/diem.json?tinh=91"' in html
    assert "An Giang" in html.split('class="chips"')[1]  # the filter in force, removable
    _response, html = page(client, q="mat ong")
    assert listed(html) == [HANOI_NAME]


def test_search_page_still_has_its_filter_form_and_sorting(client, shelf):
    html = client.get(reverse("catalogue:search"), {"sao": "4"}).content.decode()
    form = '<form method="get" action="/san-pham-ocop/" class="catalogue-form" role="search">'
    assert form in html
    assert '<select id="sap_xep" name="sap_xep">' in html
    assert 'type="hidden"' not in html.split("</form>")[0]


def test_near_a_place_orders_the_list_by_distance_and_shows_km(client, shelf):
    _response, html = page(client, gan=HANOI)
    assert listed(html) == [HANOI_NAME, LAMDONG, ANGIANG]
    assert "gần vị trí đã chọn nhất trước" in html
    assert re.search(r"cách 3\d,\d km", html)  # Phú Xuyên is about 32 km from Hoàn Kiếm
    # The filters keep the place, and the place form keeps the filters.
    assert '<input type="hidden" name="gan" value="21.02850,105.85420">' in html
    _response, html = page(client, gan=AN_GIANG, sao="4")
    assert listed(html) == [ANGIANG, LAMDONG]
    assert '<input type="hidden" name="sao" value="4">' in html


@pytest.mark.parametrize(
    "value, message",
    [
        ("abc", "Không đọc được vị trí «abc»"),
        ("21.02", "Không đọc được vị trí «21.02»"),
        ("21,105,3", "Không đọc được vị trí «21,105,3»"),
        ("nan,inf", "Không đọc được vị trí «nan,inf»"),
        ("48.85,2.35", "nằm ngoài Việt Nam"),
        ("105.85,21.02", "nằm ngoài Việt Nam"),  # longitude first
    ],
)
def test_a_bad_place_gives_a_message_and_the_usual_list(client, shelf, value, message):
    _response, html = page(client, gan=value)
    assert message in html
    assert listed(html) == [LAMDONG, ANGIANG, HANOI_NAME]
    assert "cách " not in html.split('id="producer-list"')[1]
    assert f'value="{value}"' in html and 'aria-invalid="true"' in html  # kept to correct


def test_a_place_may_be_parted_by_a_space_and_is_rounded():
    assert map_views.parse_place(" 21.02851234  105.8542 ") == ((21.02851, 105.8542), "")
    assert map_views.parse_place("") == (None, "")


def test_haversine_distance():
    hanoi, saigon = (21.0285, 105.8542), (10.7769, 106.7009)
    assert 1130 < map_views.km(hanoi, saigon) < 1145
    assert map_views.km(hanoi, hanoi) == 0


def test_the_list_is_paginated_and_keeps_the_place(client, shelf, monkeypatch):
    monkeypatch.setattr(map_views, "LIST_SIZE", 2)
    _response, html = page(client, gan=HANOI)
    assert listed(html) == [HANOI_NAME, LAMDONG]
    assert 'href="?trang=2&amp;gan=21.02850,105.85420"' in html
    _response, html = page(client, gan=HANOI, trang="2")
    assert listed(html) == [ANGIANG]
    _response, html = page(client, trang="9")
    assert "Không có trang 9: kết quả chỉ có 2 trang." in html
    assert listed(html) == [HANOI_NAME]  # the last page


def test_a_capped_result_keeps_the_nearest_and_says_so(client, shelf, monkeypatch):
    monkeypatch.setattr(map_views, "MAX_PRODUCERS", 1)
    _response, html = page(client)
    assert listed(html) == [LAMDONG]  # the most stars
    assert "Chỉ hiện 1 trên 3 chủ thể" in html
    _response, html = page(client, gan=HANOI)
    assert listed(html) == [HANOI_NAME]  # the nearest, not the most stars
    _response, data = points(client)
    assert len(data["points"]) == 1 and data["total"] == 3


# --- the points file ----------------------------------------------------------------------
def test_points_are_one_per_producer_with_coordinates(client, shelf):
    response, data = points(client)
    assert response["Cache-Control"] == "public, max-age=60"
    assert data["problems"] == [] and data["total"] == 3
    found = by_name(data)
    assert set(found) == {ANGIANG, LAMDONG, HANOI_NAME}  # Quảng Ninh's has no coordinates
    angiang = shelf.producers["angiang"]
    assert found[ANGIANG] == {
        "code": angiang.code,
        "name": ANGIANG,
        "lat": 10.22,
        "lon": 103.96,
        "products": 3,
        "stars": 4,
        "url": reverse("catalogue:producer", args=[angiang.code]),
    }
    assert found[LAMDONG]["products"] == 2 and found[LAMDONG]["stars"] == 5


def test_points_follow_the_filters(client, shelf):
    assert set(by_name(points(client, sao="5")[1])) == {LAMDONG}
    assert set(by_name(points(client, tinh="01")[1])) == {HANOI_NAME}
    assert set(by_name(points(client, q="nuoc mam")[1])) == {ANGIANG}
    assert set(by_name(points(client, nhom="I.5")[1])) == {LAMDONG}


@pytest.mark.parametrize(
    "params, message",
    [
        ({"sao": "9"}, "Số sao chỉ có thể là 3, 4 hoặc 5."),
        ({"tinh": "zz"}, "Không có tỉnh, thành phố mã «zz»."),
        ({"nhom": "IX.9"}, "Không có ngành, nhóm hay bộ sản phẩm mã «IX.9»."),
        ({"loai": "alien"}, "Không có loại hình chủ thể «alien»."),
        ({"tinh": "91", "xa": "00583"}, "Không có xã, phường, đặc khu mã «00583»"),
    ],
)
def test_bad_filter_values_give_no_points_and_say_why(client, shelf, params, message):
    _response, data = points(client, **params)
    assert data["points"] == [] and data["total"] == 0
    assert any(message in problem for problem in data["problems"])
    _response, html = page(client, **params)  # the page too: a message, not a 500
    assert message in html and listed(html) == []


def test_ended_certificates_are_on_the_map_only_when_asked(client, shelf, central_officer):
    from ocop.certificates import actions

    # A producer whose only product's certificate has ended.
    producer = make_producer(
        commune=Commune.objects.filter(province__code="91").order_by("code").first().code,
        name="Cơ sở Khô cá đã hết hạn",
        registration_number="",
        tax_code="",
        latitude=10.5,
        longitude=105.1,
    )
    product = Product.objects.create(
        producer=producer, product_set=ProductSet.objects.get(code="I.4.a"), name="Khô cá sặc"
    )
    start = timezone.localdate() - dt.timedelta(days=4 * 365)
    actions.enter(
        actor=central_officer,
        product=product,
        number="77/GCN",
        stars=3,
        score=None,
        authority="province",
        authority_name="UBND tỉnh An Giang",
        decision_number="77/QĐ",
        decision_date=start,
        signer="Chủ tịch",
        instrument=shelf.certificates["mam4"].instrument,
        valid_from=start,
        expires_on=None,
    )
    found = by_name(points(client)[1])
    assert "Cơ sở Khô cá đã hết hạn" not in found
    assert found[ANGIANG]["products"] == 3 and found[HANOI_NAME]["products"] == 1
    assert "Cơ sở Khô cá đã hết hạn" not in listed(page(client)[1])

    found = by_name(points(client, tat_ca="1")[1])
    assert found["Cơ sở Khô cá đã hết hạn"]["products"] == 1
    assert found[ANGIANG]["products"] == 4  # and the expired fish sauce
    assert found[HANOI_NAME]["products"] == 2  # and the revoked honey
    assert "Cơ sở Khô cá đã hết hạn" in listed(page(client, tat_ca="1")[1])


# --- the tile server is a setting ---------------------------------------------------------
def test_the_map_page_allows_only_its_tile_server(client, shelf):
    response, html = page(client)
    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in policy
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert 'data-attribution="© OpenStreetMap"' in html
    other = client.get(reverse("catalogue:search"))["Content-Security-Policy"]
    assert "openstreetmap" not in other


@override_settings(
    OCOP_MAP_TILES="https://{s}.tiles.example.vn/ocop/{z}/{x}/{y}.png",
    OCOP_MAP_ATTRIBUTION="© Sở Nông nghiệp",
)
def test_a_province_may_run_its_own_tile_server(client, shelf):
    response, html = page(client)
    assert "img-src 'self' data: https://*.tiles.example.vn;" in response["Content-Security-Policy"]
    assert 'data-attribution="© Sở Nông nghiệp"' in html


@override_settings(OCOP_MAP_TILES="")
def test_without_tiles_the_page_and_points_still_work(client, shelf):
    response, html = page(client)
    assert "img-src 'self' data:;" in response["Content-Security-Policy"]
    assert 'data-tiles=""' in html and listed(html) == [LAMDONG, ANGIANG, HANOI_NAME]
    assert "Không tải được bản đồ nền" in html  # what the script says, from the page
    assert len(points(client)[1]["points"]) == 3


@pytest.mark.parametrize(
    "template, source",
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("http://tiles.local:8080/{z}/{x}/{y}.png", "http://tiles.local:8080"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("/tiles/{z}/{x}/{y}.png", ""),  # the site's own: 'self' covers it
        ("https://a.b'; script-src *;/{z}/{x}/{y}", ""),  # never spliced into the policy
        ("", ""),
    ],
)
def test_tile_source(template, source):
    assert map_views.tile_source(template) == source
