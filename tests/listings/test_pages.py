"""The producer's pages, the office's pages and who may open them (404 outside one's scope)."""

import pytest
from django.urls import reverse

from ocop.listings import actions
from ocop.listings.models import ChangeState, ListingChange, ModerationSetting, ProductListing

SHOP = "https://shopee.vn/gombattrang"


@pytest.fixture
def pending(product, producer_user, document):
    return actions.propose_product_change(
        product, actor=producer_user, story="Men lam vẽ tay.", shop_links=[SHOP], photos=[document]
    )


@pytest.fixture
def published(pending, province_officer):
    actions.approve_change(pending, actor=province_officer)
    return ProductListing.objects.get(product=pending.product)


# --- the producer's pages ----------------------------------------------------------------


def test_producer_page_opens_for_its_accounts_only(
    client_for, client, producer, producer_user, other_producer_user, province_officer
):
    url = reverse("listings:producer", args=[producer.code])
    assert client.get(url).status_code == 302  # to the sign-in page
    assert client_for(other_producer_user).get(url).status_code == 404
    assert client_for(province_officer).get(url).status_code == 404
    html = client_for(producer_user).get(url).content.decode()
    assert "Thông tin giới thiệu công khai" in html


def test_menu_leads_a_producer_to_its_page(client_for, producer, producer_user):
    page = client_for(producer_user).get(reverse("listings:mine"))
    assert page.status_code == 302 and page["Location"].endswith(f"/cong-khai/{producer.code}/")
    home = client_for(producer_user).get(page["Location"]).content.decode()
    assert reverse("listings:mine") in home


def test_producer_proposes_through_the_form(client_for, producer, producer_user):
    url = reverse("listings:producer", args=[producer.code])
    response = client_for(producer_user).post(
        url, {"profile": "Làng gốm.", "shop_links": f"{SHOP}\nzalo.me/0912345678"}
    )
    assert response.status_code == 302
    change = ListingChange.objects.get()
    assert change.state == ChangeState.PENDING and change.submitted_by == producer_user
    html = client_for(producer_user).get(url).content.decode()
    assert "Đã gửi đề nghị" in html and "đang chờ cán bộ OCOP cấp tỉnh duyệt" in html


