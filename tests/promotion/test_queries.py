"""What the catalogue asks: the published events, not ended, a product or a producer is
accepted in."""

import datetime as dt

import pytest

from ocop.promotion import actions, queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def taking_part(make_event, certified, producer, province_officer, today):
    """The product accepted in a coming fair, a running point of sale, a past fair and a
    cancelled one; applied (not accepted) to another fair."""

    def add(event):
        actions.add_participant(
            event, actor=province_officer, producer=producer, products=[certified]
        )
        return event

    coming = add(
        make_event(
            name="Sắp tới",
            starts_on=today + dt.timedelta(days=30),
            ends_on=today + dt.timedelta(days=31),
        )
    )
    shop = add(
        make_event(
            name="Điểm bán",
            kind="point_of_sale",
            ends_on=None,
            starts_on=today - dt.timedelta(days=3),
        )
    )
    past = make_event(
        name="Đã qua", starts_on=today - dt.timedelta(days=3), ends_on=today - dt.timedelta(days=1)
    )
    cancelled = add(make_event(name="Bị hủy"))
    actions.cancel_event(cancelled, actor=province_officer)
    waiting = make_event(name="Chờ xét")
    return {"coming": coming, "shop": shop, "past": past, "waiting": waiting}


def test_upcoming_for_products(taking_part, certified, producer, producer_user, today):
    actions.apply(
        taking_part["waiting"], actor=producer_user, producer=producer, products=[certified]
    )
    found = queries.upcoming_for_products([certified.pk, 999_999], today)
    assert found == {certified.pk: [taking_part["shop"], taking_part["coming"]]}
    assert queries.upcoming_for_products([], today) == {}


def test_upcoming_for_producer(taking_part, producer, other_producer_user, today):
    assert queries.upcoming_for_producer(producer, today) == [
        taking_part["shop"],
        taking_part["coming"],
    ]
    from ocop.producers.models import Producer

    other = Producer.objects.get(name="Cơ sở Gốm Minh")
    assert queries.upcoming_for_producer(other, today) == []


def test_an_ended_event_is_no_longer_upcoming(taking_part, certified, today):
    later = today + dt.timedelta(days=32)
    assert queries.upcoming_for_products([certified.pk], later) == {
        certified.pk: [taking_part["shop"]]
    }


def test_public_events_order_running_then_coming(taking_part, make_event, today):
    events = list(queries.public_events(today=today))
    assert events == [taking_part["shop"], taking_part["waiting"], taking_part["coming"]]
    assert list(queries.public_events(today=today, past=True)) == [taking_part["past"]]
    assert list(queries.public_events(today=today, kind="point_of_sale")) == [taking_part["shop"]]
