"""Proposing, approving, declining, withdrawing, hiding; moderation off; the audit log."""

import pytest
from django.utils import timezone

from ocop.audit.models import AuditEntry
from ocop.listings import actions
from ocop.listings.actions import ListingError
from ocop.listings.models import ChangeState, ListingChange, ProducerListing, ProductListing
from ocop.notify.models import Notification
from ocop.producers import actions as producer_actions

SHOP = "https://shopee.vn/gombattrang"


def _producer_change(producer, user, **extra):
    fields = {
        "profile": "Làng gốm 700 năm tuổi.",
        "shop_links": [SHOP],
        "show_phone": True,
        "show_email": False,
        **extra,
    }
    return actions.propose_producer_change(producer, actor=user, **fields)


def _product_change(product, user, **extra):
    fields = {"story": "Men lam vẽ tay.", "shop_links": ["zalo.me/0912345678"], "photos": []}
    fields.update(extra)
    return actions.propose_product_change(product, actor=user, **fields)


def test_producer_change_waits_for_the_province(producer, producer_user, sent):
    change = _producer_change(producer, producer_user)
    assert change.state == ChangeState.PENDING
    assert change.code.startswith("CK-")
    assert change.payload["shop_links"] == [{"kind": "shopee", "url": SHOP}]
    assert not ProducerListing.objects.exists()
    entry = AuditEntry.objects.get(verb="listing.proposed")
    assert entry.actor == producer_user and entry.changes == {"change": change.code}
    assert sent == []


def test_approval_publishes_the_proposal(
    producer, producer_user, province_officer, sent, django_capture_on_commit_callbacks
):
    change = _producer_change(producer, producer_user)
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_change(change, actor=province_officer)
    listing = ProducerListing.objects.get(producer=producer)
    assert listing.profile == "Làng gốm 700 năm tuổi." and listing.show_phone
    assert listing.shop_links == [{"kind": "shopee", "url": SHOP}]
    change.refresh_from_db()
    assert change.state == ChangeState.APPROVED and change.decided_by == province_officer
    entry = AuditEntry.objects.get(verb="listing.approved")
    assert entry.actor == province_officer
    assert entry.changes["profile"] == ["", "Làng gốm 700 năm tuổi."]
    assert entry.changes["shop_links"] == ["", SHOP]
    assert sent == [{"products": [], "producers": [producer.pk]}]
    note = Notification.objects.get(recipient=producer_user)
    assert note.verb == "listing.approved" and producer.code in note.url


def test_product_change_with_photos_is_published(
    product,
    producer_user,
    province_officer,
    document,
    second_photo,
    sent,
    django_capture_on_commit_callbacks,
):
    change = _product_change(product, producer_user, photos=[document, second_photo.code])
    assert change.payload["photos"] == sorted([document.code, second_photo.code])
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_change(change, actor=province_officer)
    listing = ProductListing.objects.get(product=product)
    assert set(listing.photos.all()) == {document, second_photo}
    assert listing.story == "Men lam vẽ tay."
    assert listing.shop_links[0]["kind"] == "zalo"
    assert sent == [{"products": [product.pk], "producers": []}]
    entry = AuditEntry.objects.get(verb="listing.approved")
    assert "Ảnh bao bì" in entry.changes["photos"][1]


def test_a_new_proposal_replaces_the_pending_one(producer, producer_user):
    first = _producer_change(producer, producer_user)
    second = _producer_change(producer, producer_user, profile="Bản mới.")
    first.refresh_from_db()
    assert first.state == ChangeState.WITHDRAWN and first.decided_by == producer_user
    assert second.state == ChangeState.PENDING
    assert ListingChange.objects.filter(state=ChangeState.PENDING).count() == 1
    entry = AuditEntry.objects.filter(verb="listing.proposed").order_by("pk").last()
    assert entry.changes == {"change": second.code, "replaces": first.code}


def test_producer_and_product_changes_are_pending_side_by_side(product, producer_user):
    _producer_change(product.producer, producer_user)
    _product_change(product, producer_user)
    assert ListingChange.objects.filter(state=ChangeState.PENDING).count() == 2


