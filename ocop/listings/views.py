"""The producer's pages: what the public sees of it and of its products, what waits for the
office, what was declined and why, and the forms to propose changes. Only the producer's own
accounts open them (``rules.own_scope``); anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ocop.listings import actions, links, queries, rules
from ocop.listings.actions import ListingError
from ocop.listings.forms import ProducerListingForm, ProductListingForm
from ocop.listings.models import ChangeState, ProducerListing, ProductListing


def _sent_message(request, change) -> None:
    if change.state == ChangeState.APPROVED:
        messages.success(
            request,
            _("Đã công khai ngay: tỉnh, thành phố của chủ thể không yêu cầu duyệt trước."),
        )
    else:
        messages.success(
            request,
            _("Đã gửi đề nghị. Thông tin sẽ được công khai sau khi cán bộ OCOP cấp tỉnh duyệt."),
        )


def _states(change):
    """(pending, declined): the newest change when it is one of those."""
    if change is None:
        return None, None
    if change.state == ChangeState.PENDING:
        return change, None
    if change.state == ChangeState.DECLINED:
        return None, change
    return None, None


def _link_rows(items) -> list[dict]:
    return [{"label": links.label(i.get("kind", "")), "url": i.get("url", "")} for i in items]


@login_required
def mine(request):
    """A producer's account lands on its producer; officers on their queue."""
    producers = list(queries.own_producers(request.user))
    if len(producers) == 1:
        return redirect("listings:producer", code=producers[0].code)
    if not producers and rules.is_moderator(request.user):
        return redirect("listings:queue")
    return render(request, "listings/mine.html", {"producers": producers})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def producer_page(request, code: str):
    producer = queries.own_producer_for(request.user, code)
    listing = ProducerListing.objects.filter(producer=producer).first()
    latest = queries.latest_changes(producer)
    pending, declined = _states(latest.get(None))
    if pending is not None or declined is not None:  # to correct what was sent
        initial = dict((pending or declined).payload)
    elif listing is not None:
        initial = queries.published_payload(producer)
    else:
        website = [{"url": producer.website}] if producer.website else []
        initial = {"profile": producer.profile, "shop_links": website}
    initial["shop_links"] = links.as_text(initial.get("shop_links", []))
    form = ProducerListingForm(request.POST or None, initial=initial, producer=producer)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                change = actions.propose_producer_change(
                    producer,
                    actor=request.user,
                    profile=data["profile"],
                    shop_links=data["shop_links"],
                    show_phone=data["show_phone"],
                    show_email=data["show_email"],
                )
            except ListingError as exc:
                form.add_error(None, str(exc))
            else:
                _sent_message(request, change)
                return redirect("listings:producer", code=producer.code)
        status = 400
    products = []
    published = {
        p.product_id: p
        for p in ProductListing.objects.filter(product__producer=producer).only(
            "product_id", "hidden_at"
        )
    }
    for product in producer.products.order_by("name"):
        products.append(
            {
                "product": product,
                "listing": published.get(product.pk),
                "change": latest.get(product.pk),
            }
        )
    return render(
        request,
        "listings/producer.html",
        {
            "producer": producer,
            "listing": listing,
            "listing_links": _link_rows(listing.shop_links) if listing else [],
            "pending": pending,
            "pending_links": _link_rows(pending.payload.get("shop_links", [])) if pending else [],
            "declined": declined,
            "hidden": listing if listing is not None and listing.is_hidden else None,
            "products": products,
            "form": form,
            "moderated": actions.moderates(producer.commune.province),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def product_page(request, code: str):
    product = queries.own_product_for(request.user, code)
    producer = product.producer
    listing = ProductListing.objects.filter(product=product).prefetch_related("photos").first()
    latest = queries.latest_changes(producer).get(product.pk)
    pending, declined = _states(latest)
    if pending is not None or declined is not None:  # to correct what was sent
        initial = dict((pending or declined).payload)
    elif listing is not None:
        initial = queries.published_payload(producer, product)
    else:
        initial = {
            "story": product.story,
            "photos": [
                d.code for d in product.photos.all() if d.is_image and d.withdrawn_at is None
            ],
        }
    initial["shop_links"] = links.as_text(initial.get("shop_links", []))
    images = queries.images_of(producer)
    form = ProductListingForm(request.POST or None, initial=initial, images=images)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                change = actions.propose_product_change(
                    product,
                    actor=request.user,
                    story=data["story"],
                    shop_links=data["shop_links"],
                    photos=data["photos"],
                )
            except ListingError as exc:
                form.add_error(None, str(exc))
            else:
                _sent_message(request, change)
                return redirect("listings:product", code=product.code)
        status = 400
    return render(
        request,
        "listings/product.html",
        {
            "product": product,
            "producer": producer,
            "listing": listing,
            "listing_links": _link_rows(listing.shop_links) if listing else [],
            "pending": pending,
            "pending_links": _link_rows(pending.payload.get("shop_links", [])) if pending else [],
            "pending_photos": queries.photos_by_code(pending.payload.get("photos", []))
            if pending
            else [],
            "declined": declined,
            "hidden": listing if listing is not None and listing.is_hidden else None,
            "form": form,
            "chosen": form.chosen(),
            "moderated": actions.moderates(producer.commune.province),
        },
        status=status,
    )


@login_required
@require_POST
def withdraw(request, code: str):
    change = queries.own_change_for(request.user, code)
    try:
        actions.withdraw_change(change, actor=request.user)
    except ListingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã rút đề nghị."))
    if change.product is not None:
        return redirect("listings:product", code=change.product.code)
    return redirect("listings:producer", code=change.producer.code)
