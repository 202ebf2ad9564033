"""The office's, the producers' and the public pages: scoped, forms that keep what was typed,
bad input answered with a message, never an error."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from ocop.promotion import actions
from ocop.promotion.models import Event, Participation

pytestmark = pytest.mark.django_db


def form_data(today, **changes):
    data = {
        "kind": "fair",
        "name": "Hội chợ làng nghề",
        "province": "",
        "place": "Sân vận động xã",
        "starts_on": (today + dt.timedelta(days=10)).isoformat(),
        "ends_on": (today + dt.timedelta(days=12)).isoformat(),
        "organiser": "UBND xã",
        "description": "",
        "website": "",
        "latitude": "",
        "longitude": "",
    }
    return {**data, **changes}


def hanoi():
    from ocop.places.models import Province

    return str(Province.objects.get(code="01").pk)


# --- the office ---------------------------------------------------------------------------


def test_officer_creates_an_event_as_a_draft(client_for, province_officer, today):
    client = client_for(province_officer)
    assert client.get(reverse("promotion:new")).status_code == 200
    response = client.post(reverse("promotion:new"), form_data(today, province=hanoi()))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("promotion:manage_event", args=[event.code])
    assert event.state == "draft" and event.created_by == province_officer


def test_end_before_start_in_the_form_keeps_what_was_typed(client_for, province_officer, today):
    data = form_data(
        today,
        province=hanoi(),
        starts_on="20/05/2027",
        ends_on="18/05/2027",
        name="Hội chợ ngược ngày",
    )
    response = client_for(province_officer).post(reverse("promotion:new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày kết thúc (18/05/2027) không được trước ngày bắt đầu (20/05/2027)." in page
    assert 'value="Hội chợ ngược ngày"' in page
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": ""}, "Hội chợ, lễ hội phải có ngày kết thúc."),
        ({"starts_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"starts_on": "01/01/1500"}, "năm phải từ 1900"),
        ({"website": "ftp://example.vn"}, "http:// hoặc https://"),
        ({"latitude": "21.0"}, "cả vĩ độ và kinh độ"),
        ({"kind": "circus"}, "Hãy chọn loại sự kiện."),
        ({"province": "999999"}, "Hãy chọn tỉnh, thành phố bạn quản lý."),
        ({"province": "abc"}, "Hãy chọn tỉnh, thành phố bạn quản lý."),
        ({"name": ""}, "Hãy ghi tên sự kiện."),
    ],
)
def test_bad_event_input_gets_a_message(client_for, province_officer, today, changes, message):
    data = {**form_data(today, province=hanoi()), **changes}
    response = client_for(province_officer).post(reverse("promotion:new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_an_officer_cannot_create_in_another_province(client_for, other_province_officer, today):
    client = client_for(other_province_officer)
    assert f'value="{hanoi()}"' not in client.get(reverse("promotion:new")).content.decode()
    response = client.post(reverse("promotion:new"), form_data(today, province=hanoi()))
    assert response.status_code == 200
    assert "Hãy chọn tỉnh, thành phố bạn quản lý." in response.content.decode()
    assert not Event.objects.exists()


def test_edit_changes_the_event(client_for, province_officer, make_event, today):
    event = make_event(state="draft")
    url = reverse("promotion:edit", args=[event.code])
    client = client_for(province_officer)
    page = client.get(url).content.decode()
    assert 'value="Hội chợ OCOP Hà Nội"' in page
    response = client.post(url, form_data(today, province=hanoi(), name="Tên mới"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.name == "Tên mới"


def test_another_province_or_a_producer_gets_404(
    client, client_for, make_event, other_province_officer, producer_user, commune_officer
):
    event = make_event()
    urls = [
        reverse("promotion:manage_event", args=[event.code]),
        reverse("promotion:edit", args=[event.code]),
    ]
    for user in (other_province_officer, producer_user, commune_officer):
        c = client_for(user)
        for url in urls:
            assert c.get(url).status_code == 404
        assert c.post(urls[0], {"action": "publish"}).status_code == 404
        c.logout()
    for user in (producer_user, commune_officer):  # no office of events
        assert client_for(user).get(reverse("promotion:manage")).status_code == 404
        assert client_for(user).get(reverse("promotion:new")).status_code == 404
    client.logout()
    assert client.get(urls[0]).status_code == 302  # anonymous: the sign-in page


def test_office_list_shows_its_province_only(
    client_for, make_event, other_province_officer, central_officer
):
    make_event(name="Hội chợ Hà Nội")
    make_event(name="Lễ hội Lâm Đồng", province="68", actor=other_province_officer)
    page = client_for(other_province_officer).get(reverse("promotion:manage")).content.decode()
    assert "Lễ hội Lâm Đồng" in page and "Hội chợ Hà Nội" not in page
    page = client_for(central_officer).get(reverse("promotion:manage")).content.decode()
    assert "Lễ hội Lâm Đồng" in page and "Hội chợ Hà Nội" in page


def test_office_accepts_and_declines_on_the_event_page(
    client_for, make_event, certified, producer, producer_user, province_officer
):
    event = make_event()
    p = actions.apply(event, actor=producer_user, producer=producer, products=[certified])
    url = reverse("promotion:manage_event", args=[event.code])
    client = client_for(province_officer)
    page = client.get(url).content.decode()
    assert producer.name in page and "Nhận tham gia" in page
    response = client.post(url, {"action": "decline", "don": p.code, "reason": ""})
    assert response.status_code == 200
    assert "Hãy ghi lý do không nhận." in response.content.decode()
    p.refresh_from_db()
    assert p.state == "applied"
    response = client.post(url, {"action": "accept", "don": p.code})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.state == "accepted"
    page = client.get(url).content.decode()
    assert "Nhận chủ thể tham gia sự kiện" in page and "Đăng ký tham gia sự kiện" in page
    assert client.post(url, {"action": "accept", "don": "TG-NONE"}).status_code == 404
    assert client.post(url, {"action": "explode"}).status_code == 404


def test_office_adds_a_participant_and_publishes(
    client_for, make_event, certified, producer, province_officer
):
    event = make_event(state="draft")
    url = reverse("promotion:manage_event", args=[event.code])
    client = client_for(province_officer)
    assert certified.name in client.get(url).content.decode()
    assert client.post(url, {"action": "add", "products": [certified.code]}).status_code == 302
    assert Participation.objects.get(event=event, producer=producer).state == "accepted"
    assert client.post(url, {"action": "publish"}).status_code == 302
    event.refresh_from_db()
    assert event.state == "published"
    response = client.post(url, {"action": "publish"}, follow=True)
    assert "đã công bố" in response.content.decode()


# --- producers ----------------------------------------------------------------------------


def test_producer_applies_with_certified_products_only(
    client_for, make_event, certified, producer, producer_user
):
    from ocop.products import actions as product_actions

    bare = product_actions.create_product(
        producer, actor=producer_user, product_set=certified.product_set, name="Đĩa chưa OCOP"
    )
    event = make_event()
    client = client_for(producer_user)
    assert event.name in client.get(reverse("promotion:mine")).content.decode()
    url = reverse("promotion:apply", args=[event.code])
    page = client.get(url).content.decode()
    assert certified.name in page and bare.name not in page
    response = client.post(url, {"products": [bare.code], "note": "Xin gian góc"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "không còn trong danh sách" in page and "Xin gian góc" in page
    response = client.post(url, {"products": [certified.code], "note": "Xin gian góc"})
    p = Participation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("promotion:application", args=[p.code])
    assert "đã đăng ký sự kiện này" in client.get(url).content.decode()


def test_apply_page_of_a_closed_or_hidden_event(
    client_for, make_event, certified, producer_user, province_officer, today
):
    client = client_for(producer_user)
    draft = make_event(state="draft", name="Nháp")
    assert client.get(reverse("promotion:apply", args=[draft.code])).status_code == 404
    past = make_event(
        name="Đã qua", starts_on=today - dt.timedelta(days=5), ends_on=today - dt.timedelta(days=4)
    )
    response = client.get(reverse("promotion:apply", args=[past.code]))
    assert response.status_code == 200
    assert "không còn nhận đăng ký" in response.content.decode()
    officer = client_for(province_officer)
    assert officer.get(reverse("promotion:apply", args=[past.code])).status_code == 404
    assert officer.get(reverse("promotion:mine")).status_code == 404


def test_another_producer_cannot_see_or_withdraw_an_application(
    client_for,
    make_event,
    certified,
    producer,
    producer_user,
    other_producer_user,
    province_officer,
):
    p = actions.apply(make_event(), actor=producer_user, producer=producer, products=[certified])
    url = reverse("promotion:application", args=[p.code])
    other = client_for(other_producer_user)
    assert other.get(url).status_code == 404
    assert other.post(url, {"action": "withdraw"}).status_code == 404
    assert producer.name not in other.get(reverse("promotion:mine")).content.decode()
    other.logout()
    assert client_for(province_officer).get(url).status_code == 404
    own = client_for(producer_user)
    assert own.get(url).status_code == 200
    assert own.post(url, {"action": "withdraw"}).status_code == 302
    p.refresh_from_db()
    assert p.state == "withdrawn"


# --- public -------------------------------------------------------------------------------


def test_calendar_shows_published_events_only(client, make_event, province_officer, today):
    make_event(name="Hội chợ công bố")
    make_event(state="draft", name="Hội chợ nháp")
    actions.cancel_event(make_event(name="Hội chợ hủy"), actor=province_officer)
    make_event(
        name="Hội chợ năm ngoái",
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=38),
    )
    page = client.get(reverse("promotion:calendar")).content.decode()
    assert "Hội chợ công bố" in page
    for hidden in ("Hội chợ nháp", "Hội chợ hủy", "Hội chợ năm ngoái"):
        assert hidden not in page
    starts = today + dt.timedelta(days=10)
    assert f"Tháng {starts.month:02d}/{starts.year}" in page
    past = client.get(reverse("promotion:past")).content.decode()
    assert "Hội chợ năm ngoái" in past and "Hội chợ công bố" not in past


def test_calendar_groups_running_events_first(client, make_event, today):
    make_event(
        kind="point_of_sale",
        name="Điểm bán thường xuyên",
        starts_on=today - dt.timedelta(days=100),
        ends_on=None,
    )
    make_event(name="Hội chợ sắp tới")
    page = client.get(reverse("promotion:calendar")).content.decode()
    assert page.index("Đang diễn ra") < page.index("Điểm bán thường xuyên")
    assert page.index("Điểm bán thường xuyên") < page.index("Hội chợ sắp tới")


def test_calendar_filters_by_province_and_kind(client, make_event, other_province_officer):
    make_event(name="Hội chợ Hà Nội")
    make_event(name="Lễ hội Lâm Đồng", kind="festival", province="68", actor=other_province_officer)
    url = reverse("promotion:calendar")
    page = client.get(url, {"tinh": "68"}).content.decode()
    assert "Lễ hội Lâm Đồng" in page and "Hội chợ Hà Nội" not in page
    page = client.get(url, {"loai": "fair"}).content.decode()
    assert "Hội chợ Hà Nội" in page and "Lễ hội Lâm Đồng" not in page
    page = client.get(url, {"tinh": "01", "loai": "festival"}).content.decode()
    assert "Hội chợ Hà Nội" not in page and "Lễ hội Lâm Đồng" not in page


@pytest.mark.parametrize(
    "params",
    [{"tinh": "99"}, {"loai": "circus"}, {"tinh": "x" * 500}, {"loai": "<script>"}],
)
def test_unknown_filter_values_give_an_empty_calendar_and_a_message(client, make_event, params):
    make_event(name="Hội chợ Hà Nội")
    response = client.get(reverse("promotion:calendar"), params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hội chợ Hà Nội" not in page
    assert "Không có giá trị lọc như đã chọn" in page
    assert "<script>" not in page.split("<main", 1)[1]


@pytest.mark.parametrize("value", ["999999", "abc", "-1", "0", "1e9", ""])
def test_absurd_page_numbers_never_fail(client, make_event, value):
    make_event(name="Hội chợ Hà Nội")
    for name in ("promotion:calendar", "promotion:past"):
        response = client.get(reverse(name), {"page": value})
        assert response.status_code == 200


def test_event_page_lists_accepted_producers_and_products_only(
    client,
    make_event,
    certified,
    producer,
    producer_user,
    other_producer_user,
    province_officer,
    enter_certificate,
):
    from ocop.producers.models import Producer
    from ocop.products import actions as product_actions

    event = make_event()
    actions.add_participant(event, actor=province_officer, producer=producer, products=[certified])
    other = Producer.objects.get(name="Cơ sở Gốm Minh")
    waiting = product_actions.create_product(
        other, actor=other_producer_user, product_set=certified.product_set, name="Ấm chờ xét"
    )
    enter_certificate(waiting)
    actions.apply(event, actor=other_producer_user, producer=other, products=[waiting])
    response = client.get(reverse("promotion:event", args=[event.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("catalogue:product", args=[certified.code]) in page
    assert reverse("catalogue:producer", args=[producer.code]) in page
    assert "Ấm chờ xét" not in page and "Cơ sở Gốm Minh" not in page
    assert "3 sao" in page


def test_event_page_carries_schema_org_data_and_open_graph(client, make_event):
    event = make_event(description="Gốm </script><script>alert(1)</script> & mật ong")
    response = client.get(reverse("promotion:event", args=[event.code]))
    page = response.content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "ExhibitionEvent" and data["name"] == event.name
    assert data["startDate"] == event.starts_on.isoformat()
    assert data["endDate"] == event.ends_on.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["address"]["addressRegion"] == event.province.name
    assert "alert(1)" in data["description"]
    assert "<script>alert" not in page
    og = response.context["og"]
    assert og["title"] == event.name and og["url"].endswith(f"/su-kien/{event.code}/")
    assert "Hội chợ sản phẩm OCOP" in og["description"]
    assert f"<title>{event.name} · OCOP</title>" in page
    head = page.split("</head>", 1)[0]
    assert f'<meta property="og:title" content="{event.name}">' in head
    assert f'<meta property="og:url" content="{og["url"]}">' in head
    assert '<meta name="description" content="Hội chợ sản phẩm OCOP' in head


def test_drafts_are_not_public_and_cancelled_events_say_so(client, make_event, province_officer):
    draft = make_event(state="draft")
    assert client.get(reverse("promotion:event", args=[draft.code])).status_code == 404
    assert client.get(reverse("promotion:event", args=["SK-NOPE"])).status_code == 404
    cancelled = actions.cancel_event(
        make_event(name="Bị hủy"), actor=province_officer, reason="Bão số 3"
    )
    response = client.get(reverse("promotion:event", args=[cancelled.code]))
    page = response.content.decode()
    assert response.status_code == 200 and "Đã hủy" in page and "Bão số 3" in page
    assert "EventCancelled" in page


def test_menu_items(client, client_for, province_officer, producer_user):
    assert reverse("promotion:calendar") in client.get(reverse("home")).content.decode()
    page = client_for(province_officer).get(reverse("promotion:calendar")).content.decode()
    assert reverse("promotion:manage") in page
    page = client_for(producer_user).get(reverse("promotion:calendar")).content.decode()
    assert reverse("promotion:mine") in page and reverse("promotion:manage") not in page


def test_a_cancelled_draft_never_becomes_public(client, make_event, province_officer):
    """Cancelling a draft must not publish its description and the internal reason."""
    draft = make_event(state="draft", description="Kế hoạch nội bộ")
    actions.cancel_event(draft, actor=province_officer, reason="Lý do nội bộ")
    response = client.get(reverse("promotion:event", args=[draft.code]))
    assert response.status_code == 404