def test_decline_needs_a_reason_and_tells_the_producer(producer, producer_user, province_officer):
    change = _producer_change(producer, producer_user)
    with pytest.raises(ListingError, match="lý do"):
        actions.decline_change(change, actor=province_officer, reason="  ")
    actions.decline_change(change, actor=province_officer, reason="Ảnh mờ, ghi sai địa chỉ.")
    change.refresh_from_db()
    assert change.state == ChangeState.DECLINED and change.reason == "Ảnh mờ, ghi sai địa chỉ."
    assert not ProducerListing.objects.exists()
    assert AuditEntry.objects.get(verb="listing.declined").changes["reason"] == change.reason
    note = Notification.objects.get(recipient=producer_user)
    assert note.verb == "listing.declined" and note.note == change.reason


def test_a_decided_change_cannot_be_decided_again(producer, producer_user, province_officer):
    change = _producer_change(producer, producer_user)
    actions.approve_change(change, actor=province_officer)
    with pytest.raises(ListingError, match="đã được xử lý"):
        actions.decline_change(change, actor=province_officer, reason="Muộn")
    with pytest.raises(ListingError, match="đã được xử lý"):
        actions.withdraw_change(change, actor=producer_user)


def test_producer_withdraws_its_pending_change(producer, producer_user):
    change = _producer_change(producer, producer_user)
    actions.withdraw_change(change, actor=producer_user)
    change.refresh_from_db()
    assert change.state == ChangeState.WITHDRAWN
    assert AuditEntry.objects.filter(verb="listing.withdrawn").count() == 1


def test_moderation_off_publishes_at_once_by_the_system(
    producer, producer_user, province_officer, hanoi, sent, django_capture_on_commit_callbacks
):
    actions.set_moderation(hanoi, actor=province_officer, moderation=False)
    with django_capture_on_commit_callbacks(execute=True):
        change = _producer_change(producer, producer_user)
    assert change.state == ChangeState.APPROVED and change.decided_by is None
    assert ProducerListing.objects.get(producer=producer).profile == "Làng gốm 700 năm tuổi."
    entry = AuditEntry.objects.get(verb="listing.published_at_once")
    assert entry.actor is None and entry.actor_label == ""
    assert sent == [{"products": [], "producers": [producer.pk]}]
    setting = AuditEntry.objects.get(verb="listing.moderation_set")
    assert setting.changes == {"moderation": [True, False]}


def test_moderation_is_set_only_for_ones_own_province(
    hanoi, other_province_officer, central_officer, commune_officer
):
    with pytest.raises(ListingError):
        actions.set_moderation(hanoi, actor=other_province_officer, moderation=False)
    with pytest.raises(ListingError):
        actions.set_moderation(hanoi, actor=commune_officer, moderation=False)
    assert actions.moderates(hanoi)
    actions.set_moderation(hanoi, actor=central_officer, moderation=False)
    assert not actions.moderates(hanoi)
    actions.set_moderation(hanoi, actor=central_officer, moderation=False)  # no change
    assert AuditEntry.objects.filter(verb="listing.moderation_set").count() == 1


def test_only_the_producers_accounts_propose(
    producer, other_producer_user, province_officer, commune_officer
):
    for user in (other_producer_user, province_officer, commune_officer):
        with pytest.raises(ListingError, match="Chỉ tài khoản của chủ thể"):
            _producer_change(producer, user)
    assert not ListingChange.objects.exists()


def test_only_the_producers_province_moderates(
    producer, producer_user, other_province_officer, commune_officer, central_officer
):
    change = _producer_change(producer, producer_user)
    for user in (other_province_officer, commune_officer, producer_user):
        with pytest.raises(ListingError, match="không có quyền"):
            actions.approve_change(change, actor=user)
        with pytest.raises(ListingError, match="không có quyền"):
            actions.decline_change(change, actor=user, reason="x")
    actions.approve_change(change, actor=central_officer)


def test_a_removed_account_no_longer_proposes(producer, producer_user, province_officer):
    membership = producer_user.producer_memberships.get()
    producer_actions.remove_account(membership, actor=province_officer)
    with pytest.raises(ListingError):
        _producer_change(producer, producer_user)


def test_bad_link_is_refused_with_a_message(producer, producer_user):
    with pytest.raises(ListingError, match="Dòng 2: chỉ nhận địa chỉ web"):
        _producer_change(producer, producer_user, shop_links=[SHOP, "javascript:alert(1)"])
    assert not ListingChange.objects.exists()


