"""The demo events: made by the same actions, a second run adds nothing."""

import pytest
from django.core.management import call_command

from ocop.promotion import demo
from ocop.promotion.models import Event, Participation

pytestmark = pytest.mark.django_db


def test_demo_events_are_made_once(
    certified, province_officer, other_province_officer, producer_user
):
    events = demo.seed()
    assert len(events) == 6
    assert {e.state for e in events} == {"published", "draft"}
    assert {e.kind for e in events} == {"fair", "festival", "showroom", "point_of_sale"}
    fair = Event.objects.get(name="Hội chợ sản phẩm OCOP Thành phố Hà Nội")
    accepted = fair.participations.get(state="accepted")
    assert list(accepted.products.all()) == [certified]
    assert any(e.has_ended() for e in events)
    count = Participation.objects.count()
    call_command("seed_demo_promotion", "--allow-production", verbosity=0)
    assert Event.objects.count() == 6 and Participation.objects.count() == count


def test_demo_needs_the_demo_officers(db):
    assert demo.seed() == []
