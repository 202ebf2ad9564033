"""Every change to what producers show the public: one named function each, in one
transaction, audited once, refusing with ``ListingError`` (a message for the user).

- ``propose_producer_change`` / ``propose_product_change``: the producer's accounts propose
  an edit; it replaces the pending one (withdrawn). When the producer's province has turned
  moderation off, the change is approved at once by the system (actor None).
- ``approve_change`` (copies the proposal onto the published listing), ``decline_change``
  (with a reason): the provincial office of the producer's province, or central officers.
- ``withdraw_change``: the producer takes back its pending proposal.
- ``hide_listing`` (with a reason) and ``show_listing``: the office hides a published listing
  from the public and shows it again.
- ``set_moderation``: the office chooses whether its province's edits wait for approval.

What the public sees changes on approval, hiding and showing again: after the transaction
commits, ``signals.changed`` names the products and producers concerned (the catalogue
re-indexes them) and the producer's accounts are told of the decision.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.audit.log import diff, record
from ocop.listings import links, queries, rules, signals
from ocop.listings.models import (
    TRANSITIONS,
    ChangeState,
    ListingChange,
    ModerationSetting,
    ProducerListing,
    ProductListing,
)
from ocop.notify.send import notify
from ocop.producers.models import EvidenceDocument, Producer
from ocop.producers.queries import accounts_of

MAX_TEXT = 5_000  # a profile or a story: about two printed pages
MAX_REASON = 1_000
MAX_PHOTOS = 8


class ListingError(Exception):
    """A listing action was refused; ``str()`` is the message for the user."""


# --- helpers -----------------------------------------------------------------------------


def moderates(province) -> bool:
    """Does the province want its producers' edits approved first? (Yes unless it said no.)"""
    setting = ModerationSetting.objects.filter(province=province).only("moderation").first()
    return True if setting is None else setting.moderation


def _text(value, what: str) -> str:
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\x00" in text:
        raise ListingError(_("%(what)s có ký tự không hợp lệ.") % {"what": what})
    if len(text) > MAX_TEXT:
        raise ListingError(
            _("%(what)s dài %(count)d ký tự, quá giới hạn %(max)d ký tự.")
            % {"what": what, "count": len(text), "max": MAX_TEXT}
        )
    return text


def _reason(value) -> str:
    reason = (value or "").strip()
    if not reason:
        raise ListingError(_("Hãy ghi lý do."))
    if "\x00" in reason or len(reason) > MAX_REASON:
        raise ListingError(_("Lý do dài quá %(max)d ký tự.") % {"max": MAX_REASON})
    return reason


def _links(urls) -> list[dict]:
    if isinstance(urls, str):
        urls = urls.splitlines()
    try:
        checked = links.check_all(
            link.url if isinstance(link, links.Link) else link for link in urls
        )
    except links.BadLinks as exc:
        raise ListingError(_("Nơi bán trực tuyến: %(errors)s") % {"errors": exc}) from None
    return [link.as_dict() for link in checked]


def _photos(producer: Producer, photos) -> list[str]:
    """The codes of the chosen photos: the producer's own current images, at most eight."""
    codes: list[str] = []
    for item in photos:
        code = item.code if isinstance(item, EvidenceDocument) else str(item).strip()
        if code and code not in codes:
            codes.append(code)
    if len(codes) > MAX_PHOTOS:
        raise ListingError(
            _("Chọn tối đa %(max)d ảnh; bạn đã chọn %(count)d.")
            % {"max": MAX_PHOTOS, "count": len(codes)}
        )
    found = {d.code: d for d in EvidenceDocument.objects.filter(code__in=codes)}
    for code in codes:
        document = found.get(code)
        if document is None or document.producer_id != producer.pk:
            raise ListingError(_("Ảnh đã chọn không có trong thư viện tài liệu của chủ thể."))
        if document.withdrawn_at is not None:
            raise ListingError(
                _("“%(title)s” đã được rút khỏi thư viện, không dùng làm ảnh được.")
                % {"title": document.title}
            )
        if not document.is_image or not document.thumbnail:
            raise ListingError(
                _("“%(title)s” không phải là ảnh (chỉ chọn được tệp JPEG, PNG hoặc WebP).")
                % {"title": document.title}
            )
    return sorted(codes)


def _subject(change: ListingChange):
    return change.product or change.producer


def _name(change: ListingChange) -> str:
    return str(_subject(change))


def _audit_view(payload: dict) -> dict:
    """A payload as an audit entry shows it: links and photos as readable text."""
    shown = dict(payload)
    shown["shop_links"] = ", ".join(item["url"] for item in payload.get("shop_links", []))
    if "photos" in payload:
        shown["photos"] = ", ".join(d.title for d in queries.photos_by_code(payload["photos"]))
    return shown


def _announce(*, products=(), producers=()) -> None:
    products, producers = list(products), list(producers)
    transaction.on_commit(
        lambda: signals.changed.send(sender=None, products=products, producers=producers)
    )


