"""Events and certified products for the promotion tests.

- ``certified``: the dossier fixture's product (Bình gốm men lam, HTX Gốm Bát Tràng, Hà Nội)
  with a certificate in force today;
- ``make_event(**fields)``: an event of Hà Nội made by its office (published unless
  ``state="draft"``), running from in ten days for three days by default.
"""

import datetime as dt

import pytest
from django.utils import timezone

from ocop.places.models import Province
from ocop.promotion import actions


@pytest.fixture
def certified(product, enter_certificate):
    enter_certificate(product)
    return product


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def make_event(province_officer, today):
    def make(*, state="published", actor=None, province="01", **fields):
        values = {
            "kind": "fair",
            "name": "Hội chợ OCOP Hà Nội",
            "province": Province.objects.get(code=province),
            "place": "Cung Văn hóa Hữu nghị",
            "starts_on": today + dt.timedelta(days=10),
            "ends_on": today + dt.timedelta(days=12),
            "organiser": "Sở Nông nghiệp và Môi trường Hà Nội",
            **fields,
        }
        event = actions.create_event(actor=actor or province_officer, **values)
        if state == "published":
            event = actions.publish_event(event, actor=actor or province_officer)
        return event

    return make
