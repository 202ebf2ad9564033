"""Demo events for ``make run`` (after ``seed_demo_certificates``): a fair in Hà Nội with
accepted producers and one application waiting, a festival in Lâm Đồng, a permanent OCOP
point of sale at Bát Tràng, a showroom running this week, a past fair and a draft. Dates are
relative to today; the province officers ``tinh.hanoi`` and ``tinh.lamdong`` own them.
Every row is made by the same actions people use. Idempotent: an event is found by its
name and province, a producer's participation by event and producer."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ocop.accounts.models import User
from ocop.places.models import Province
from ocop.producers.models import ProducerMembership
from ocop.promotion import actions, queries
from ocop.promotion.enums import EventKind, EventState
from ocop.promotion.models import Event, Participation

HANOI, LAMDONG = "01", "68"
HANOI_OFFICE = "Sở Nông nghiệp và Môi trường Thành phố Hà Nội"
LAMDONG_OFFICE = "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng"


def _events(today: dt.date) -> list[dict]:
    day = lambda n: today + dt.timedelta(days=n)  # noqa: E731
    return [
        {
            "officer": "tinh.hanoi",
            "state": EventState.PUBLISHED,
            "exhibitors": 1,
            "waiting": True,
            "kind": EventKind.FAIR,
            "name": "Hội chợ sản phẩm OCOP Thành phố Hà Nội",
            "province": HANOI,
            "place": "Cung Văn hóa Hữu nghị Việt Xô, 91 Trần Hưng Đạo, phường Cửa Nam",
            "latitude": Decimal("21.024000"),
            "longitude": Decimal("105.842500"),
            "starts_on": day(21),
            "ends_on": day(25),
            "organiser": HANOI_OFFICE,
            "website": "https://sonnmt.hanoi.gov.vn",
            "description": "Gian hàng của các chủ thể OCOP 3 đến 5 sao của Hà Nội và các tỉnh "
            "bạn: gốm sứ, mật ong, đặc sản, thủ công mỹ nghệ; trình diễn làm gốm Bát Tràng.",
        },
        {
            "officer": "tinh.lamdong",
            "state": EventState.PUBLISHED,
            "exhibitors": 3,
            "kind": EventKind.FESTIVAL,
            "name": "Festival Hoa Đà Lạt: không gian sản phẩm OCOP Lâm Đồng",
            "province": LAMDONG,
            "place": "Quảng trường Lâm Viên, phường Xuân Hương – Đà Lạt",
            "latitude": Decimal("11.936000"),
            "longitude": Decimal("108.445000"),
            "starts_on": day(45),
            "ends_on": day(50),
            "organiser": LAMDONG_OFFICE,
            "description": "Trà, cà phê, rau hoa và đặc sản Lâm Đồng đạt chứng nhận OCOP, bên "
            "cạnh các hoạt động của lễ hội hoa.",
        },
        {
            "officer": "tinh.hanoi",
            "state": EventState.PUBLISHED,
            "exhibitors": 2,
            "kind": EventKind.POINT_OF_SALE,
            "name": "Điểm giới thiệu và bán sản phẩm OCOP làng gốm Bát Tràng",
            "province": HANOI,
            "place": "Chợ gốm Bát Tràng, xã Bát Tràng",
            "starts_on": day(-200),
            "ends_on": None,
            "organiser": "UBND xã Bát Tràng",
            "description": "Mở cửa hằng ngày 8:00–18:00: gốm sứ và sản phẩm OCOP của Hà Nội.",
        },
        {
            "officer": "tinh.hanoi",
            "state": EventState.PUBLISHED,
            "exhibitors": 1,
            "kind": EventKind.SHOWROOM,
            "name": "Tuần trưng bày sản phẩm OCOP tại phố đi bộ Hồ Gươm",
            "province": HANOI,
            "place": "Phố đi bộ Đinh Tiên Hoàng, phường Hoàn Kiếm",
            "starts_on": day(-2),
            "ends_on": day(4),
            "organiser": HANOI_OFFICE,
        },
        {
            "officer": "tinh.lamdong",
            "state": EventState.PUBLISHED,
            "exhibitors": 0,
            "kind": EventKind.FAIR,
            "name": "Hội chợ nông sản và sản phẩm OCOP Lâm Đồng mùa xuân",
            "province": LAMDONG,
            "place": "Trung tâm Hội nghị tỉnh, phường Xuân Hương – Đà Lạt",
            "starts_on": day(-60),
            "ends_on": day(-56),
            "organiser": LAMDONG_OFFICE,
        },
        {
            "officer": "tinh.hanoi",
            "state": EventState.DRAFT,
            "exhibitors": 0,
            "kind": EventKind.FAIR,
            "name": "Hội chợ xúc tiến thương mại sản phẩm OCOP cuối năm",
            "province": HANOI,
            "place": "Trung tâm Hội chợ Triển lãm Việt Nam, phường Giảng Võ",
            "starts_on": day(120),
            "ends_on": day(124),
            "organiser": HANOI_OFFICE,
        },
    ]


@transaction.atomic
def seed() -> list[Event]:
    today = timezone.localdate()
    officers = {u.username: u for u in User.objects.filter(username__startswith="tinh.")}
    if "tinh.hanoi" not in officers or "tinh.lamdong" not in officers:
        return []
    events = []
    for spec in _events(today):
        spec = dict(spec)
        officer = officers[spec.pop("officer")]
        state, count = spec.pop("state"), spec.pop("exhibitors")
        waiting = spec.pop("waiting", False)
        province = Province.objects.get(code=spec.pop("province"))
        event = Event.objects.filter(name=spec["name"], province=province).first()
        if event is None:
            event = actions.create_event(actor=officer, province=province, **spec)
            if count:  # producers join while it is open; a past event had its own
                _exhibitors(event, officer, today, count, waiting)
            event.refresh_from_db()
            if state == EventState.PUBLISHED and event.state == EventState.DRAFT:
                event = actions.publish_event(event, actor=officer)
        events.append(event)
    return events


def _exhibitors(event: Event, officer, today: dt.date, count: int, waiting: bool) -> None:
    """The first ``count`` producers of the province with certified products, added by the
    office; with ``waiting``, the next one with an account applies and waits."""
    by_producer: dict = {}
    for product in queries.certified_in_province(event.province, today):
        by_producer.setdefault(product.producer, []).append(product)
    producers = list(by_producer.items())
    for producer, products in producers[:count]:
        if not Participation.objects.filter(event=event, producer=producer).exists():
            actions.add_participant(event, actor=officer, producer=producer, products=products)
    if not waiting:
        return
    actions.publish_event(event, actor=officer)  # applications need a published event
    for producer, products in producers[count:]:
        member = (
            ProducerMembership.objects.active()
            .filter(producer=producer, user__is_active=True)
            .select_related("user")
            .first()
        )
        if member is not None:
            actions.apply(
                event,
                actor=member.user,
                producer=producer,
                products=products[:2],
                note="Chúng tôi xin một gian hàng gần lối vào để trình diễn sản phẩm.",
            )
            return