def _tell_producer(producer: Producer, verb: str, *, subject: str, note: str = "", actor=None):
    notify(
        accounts_of(producer),
        verb,
        subject=subject,
        url=reverse("listings:producer", args=[producer.code]),
        note=note,
        exclude=actor,
    )


def _close(change: ListingChange, state: ChangeState, *, actor, reason: str = "") -> None:
    """The one transition of a change (``TRANSITIONS``): a pending change is decided once."""
    if state not in TRANSITIONS.get(change.state, ()):
        raise ListingError(
            _("Đề nghị này đã được xử lý (%(state)s).") % {"state": change.get_state_display()}
        )
    change.state, change.decided_at, change.decided_by = state, timezone.now(), actor
    change.reason = reason
    change.save(update_fields=["state", "decided_at", "decided_by", "reason"])


def _locked(change: ListingChange) -> ListingChange:
    return (
        ListingChange.objects.select_for_update(of=("self",))
        .select_related("producer__commune__province", "product")
        .get(pk=change.pk)
    )


# --- the producer proposes ---------------------------------------------------------------


@transaction.atomic
def propose_producer_change(
    producer: Producer, *, actor, profile: str, shop_links, show_phone: bool, show_email: bool
) -> ListingChange:
    """The producer's profile, shop links (URLs, one per line or a list) and whether its
    phone and e-mail are shown."""
    if not rules.can_edit(actor, producer):
        raise ListingError(_("Chỉ tài khoản của chủ thể mới sửa được thông tin công khai."))
    payload = {
        "profile": _text(profile, _("Giới thiệu")),
        "shop_links": _links(shop_links),
        "show_phone": bool(show_phone),
        "show_email": bool(show_email),
    }
    return _propose(producer, None, payload, actor=actor)


@transaction.atomic
def propose_product_change(product, *, actor, story: str, shop_links, photos) -> ListingChange:
    """A product's story, shop links and photos (images of the producer's library, as
    documents or codes, at most ``MAX_PHOTOS``)."""
    producer = product.producer
    if not rules.can_edit(actor, producer):
        raise ListingError(_("Chỉ tài khoản của chủ thể mới sửa được thông tin công khai."))
    payload = {
        "story": _text(story, _("Câu chuyện sản phẩm")),
        "shop_links": _links(shop_links),
        "photos": _photos(producer, photos),
    }
    return _propose(producer, product, payload, actor=actor)


def _propose(producer: Producer, product, payload: dict, *, actor) -> ListingChange:
    # One proposal at a time per producer: the pending one is replaced, never doubled.
    list(Producer.objects.select_for_update().filter(pk=producer.pk).values_list("pk"))
    if payload == queries.published_payload(producer, product):
        raise ListingError(
            _("Nội dung giống hệt thông tin đang công khai: không có gì để gửi duyệt.")
        )
    pending = (
        ListingChange.objects.select_for_update()
        .filter(producer=producer, product=product, state=ChangeState.PENDING)
        .first()
    )
    if pending is not None:
        _close(pending, ChangeState.WITHDRAWN, actor=actor)
    change = ListingChange.objects.create(
        producer=producer, product=product, payload=payload, submitted_by=actor
    )
    details = {"change": change.code}
    if pending is not None:
        details["replaces"] = pending.code
    record("listing.proposed", actor=actor, obj=product or producer, changes=details)
    if not moderates(producer.commune.province):
        _publish(change, actor=None)
    return change


# --- the office decides ------------------------------------------------------------------


@transaction.atomic
def approve_change(change: ListingChange, *, actor) -> ListingChange:
    change = _locked(change)
    if not rules.can_moderate(actor, change.producer):
        raise ListingError(_("Bạn không có quyền duyệt thông tin công khai của chủ thể này."))
    _publish(change, actor=actor)
    _tell_producer(
        change.producer,
        "listing.approved",
        subject=_("Thông tin công khai của “%(name)s” đã được duyệt") % {"name": _name(change)},
        actor=actor,
    )
    return change


def _publish(change: ListingChange, *, actor) -> None:
    """Copy the proposal onto the published listing (created the first time). ``actor`` None:
    the system, because the province does not moderate."""
    _close(change, ChangeState.APPROVED, actor=actor)
    payload = change.payload
    before = queries.published_payload(change.producer, change.product)
    if change.product is None:
        listing, _created = ProducerListing.objects.get_or_create(producer=change.producer)
        fields = ["profile", "shop_links", "show_phone", "show_email"]
    else:
        listing, _created = ProductListing.objects.get_or_create(product=change.product)
        fields = ["story", "shop_links"]
    for name in fields:
        setattr(listing, name, payload.get(name, listing._meta.get_field(name).get_default()))
    listing.save(update_fields=[*fields, "updated_at"])
    if change.product is not None:
        listing.photos.set(
            EvidenceDocument.objects.current().filter(
                producer=change.producer, code__in=payload.get("photos", [])
            )
        )
    after = queries.published_payload(change.producer, change.product)
    record(
        "listing.approved" if actor is not None else "listing.published_at_once",
        actor=actor,
        obj=_subject(change),
        changes={"change": change.code, **diff(_audit_view(before), _audit_view(after))},
    )
    if change.product is None:
        _announce(producers=[change.producer_id])
    else:
        _announce(products=[change.product_id])


