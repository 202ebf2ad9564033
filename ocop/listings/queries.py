"""How views fetch listings and changes, always through a scope (404 outside)."""

from ocop.lib.scope import get_in_scope_or_404
from ocop.listings import rules
from ocop.listings.models import ChangeState, ListingChange, ProducerListing, ProductListing
from ocop.producers.models import EvidenceDocument, Producer
from ocop.products.models import Product

MAX_PHOTOS_SHOWN = 200  # images offered for a product's photos, newest first


# --- the producer's side -----------------------------------------------------------------


def own_producer_for(user, code: str) -> Producer:
    return get_in_scope_or_404(
        Producer.objects.select_related("commune__province"), rules.own_scope(user), code=code
    )


def own_producers(user):
    return rules.own_scope(user).filter(Producer.objects.order_by("name"))


def own_product_for(user, code: str) -> Product:
    return get_in_scope_or_404(
        Product.objects.select_related("producer__commune__province"),
        rules.own_scope(user).through("producer"),
        code=code,
    )


def own_change_for(user, code: str) -> ListingChange:
    return get_in_scope_or_404(
        ListingChange.objects.select_related("producer__commune__province", "product"),
        rules.own_scope(user).through("producer"),
        code=code,
    )


def images_of(producer):
    """The producer's current images (with a thumbnail): what a product's photos may be."""
    return (
        EvidenceDocument.objects.current()
        .filter(producer=producer, content_type__startswith="image/")
        .exclude(thumbnail="")
        .order_by("-uploaded_at", "-pk")[:MAX_PHOTOS_SHOWN]
    )


def latest_changes(producer) -> dict:
    """The newest change of the producer's listing (key None) and of each product (key: the
    product's id), pending or not."""
    latest: dict = {}
    for change in ListingChange.objects.filter(producer=producer).select_related(
        "submitted_by", "decided_by"
    ):  # newest first (the model's ordering)
        latest.setdefault(change.product_id, change)
    return latest


# --- the officer's side ------------------------------------------------------------------


def pending_for(user):
    """Pending changes of the producers the user moderates, oldest first (first come)."""
    return (
        rules.moderation_scope(user)
        .through("producer")
        .filter(
            ListingChange.objects.filter(state=ChangeState.PENDING).select_related(
                "producer__commune__province", "product", "submitted_by"
            )
        )
        .order_by("submitted_at", "pk")
    )


def change_for(user, code: str) -> ListingChange:
    return get_in_scope_or_404(
        ListingChange.objects.select_related(
            "producer__commune__province", "product", "submitted_by", "decided_by"
        ),
        rules.moderation_scope(user).through("producer"),
        code=code,
    )


def product_listings_for(user):
    return (
        rules.moderation_scope(user)
        .through("product__producer")
        .filter(ProductListing.objects.select_related("product__producer__commune__province"))
    )


def producer_listings_for(user):
    return (
        rules.moderation_scope(user)
        .through("producer")
        .filter(ProducerListing.objects.select_related("producer__commune__province"))
    )


def product_listing_for(user, code: str) -> ProductListing:
    return get_in_scope_or_404(
        ProductListing.objects.select_related("product__producer__commune__province", "hidden_by"),
        rules.moderation_scope(user).through("product__producer"),
        product__code=code,
    )


def producer_listing_for(user, code: str) -> ProducerListing:
    return get_in_scope_or_404(
        ProducerListing.objects.select_related("producer__commune__province", "hidden_by"),
        rules.moderation_scope(user).through("producer"),
        producer__code=code,
    )


# --- what is published, in the shape of a change's payload -------------------------------


def published_payload(producer, product=None) -> dict:
    """What the public sees now, shaped like a change's ``payload`` (empty values when
    nothing is published yet), to compare with a proposal side by side."""
    if product is None:
        listing = ProducerListing.objects.filter(producer=producer).first()
        return {
            "profile": listing.profile if listing else "",
            "shop_links": list(listing.shop_links) if listing else [],
            "show_phone": listing.show_phone if listing else False,
            "show_email": listing.show_email if listing else False,
        }
    listing = ProductListing.objects.filter(product=product).first()
    return {
        "story": listing.story if listing else "",
        "shop_links": list(listing.shop_links) if listing else [],
        "photos": sorted(listing.photos.values_list("code", flat=True)) if listing else [],
    }


def photos_by_code(codes) -> list[EvidenceDocument]:
    """The documents of a payload's photo codes, in the payload's order (missing ones left out)."""
    found = {d.code: d for d in EvidenceDocument.objects.filter(code__in=list(codes))}
    return [found[c] for c in codes if c in found]