def test_javascript_link_gets_a_message_and_keeps_the_input(client_for, producer, producer_user):
    url = reverse("listings:producer", args=[producer.code])
    response = client_for(producer_user).post(
        url, {"profile": "Giữ lại nội dung này", "shop_links": f"{SHOP}\nJaVaScRiPt:alert(1)"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dòng 2: chỉ nhận địa chỉ web bắt đầu bằng http:// hoặc https://" in html
    assert "Giữ lại nội dung này" in html
    assert 'href="JaVaScRiPt' not in html and 'href="javascript' not in html.lower()
    assert not ListingChange.objects.exists()


def test_overlong_profile_gets_a_message(client_for, producer, producer_user):
    url = reverse("listings:producer", args=[producer.code])
    response = client_for(producer_user).post(url, {"profile": "a" * 10_000})
    assert response.status_code == 400
    assert "Nội dung dài quá 5000 ký tự" in response.content.decode()


def test_ten_thousand_character_link_list_gets_a_message(client_for, producer, producer_user):
    url = reverse("listings:producer", args=[producer.code])
    response = client_for(producer_user).post(url, {"shop_links": "x" * 10_000})
    assert response.status_code == 400
    assert "Dòng 1" in response.content.decode()


def test_product_page_offers_the_libraries_images_with_thumbnails(
    client_for, product, producer_user, document, pdf_document
):
    html = client_for(producer_user).get(reverse("listings:product", args=[product.code]))
    html = html.content.decode()
    assert f'value="{document.code}"' in html
    assert f"{document.code}/?thumb=1" in html
    assert pdf_document.code not in html


@pytest.mark.parametrize("photo", ["other_photo", "pdf_document"])
def test_product_form_refuses_a_photo_not_among_the_images(
    request, client_for, product, producer_user, photo
):
    code = request.getfixturevalue(photo).code
    response = client_for(producer_user).post(
        reverse("listings:product", args=[product.code]), {"story": "Câu chuyện", "photos": [code]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "không có trong thư viện tài liệu của chủ thể" in html and "Câu chuyện" in html
    assert not ListingChange.objects.exists()


def test_product_page_is_404_for_another_producer(client_for, product, other_producer_user):
    url = reverse("listings:product", args=[product.code])
    assert client_for(other_producer_user).get(url).status_code == 404
    assert client_for(other_producer_user).post(url, {"story": "x"}).status_code == 404


def test_withdraw_by_the_producer_only(client_for, pending, producer_user, other_producer_user):
    url = reverse("listings:withdraw", args=[pending.code])
    assert client_for(other_producer_user).post(url).status_code == 404
    assert client_for(producer_user).post(url).status_code == 302
    pending.refresh_from_db()
    assert pending.state == ChangeState.WITHDRAWN


def test_declined_reason_is_shown_to_the_producer(
    client_for, pending, producer_user, province_officer
):
    actions.decline_change(pending, actor=province_officer, reason="Ảnh bị mờ")
    html = client_for(producer_user).get(reverse("listings:product", args=[pending.product.code]))
    assert "Ảnh bị mờ" in html.content.decode()
    page = client_for(producer_user).get(reverse("listings:producer", args=[pending.producer.code]))
    assert "Ảnh bị mờ" in page.content.decode()


# --- the office's pages ------------------------------------------------------------------


def test_queue_lists_the_provinces_changes_only(
    client_for, pending, province_officer, other_province_officer, central_officer
):
    assert pending.code in client_for(province_officer).get("/kiem-duyet/").content.decode()
    assert pending.code in client_for(central_officer).get("/kiem-duyet/").content.decode()
    other = client_for(other_province_officer).get("/kiem-duyet/")
    assert other.status_code == 200 and pending.code not in other.content.decode()


@pytest.mark.parametrize(
    "persona",
    ["commune_officer", "producer_user", "other_producer_user", "council_member", "plain_user"],
)
def test_office_pages_are_404_for_others(request, client_for, pending, persona):
    client = client_for(request.getfixturevalue(persona))
    for name in ("queue", "published", "moderation"):
        assert client.get(reverse(f"listings:{name}")).status_code == 404
    assert client.get(reverse("listings:change", args=[pending.code])).status_code == 404


def test_change_page_is_404_for_another_province(client_for, pending, other_province_officer):
    client = client_for(other_province_officer)
    url = reverse("listings:change", args=[pending.code])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "approve"}).status_code == 404
    pending.refresh_from_db()
    assert pending.state == ChangeState.PENDING


def test_change_page_shows_published_beside_proposed_and_approves(
    client_for, pending, province_officer, document
):
    client = client_for(province_officer)
    url = reverse("listings:change", args=[pending.code])
    html = client.get(url).content.decode()
    assert "Men lam vẽ tay." in html and SHOP in html and document.code in html
    assert "có thay đổi" in html
    response = client.post(url, {"action": "approve"})
    assert response.status_code == 302
    listing = ProductListing.objects.get(product=pending.product)
    assert list(listing.photos.all()) == [document]


def test_decline_without_reason_keeps_the_change_pending(client_for, pending, province_officer):
    client = client_for(province_officer)
    url = reverse("listings:change", args=[pending.code])
    response = client.post(url, {"action": "decline", "d-reason": ""})
    assert response.status_code == 400
    assert "Hãy ghi lý do không duyệt" in response.content.decode()
    pending.refresh_from_db()
    assert pending.state == ChangeState.PENDING
    assert client.post(url, {"action": "decline", "d-reason": "Sai"}).status_code == 302
    pending.refresh_from_db()
    assert pending.state == ChangeState.DECLINED and pending.reason == "Sai"


def test_unknown_action_is_a_message_not_an_error(client_for, pending, province_officer):
    url = reverse("listings:change", args=[pending.code])
    response = client_for(province_officer).post(url, {"action": "boom"})
    assert response.status_code == 200 and "Không rõ thao tác" in response.content.decode()


def test_published_listing_is_hidden_with_a_reason_and_shown_again(
    client_for, published, province_officer, other_province_officer
):
    url = reverse("listings:product_listing", args=[published.product.code])
    assert client_for(other_province_officer).get(url).status_code == 404
    client = client_for(province_officer)
    listed = client.get(reverse("listings:published")).content.decode()
    assert published.product.name in listed
    response = client.post(url, {"action": "hide", "h-reason": ""})
    assert response.status_code == 400
    assert client.post(url, {"action": "hide", "h-reason": "Ảnh sai"}).status_code == 302
    published.refresh_from_db()
    assert published.is_hidden and published.hidden_reason == "Ảnh sai"
    hidden = client.get(reverse("listings:published") + "?an=1").content.decode()
    assert published.product.name in hidden
    assert client.post(url, {"action": "show"}).status_code == 302
    published.refresh_from_db()
    assert not published.is_hidden


def test_producer_listing_page_for_the_office(
    client_for, producer, producer_user, province_officer, other_province_officer
):
    change = actions.propose_producer_change(
        producer,
        actor=producer_user,
        profile="Làng gốm.",
        shop_links=[],
        show_phone=False,
        show_email=False,
    )
    actions.approve_change(change, actor=province_officer)
    url = reverse("listings:producer_listing", args=[producer.code])
    assert client_for(other_province_officer).get(url).status_code == 404
    assert "Làng gốm." in client_for(province_officer).get(url).content.decode()


def test_moderation_switch_for_ones_own_province(client_for, hanoi, province_officer, places):
    client = client_for(province_officer)
    html = client.get(reverse("listings:moderation")).content.decode()
    assert hanoi.name in html and "Lâm Đồng" not in html
    assert (
        client.post(
            reverse("listings:moderation"), {"province": "01", "moderation": "0"}
        ).status_code
        == 302
    )
    assert ModerationSetting.objects.get(province=hanoi).moderation is False
    response = client.post(
        reverse("listings:moderation"), {"province": "68", "moderation": "0"}, follow=True
    )
    assert "Hãy chọn tỉnh, thành phố trong địa bàn của bạn" in response.content.decode()
    assert not ModerationSetting.objects.filter(province__code="68").exists()


def test_with_moderation_off_the_form_publishes_at_once(
    client_for, hanoi, producer, producer_user, province_officer
):
    actions.set_moderation(hanoi, actor=province_officer, moderation=False)
    url = reverse("listings:producer", args=[producer.code])
    response = client_for(producer_user).post(url, {"profile": "Ngay."}, follow=True)
    assert "Đã công khai ngay" in response.content.decode()
    assert producer.listing.profile == "Ngay."