@transaction.atomic
def decline_change(change: ListingChange, *, actor, reason: str) -> ListingChange:
    change = _locked(change)
    if not rules.can_moderate(actor, change.producer):
        raise ListingError(_("Bạn không có quyền duyệt thông tin công khai của chủ thể này."))
    reason = _reason(reason)
    _close(change, ChangeState.DECLINED, actor=actor, reason=reason)
    record(
        "listing.declined",
        actor=actor,
        obj=_subject(change),
        changes={"change": change.code, "reason": reason},
    )
    _tell_producer(
        change.producer,
        "listing.declined",
        subject=_("Thông tin công khai của “%(name)s” không được duyệt") % {"name": _name(change)},
        note=reason,
        actor=actor,
    )
    return change


@transaction.atomic
def withdraw_change(change: ListingChange, *, actor) -> ListingChange:
    change = _locked(change)
    if not rules.can_edit(actor, change.producer):
        raise ListingError(_("Chỉ tài khoản của chủ thể mới rút được đề nghị này."))
    _close(change, ChangeState.WITHDRAWN, actor=actor)
    record("listing.withdrawn", actor=actor, obj=_subject(change), changes={"change": change.code})
    return change


# --- hiding a published listing ----------------------------------------------------------


def _owner(listing) -> Producer:
    return listing.producer if isinstance(listing, ProducerListing) else listing.product.producer


def _locked_listing(listing):
    model = type(listing)
    related = (
        "producer__commune__province"
        if model is ProducerListing
        else "product__producer__commune__province"
    )
    return model.objects.select_for_update().select_related(related).get(pk=listing.pk)


def _listing_subject(listing):
    return listing.producer if isinstance(listing, ProducerListing) else listing.product


def _announce_listing(listing) -> None:
    if isinstance(listing, ProducerListing):
        _announce(producers=[listing.producer_id])
    else:
        _announce(products=[listing.product_id])


@transaction.atomic
def hide_listing(listing, *, actor, reason: str):
    """Take a published listing (``ProducerListing`` or ``ProductListing``) off the public
    pages, with a reason the producer reads."""
    listing = _locked_listing(listing)
    producer = _owner(listing)
    if not rules.can_moderate(actor, producer):
        raise ListingError(_("Bạn không có quyền ẩn thông tin công khai của chủ thể này."))
    reason = _reason(reason)
    if listing.is_hidden:
        raise ListingError(_("Thông tin này đang bị ẩn."))
    listing.hidden_at, listing.hidden_by, listing.hidden_reason = timezone.now(), actor, reason
    listing.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    record("listing.hidden", actor=actor, obj=_listing_subject(listing), changes={"reason": reason})
    _announce_listing(listing)
    _tell_producer(
        producer,
        "listing.hidden",
        subject=_("Thông tin công khai của “%(name)s” bị tạm ẩn")
        % {"name": _listing_subject(listing)},
        note=reason,
        actor=actor,
    )
    return listing


@transaction.atomic
def show_listing(listing, *, actor):
    listing = _locked_listing(listing)
    producer = _owner(listing)
    if not rules.can_moderate(actor, producer):
        raise ListingError(_("Bạn không có quyền hiện lại thông tin công khai của chủ thể này."))
    if not listing.is_hidden:
        raise ListingError(_("Thông tin này không bị ẩn."))
    reason = listing.hidden_reason
    listing.hidden_at, listing.hidden_by, listing.hidden_reason = None, None, ""
    listing.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    record("listing.shown", actor=actor, obj=_listing_subject(listing), changes={"reason": reason})
    _announce_listing(listing)
    _tell_producer(
        producer,
        "listing.shown",
        subject=_("Thông tin công khai của “%(name)s” được hiện lại")
        % {"name": _listing_subject(listing)},
        actor=actor,
    )
    return listing


# --- the province's choice ---------------------------------------------------------------


@transaction.atomic
def set_moderation(province, *, actor, moderation: bool) -> ModerationSetting:
    """Whether producers' edits in the province wait for an officer (True) or go live at once.
    Changes already pending stay pending: an officer still decides them."""
    if not rules.can_set_moderation(actor, province):
        raise ListingError(_("Bạn chỉ đặt cấu hình duyệt cho tỉnh, thành phố của mình."))
    setting, _created = ModerationSetting.objects.select_for_update().get_or_create(
        province=province
    )
    moderation = bool(moderation)
    if setting.moderation == moderation:
        return setting
    before = setting.moderation
    setting.moderation, setting.updated_by = moderation, actor
    setting.save(update_fields=["moderation", "updated_by", "updated_at"])
    record(
        "listing.moderation_set",
        actor=actor,
        obj=setting,
        changes={"moderation": [before, moderation]},
    )
    return setting
