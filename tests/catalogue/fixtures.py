"""A small catalogue for every test directory (registered in the root conftest): ``shelf``,
certified products in four provinces, and the ones that must not be listed (expired,
revoked, superseded, never certified)."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from ocop.legal.models import LegalInstrument, ProductSet
from ocop.places.models import Commune
from ocop.products.models import Product
from tests.conftest import make_producer

HANOI_PROVINCE = "Ủy ban nhân dân Thành phố Hà Nội"


def first_commune(province_code: str) -> str:
    return Commune.objects.filter(province__code=province_code).order_by("code").first().code


@dataclass
class Shelf:
    products: dict  # name -> Product
    certificates: dict  # name -> Certificate
    producers: dict  # key -> Producer


@pytest.fixture
def shelf(places, criteria, central_officer, province_officer, revoke):
    from ocop.certificates import actions

    today = timezone.localdate()
    instrument = LegalInstrument.objects.get(number="26/2026/QĐ-TTg")
    sets = {s.code: s for s in ProductSet.objects.filter(instrument=instrument)}
    numbers = iter(range(100, 10_000))
    producers = {
        "angiang": make_producer(
            commune=first_commune("91"),
            name="HTX Nước mắm Khải Hoàn",
            registration_number="",
            tax_code="",
            latitude=10.22,
            longitude=103.96,
            phone="0912345678",
            email="khaihoan@example.vn",
        ),
        "quangninh": make_producer(
            commune=first_commune("22"),
            name="Công ty TNHH Hải sản Hạ Long",
            legal_type="cong_ty_tnhh",
            registration_number="",
            tax_code="",
        ),
        "lamdong": make_producer(
            commune="24931",
            name="HTX Chè Đơn Dương",
            registration_number="",
            tax_code="",
            latitude=11.75,
            longitude=108.55,
        ),
        "hanoi": make_producer(
            commune="10273",
            name="Hộ kinh doanh Ong Phú Xuyên",
            legal_type="ho_san_xuat",
            registration_number="",
            tax_code="",
            latitude=20.74,
            longitude=105.91,
        ),
    }

    def product(key, name, set_code, **extra):
        return Product.objects.create(
            producer=producers[key], product_set=sets[set_code], name=name, **extra
        )

    def enter(p, *, stars=3, days_ago=30, authority="province", name=None):
        start = today - dt.timedelta(days=days_ago)
        n = next(numbers)
        return actions.enter(
            actor=central_officer,
            product=p,
            number=f"{n}/GCN",
            stars=stars,
            score=None if stars == 3 else dt.date.today().day + 70,
            authority=authority,
            authority_name=name or f"UBND tỉnh {p.producer.commune.province.name}",
            decision_number=f"{n}/QĐ",
            decision_date=start,
            signer="Chủ tịch",
            instrument=instrument,
            valid_from=start,
            expires_on=None,
        )

    products = {
        "mam4": product("angiang", "Nước mắm Phú Quốc", "I.4.a"),
        "mam3": product("angiang", "Nước mắm nhĩ cá cơm", "I.4.a"),
        "ruoc": product("angiang", "Mắm ruốc Hàm Ninh", "I.4.b"),
        "cha": product("quangninh", "Đặc sản chả mực Hạ Long", "I.3.d"),
        "tra": product("lamdong", "Trà shan tuyết cổ thụ", "I.5.a"),
        "ong": product("hanoi", "Mật ong hoa nhãn", "I.2.b"),
        "expired": product("angiang", "Nước mắm cốt đã hết hạn", "I.4.a"),
        "revoked": product("hanoi", "Mật ong rừng bị thu hồi", "I.2.b"),
        "renewed": product("lamdong", "Trà xanh Đơn Dương", "I.5.a"),
        "never": product("lamdong", "Trà túi lọc chưa công nhận", "I.5.b"),
    }
    certificates = {
        "mam4": enter(products["mam4"], stars=4),
        "mam3": enter(products["mam3"], stars=3, days_ago=10),
        "ruoc": enter(products["ruoc"], stars=3),
        "cha": enter(products["cha"], stars=4),
        "tra": enter(products["tra"], stars=5, authority="ministry", name="Bộ NN và MT"),
        "ong": enter(products["ong"], stars=3),
        "expired": enter(products["expired"], stars=4, days_ago=4 * 365),
        "revoked": enter(products["revoked"], stars=3, name=HANOI_PROVINCE),
        "renewed_old": enter(products["renewed"], stars=3, days_ago=400),
        "renewed": enter(products["renewed"], stars=4, days_ago=5),
    }
    # Public stories are the producer's approved listings (``listings``), not product fields.
    from ocop.catalogue import index
    from ocop.listings.models import ProductListing

    stories = {
        "ruoc": "Ruốc biển, vị nước mắm.",
        "ong": "Đặc sản của vùng nhãn Phú Xuyên, lấy mật một lần mỗi vụ.",
    }
    for key, story in stories.items():
        ProductListing.objects.create(product=products[key], story=story)
    index.reindex([products[key].pk for key in stories])
    revoke(certificates["revoked"])
    return Shelf(products, certificates, producers)
