"""Product and producer pages: status in the verification page's words, where to buy, what
stays private, Schema.org and Open Graph, sitemap and robots."""

import json
import re

import pytest
from django.urls import reverse

from ocop.catalogue import index
from ocop.catalogue.models import Entry
from ocop.listings.models import ProducerListing, ProductListing

pytestmark = pytest.mark.django_db


def product_page(client, product):
    return client.get(reverse("catalogue:product", args=[product.code]))


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_product_page(client, shelf):
    product, cert = shelf.products["mam4"], shelf.certificates["mam4"]
    response = product_page(client, product)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Nước mắm Phú Quốc</h1>" in html
    assert "Còn hiệu lực" in html  # the verification page's words
    assert f'href="/v/{cert.code}"' in html
    assert shelf.producers["angiang"].commune.name in html
    assert "An Giang" in html
    assert '<meta property="og:title" content="Nước mắm Phú Quốc">' in html
    assert "<title>Nước mắm Phú Quốc – OCOP 4 sao – An Giang · OCOP</title>" in html
    data = json_ld(html)
    assert data["@type"] == "Product" and data["name"] == "Nước mắm Phú Quốc"
    assert data["award"] == "Sản phẩm OCOP 4 sao"
    assert data["manufacturer"]["address"]["addressRegion"] == "An Giang"


def test_related_products_are_of_the_same_set(client, shelf):
    html = product_page(client, shelf.products["mam4"]).content.decode()
    related = html.split("Sản phẩm cùng loại")[1]
    assert "Nước mắm nhĩ cá cơm" in related
    assert "Mắm ruốc" not in related  # another product set
    assert "Nước mắm cốt đã hết hạn" not in related


def test_an_ended_product_says_so(client, shelf):
    html = product_page(client, shelf.products["revoked"]).content.decode()
    assert "Đã bị thu hồi" in html and "Sản phẩm không còn là sản phẩm OCOP." in html
    assert "Hết hạn" in product_page(client, shelf.products["expired"]).content.decode()


def test_never_certified_or_unknown_products_are_not_found(client, shelf):
    assert product_page(client, shelf.products["never"]).status_code == 404
    assert client.get(reverse("catalogue:product", args=["SP-NOPE"])).status_code == 404
    assert client.get(reverse("catalogue:product", args=["x" * 3000])).status_code == 404


def test_where_to_buy_shows_only_well_formed_links(client, shelf):
    product = shelf.products["mam4"]
    ProductListing.objects.create(
        product=product,
        story="Ủ chượp 12 tháng.",
        shop_links=[
            {"kind": "shopee", "url": "https://shopee.vn/khaihoan"},
            {"kind": "website", "url": "javascript:alert(1)"},
            {"kind": "website", "url": "not a url"},
        ],
    )
    index.reindex([product.pk])
    html = product_page(client, product).content.decode()
    assert 'href="https://shopee.vn/khaihoan"' in html and ">Shopee<" in html
    assert "javascript:" not in html and "not a url" not in html
    assert "Ủ chượp 12 tháng." in html


def test_contact_is_shown_only_when_the_producer_chose_to(client, shelf):
    product, producer = shelf.products["mam4"], shelf.producers["angiang"]
    assert producer.phone not in product_page(client, product).content.decode()
    assert producer.email not in product_page(client, product).content.decode()
    ProducerListing.objects.create(producer=producer, show_phone=True)
    index.reindex([product.pk])
    html = product_page(client, product).content.decode()
    assert producer.phone in html and producer.email not in html


def test_a_hidden_listing_leaves_the_catalogue(client, shelf):
    from django.utils import timezone

    product = shelf.products["mam4"]
    ProductListing.objects.create(product=product, hidden_at=timezone.now(), hidden_reason="x")
    index.reindex([product.pk])
    assert not Entry.objects.filter(pk=product.pk).exists()
    assert product_page(client, product).status_code == 404


def test_producer_page_lists_its_products(client, shelf):
    producer = shelf.producers["angiang"]
    response = client.get(reverse("catalogue:producer", args=[producer.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "HTX Nước mắm Khải Hoàn" in html
    in_force, ended = html.split("Sản phẩm đã hết hạn hoặc bị thu hồi")
    assert "Nước mắm Phú Quốc" in in_force and "Mắm ruốc Hàm Ninh" in in_force
    assert "Nước mắm cốt đã hết hạn" in ended
    assert producer.phone not in html
    assert json_ld(html)["@type"] == "Organization"


def test_producer_without_certified_products_is_not_found(client, shelf, producer):
    assert client.get(reverse("catalogue:producer", args=[producer.code])).status_code == 404


def test_pages_are_kept_for_anonymous_visitors_and_follow_changes(client, shelf):
    product = shelf.products["cha"]
    assert "giã tay" not in product_page(client, product).content.decode()
    ProductListing.objects.create(product=product, story="Chả mực giã tay bằng cối đá.")
    index.reindex([product.pk])  # what an approval does: the kept page is dropped
    assert "giã tay" in product_page(client, product).content.decode()


def test_sitemap_and_robots(client, shelf):
    sitemap = client.get(reverse("catalogue:sitemap")).content.decode()
    assert reverse("catalogue:product", args=[shelf.products["mam4"].code]) in sitemap
    assert reverse("catalogue:producer", args=[shelf.producers["angiang"].code]) in sitemap
    assert shelf.products["never"].code not in sitemap
    robots = client.get(reverse("catalogue:robots")).content.decode()
    assert "Disallow: /ho-so/" in robots and "Sitemap: " in robots
    assert "Disallow: /san-pham-ocop" not in robots


def test_english_product_page(client, shelf):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = product_page(client, shelf.products["mam4"]).content.decode()
    assert '<html lang="en">' in html


def test_only_approved_or_certified_text_is_public(client, shelf):
    """A producer edits its product's own fields without review: the catalogue shows the
    name the certificate prints and the story of the approved listing, never those fields."""
    product = shelf.products["mam4"]
    product.name = "Nước mắm SIÊU RẺ click-here"
    product.description = "Quảng cáo chưa duyệt"
    product.story = "Câu chuyện chưa duyệt"
    product.ingredients = "Thành phần chưa duyệt"
    product.save()
    producer = shelf.producers["angiang"]
    producer.website = "https://spam.example"
    producer.save()
    html = product_page(client, product).content.decode()
    assert "<h1>Nước mắm Phú Quốc</h1>" in html
    for unreviewed in ("SIÊU RẺ", "chưa duyệt", "spam.example"):
        assert unreviewed not in html
    assert names_found(client, "sieu re") == []


def names_found(client, q: str) -> list[str]:
    return [r["name"] for r in client.get("/api/v1/products", {"q": q}).json()["results"]]


def test_nul_in_an_address_is_a_clear_400_on_every_engine(client, shelf):
    """Found by review: PostgreSQL refuses NUL in any text (a 500 there, a 404 on SQLite)."""
    for url in ("/san-pham-ocop/%00/", "/san-pham-ocop/?xa=%00", "/api/v1/products/%00"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "ký tự không hợp lệ" in response.content.decode()


def test_a_kept_page_does_not_carry_another_visitors_query(client, shelf):
    """Found by review: the kept page's language links held the first visitor's URL."""
    product = shelf.products["mam4"]
    url = reverse("catalogue:product", args=[product.code])
    client.get(url + "?utm=spam")
    assert "utm" not in client.get(url).content.decode()
