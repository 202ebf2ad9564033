"""The event lifecycle and participations, through the actions people take."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from ocop.audit.models import AuditEntry
from ocop.notify.models import Notification
from ocop.places.models import Province
from ocop.products import actions as product_actions
from ocop.promotion import actions
from ocop.promotion.errors import PromotionError
from ocop.promotion.models import Event, Participation
from tests.conftest import make_producer, make_user

pytestmark = pytest.mark.django_db


def verbs_of(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
        .order_by("at", "pk")
        .values_list("verb", flat=True)
    )


# --- events -----------------------------------------------------------------------------


def test_create_event_is_a_draft_and_audited(make_event, province_officer):
    event = make_event(state="draft")
    assert event.state == "draft"
    assert event.code.startswith("SK-")
    assert event.created_by == province_officer
    assert verbs_of(event) == ["event.created"]


def test_event_ending_before_it_starts_is_refused_with_a_clear_message(make_event, today):
    with pytest.raises(PromotionError) as refused:
        make_event(starts_on=today + dt.timedelta(days=5), ends_on=today + dt.timedelta(days=3))
    message = str(refused.value)
    assert "Ngày kết thúc" in message and "không được trước ngày bắt đầu" in message
    assert (today + dt.timedelta(days=3)).strftime("%d/%m/%Y") in message
    assert not Event.objects.exists()


def test_the_database_refuses_an_event_ending_before_it_starts(make_event, today):
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_on=today - dt.timedelta(days=30))


def test_a_fair_must_end_but_a_point_of_sale_may_be_permanent(make_event):
    with pytest.raises(PromotionError, match="phải có ngày kết thúc"):
        make_event(ends_on=None)
    shop = make_event(kind="point_of_sale", ends_on=None, name="Điểm bán OCOP")
    assert shop.ends_on is None and not shop.has_ended()


def test_a_website_must_be_http_or_https(make_event):
    with pytest.raises(PromotionError, match="http:// hoặc https://"):
        make_event(website="ftp://example.vn/hoi-cho")
    assert make_event(website="https://example.vn").website == "https://example.vn"


def test_an_officer_of_another_province_may_not_create_or_manage(
    make_event, other_province_officer
):
    with pytest.raises(PromotionError, match="không có quyền"):
        make_event(actor=other_province_officer)
    event = make_event(state="draft")
    with pytest.raises(PromotionError, match="không có quyền"):
        actions.publish_event(event, actor=other_province_officer)
    with pytest.raises(PromotionError, match="không có quyền"):
        actions.update_event(event, actor=other_province_officer, name="Khác")


def test_central_officers_manage_every_province(make_event, central_officer):
    event = make_event(actor=central_officer, province="68", name="Lễ hội Lâm Đồng")
    assert event.state == "published"


def test_update_records_what_changed(make_event, province_officer, today):
    event = make_event(state="draft")
    actions.update_event(
        event, actor=province_officer, name="Hội chợ OCOP mùa thu", ends_on=event.ends_on
    )
    event.refresh_from_db()
    assert event.name == "Hội chợ OCOP mùa thu"
    entry = AuditEntry.objects.get(verb="event.updated")
    assert entry.changes == {"name": ["Hội chợ OCOP Hà Nội", "Hội chợ OCOP mùa thu"]}
    with pytest.raises(PromotionError, match="không được trước ngày bắt đầu"):
        actions.update_event(event, actor=province_officer, ends_on=today)
    event.refresh_from_db()
    assert event.ends_on == today + dt.timedelta(days=12)


def test_moving_an_event_to_another_province_needs_rights_there(make_event, province_officer):
    event = make_event(state="draft")
    with pytest.raises(PromotionError, match="tỉnh, thành phố mình quản lý"):
        actions.update_event(
            event, actor=province_officer, province=Province.objects.get(code="68")
        )


def test_publish_then_cancel_and_nothing_after(make_event, province_officer):
    event = make_event(state="draft")
    actions.publish_event(event, actor=province_officer)
    with pytest.raises(PromotionError, match="đã công bố"):
        actions.publish_event(event, actor=province_officer)
    actions.cancel_event(event, actor=province_officer, reason="Mưa bão")
    event.refresh_from_db()
    assert (event.state, event.cancel_reason) == ("cancelled", "Mưa bão")
    with pytest.raises(PromotionError, match="đã hủy"):
        actions.update_event(event, actor=province_officer, name="Khác")
    with pytest.raises(PromotionError, match="đã hủy"):
        actions.cancel_event(event, actor=province_officer)
    assert verbs_of(event) == ["event.created", "event.published", "event.cancelled"]


# --- participations ---------------------------------------------------------------------


def test_a_producer_applies_with_its_certified_products(
    make_event, certified, producer, producer_user, province_officer
):
    event = make_event()
    p = actions.apply(
        event, actor=producer_user, producer=producer, products=[certified], note="Gian góc"
    )
    assert (p.state, p.note, p.applied_by) == ("applied", "Gian góc", producer_user)
    assert list(p.products.all()) == [certified]
    assert verbs_of(p) == ["participation.applied"]
    assert AuditEntry.objects.get(verb="participation.applied").changes["products"] == [
        certified.name
    ]
    assert Notification.objects.filter(recipient=province_officer, verb="participation.applied")


def test_a_product_without_a_certificate_in_force_may_not_take_part(
    make_event, certified, producer, producer_user
):
    bare = product_actions.create_product(
        producer, actor=producer_user, product_set=certified.product_set, name="Đĩa gốm"
    )
    with pytest.raises(PromotionError, match="Đĩa gốm.*không có giấy chứng nhận"):
        actions.apply(make_event(), actor=producer_user, producer=producer, products=[bare])
    assert not Participation.objects.exists()


def test_a_revoked_certificate_no_longer_counts(
    make_event, product, enter_certificate, revoke, producer, producer_user
):
    revoke(enter_certificate(product))
    with pytest.raises(PromotionError, match="không có giấy chứng nhận OCOP còn hiệu lực"):
        actions.apply(make_event(), actor=producer_user, producer=producer, products=[product])


def test_only_the_producers_own_products_and_accounts(
    make_event, certified, producer, producer_user, other_producer_user
):
    event = make_event()
    with pytest.raises(PromotionError, match="không đăng ký thay"):
        actions.apply(event, actor=other_producer_user, producer=producer, products=[certified])
    other = make_producer(name="Cơ sở Gốm Minh 2", registration_number="0107654322")
    make_user("chuthe.minh2", producer=other)
    account = other.memberships.get().user
    with pytest.raises(PromotionError, match="không phải của Cơ sở Gốm Minh 2"):
        actions.apply(event, actor=account, producer=other, products=[certified])
    with pytest.raises(PromotionError, match="ít nhất một sản phẩm"):
        actions.apply(event, actor=producer_user, producer=producer, products=[])


def test_only_published_events_not_ended_take_applications(
    make_event, certified, producer, producer_user, province_officer, today
):
    draft = make_event(state="draft")
    with pytest.raises(PromotionError, match="chưa công bố hoặc đã hủy"):
        actions.apply(draft, actor=producer_user, producer=producer, products=[certified])
    past = make_event(
        name="Hội chợ đã qua",
        starts_on=today - dt.timedelta(days=9),
        ends_on=today - dt.timedelta(days=7),
    )
    with pytest.raises(PromotionError, match="đã kết thúc"):
        actions.apply(past, actor=producer_user, producer=producer, products=[certified])
    cancelled = actions.cancel_event(make_event(name="Hủy"), actor=province_officer)
    with pytest.raises(PromotionError, match="chưa công bố hoặc đã hủy"):
        actions.apply(cancelled, actor=producer_user, producer=producer, products=[certified])


def test_one_participation_per_event_and_producer(make_event, certified, producer, producer_user):
    event = make_event()
    first = actions.apply(event, actor=producer_user, producer=producer, products=[certified])
    with pytest.raises(PromotionError, match="đã đăng ký sự kiện này"):
        actions.apply(event, actor=producer_user, producer=producer, products=[certified])
    actions.withdraw(first, actor=producer_user)
    again = actions.apply(event, actor=producer_user, producer=producer, products=[certified])
    assert again.pk == first.pk and again.state == "applied"
    assert verbs_of(first) == [
        "participation.applied",
        "participation.withdrawn",
        "participation.applied",
    ]


def test_accept_tells_the_producer(
    make_event, certified, producer, producer_user, province_officer
):
    p = actions.apply(make_event(), actor=producer_user, producer=producer, products=[certified])
    actions.accept(p, actor=province_officer)
    p.refresh_from_db()
    assert (p.state, p.decided_by) == ("accepted", province_officer)
    assert Notification.objects.get(recipient=producer_user, verb="participation.accepted")
    with pytest.raises(PromotionError, match="Được nhận tham gia"):
        actions.decline(p, actor=province_officer, reason="Hết chỗ")


def test_decline_needs_a_reason_and_tells_the_producer(
    make_event, certified, producer, producer_user, province_officer
):
    p = actions.apply(make_event(), actor=producer_user, producer=producer, products=[certified])
    with pytest.raises(PromotionError, match="Hãy ghi lý do không nhận"):
        actions.decline(p, actor=province_officer, reason="  ")
    actions.decline(p, actor=province_officer, reason="Hết gian hàng")
    p.refresh_from_db()
    assert (p.state, p.decline_reason) == ("declined", "Hết gian hàng")
    note = Notification.objects.get(recipient=producer_user, verb="participation.declined")
    assert note.note == "Hết gian hàng"
    entry = AuditEntry.objects.get(verb="participation.declined")
    assert entry.changes["decline_reason"] == "Hết gian hàng"
    with pytest.raises(PromotionError, match="không được nhận"):
        actions.apply(p.event, actor=producer_user, producer=producer, products=[certified])


def test_only_the_events_office_decides(
    make_event, certified, producer, producer_user, other_province_officer, commune_officer
):
    p = actions.apply(make_event(), actor=producer_user, producer=producer, products=[certified])
    for officer in (other_province_officer, commune_officer, producer_user):
        with pytest.raises(PromotionError, match="không có quyền"):
            actions.accept(p, actor=officer)
    p.refresh_from_db()
    assert p.state == "applied"


def test_withdraw_after_acceptance(
    make_event, certified, producer, producer_user, other_producer_user, province_officer
):
    p = actions.apply(make_event(), actor=producer_user, producer=producer, products=[certified])
    actions.accept(p, actor=province_officer)
    with pytest.raises(PromotionError, match="không rút đăng ký thay"):
        actions.withdraw(p, actor=other_producer_user)
    actions.withdraw(p, actor=producer_user)
    p.refresh_from_db()
    assert p.state == "withdrawn"
    with pytest.raises(PromotionError, match="Đã rút"):
        actions.withdraw(p, actor=producer_user)


def test_the_office_adds_a_producer_directly(
    make_event, certified, producer, producer_user, province_officer
):
    event = make_event(state="draft")
    p = actions.add_participant(
        event, actor=province_officer, producer=producer, products=[certified]
    )
    assert (p.state, p.applied_by, p.decided_by) == ("accepted", province_officer, province_officer)
    assert Notification.objects.get(recipient=producer_user, verb="participation.added")
    with pytest.raises(PromotionError, match="đã có trong danh sách"):
        actions.add_participant(
            event, actor=province_officer, producer=producer, products=[certified]
        )


def test_cancelling_tells_the_producers_taking_part(
    make_event, certified, producer, producer_user, province_officer
):
    event = make_event()
    actions.apply(event, actor=producer_user, producer=producer, products=[certified])
    actions.cancel_event(event, actor=province_officer, reason="Thời tiết xấu")
    note = Notification.objects.get(recipient=producer_user, verb="event.cancelled")
    assert note.note == "Thời tiết xấu"