def test_overlong_story_is_refused(product, producer_user):
    with pytest.raises(ListingError, match="10000 ký tự, quá giới hạn 5000"):
        _product_change(product, producer_user, story="a" * 10_000)


def test_photo_of_another_producer_is_refused(product, producer_user, other_photo):
    with pytest.raises(ListingError, match="không có trong thư viện"):
        _product_change(product, producer_user, photos=[other_photo])


def test_unknown_photo_code_is_refused(product, producer_user):
    with pytest.raises(ListingError, match="không có trong thư viện"):
        _product_change(product, producer_user, photos=["NOPE"])


def test_photo_that_is_not_an_image_is_refused(product, producer_user, pdf_document):
    with pytest.raises(ListingError, match="không phải là ảnh"):
        _product_change(product, producer_user, photos=[pdf_document])


def test_withdrawn_photo_is_refused(product, producer_user, document):
    producer_actions.withdraw_evidence(document, actor=producer_user)
    with pytest.raises(ListingError, match="đã được rút"):
        _product_change(product, producer_user, photos=[document])


def test_more_than_eight_photos_are_refused(product, producer_user):
    codes = [f"CODE{n}" for n in range(9)]
    with pytest.raises(ListingError, match="tối đa 8"):
        _product_change(product, producer_user, photos=codes)


def test_proposal_identical_to_what_is_published_is_refused(
    producer, producer_user, province_officer
):
    change = _producer_change(producer, producer_user)
    actions.approve_change(change, actor=province_officer)
    with pytest.raises(ListingError, match="giống hệt"):
        _producer_change(producer, producer_user)


def test_empty_proposal_with_nothing_published_is_refused(product, producer_user):
    with pytest.raises(ListingError, match="giống hệt"):
        _product_change(product, producer_user, story=" \n ", shop_links=[])


def test_hide_and_show_again(
    product, producer_user, province_officer, sent, django_capture_on_commit_callbacks
):
    actions.approve_change(_product_change(product, producer_user), actor=province_officer)
    listing = ProductListing.objects.get(product=product)
    with pytest.raises(ListingError, match="lý do"):
        actions.hide_listing(listing, actor=province_officer, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        actions.hide_listing(listing, actor=province_officer, reason="Ảnh không đúng sản phẩm")
    listing.refresh_from_db()
    assert listing.is_hidden and listing.hidden_by == province_officer
    assert sent[-1] == {"products": [product.pk], "producers": []}
    with pytest.raises(ListingError, match="đang bị ẩn"):
        actions.hide_listing(listing, actor=province_officer, reason="Lần nữa")
    with django_capture_on_commit_callbacks(execute=True):
        actions.show_listing(listing, actor=province_officer)
    listing.refresh_from_db()
    assert not listing.is_hidden and listing.hidden_reason == ""
    assert len(sent) == 2
    entries = AuditEntry.objects.filter(verb__in=["listing.hidden", "listing.shown"])
    assert list(entries.order_by("pk").values_list("verb", "changes")) == [
        ("listing.hidden", {"reason": "Ảnh không đúng sản phẩm"}),
        ("listing.shown", {"reason": "Ảnh không đúng sản phẩm"}),
    ]
    assert Notification.objects.filter(recipient=producer_user, verb="listing.hidden").exists()


def test_only_the_producers_province_hides(
    product, producer_user, province_officer, other_province_officer, commune_officer
):
    actions.approve_change(_product_change(product, producer_user), actor=province_officer)
    listing = ProductListing.objects.get(product=product)
    for user in (other_province_officer, commune_officer, producer_user):
        with pytest.raises(ListingError, match="không có quyền"):
            actions.hide_listing(listing, actor=user, reason="x")
    listing.hidden_at = timezone.now()
    listing.save(update_fields=["hidden_at"])
    with pytest.raises(ListingError, match="không có quyền"):
        actions.show_listing(listing, actor=other_province_officer)


def test_approval_keeps_a_hidden_listing_hidden(product, producer_user, province_officer):
    actions.approve_change(_product_change(product, producer_user), actor=province_officer)
    listing = ProductListing.objects.get(product=product)
    actions.hide_listing(listing, actor=province_officer, reason="Sai thông tin")
    change = _product_change(product, producer_user, story="Đã sửa.")
    actions.approve_change(change, actor=province_officer)
    listing.refresh_from_db()
    assert listing.story == "Đã sửa." and listing.is_hidden
