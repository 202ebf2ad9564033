"""What the public catalogue reads of the listings, and the public photo.

The catalogue sits above this app and calls these helpers; it never reads a pending change
or a hidden listing. A product's photos are thumbnails (WebP, 320 px, no EXIF) of images in
its producer's evidence library, served at ``anh/<evidence code>.webp`` only while they are
photos of a published, non-hidden product listing and still in the library; any other
document of the library stays private (404 here).
"""

from collections.abc import Iterable

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_safe

from ocop.lib.codes import ALPHABET
from ocop.listings.models import ProducerListing, ProductListing
from ocop.producers.models import EvidenceDocument

MAX_AGE = 3600  # a hidden photo leaves shared caches within the hour
CODE_LENGTH = 20  # ``producers.models.new_evidence_code``


def _public_images():
    return (
        EvidenceDocument.objects.current()
        .filter(content_type__startswith="image/")
        .exclude(thumbnail="")
        .order_by("uploaded_at", "pk")
    )


def product_listings(product_ids: Iterable[int]) -> dict[int, ProductListing]:
    """The published, non-hidden listings of these products, by product id, with their
    public photos prefetched (``listing.photos.all()`` costs no query)."""
    rows = ProductListing.objects.filter(
        product_id__in=list(product_ids), hidden_at__isnull=True
    ).prefetch_related(Prefetch("photos", queryset=_public_images()))
    return {listing.product_id: listing for listing in rows}


def producer_listing(producer) -> ProducerListing | None:
    """The producer's published listing, or None (none yet, or hidden)."""
    return ProducerListing.objects.filter(producer=producer, hidden_at__isnull=True).first()


def hidden_product_ids(product_ids: Iterable[int]) -> set[int]:
    """Those of these products an officer has hidden: they leave the catalogue."""
    return set(
        ProductListing.objects.filter(
            product_id__in=list(product_ids), hidden_at__isnull=False
        ).values_list("product_id", flat=True)
    )


def photo_url(document: EvidenceDocument) -> str:
    return reverse("listings:photo", args=[document.code])


def public_photo(code: str) -> EvidenceDocument | None:
    """The document when it is a photo of a published, non-hidden product listing."""
    code = (code or "").strip().upper()
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    document = _public_images().filter(code=code).first()
    if document is None:
        return None
    published = ProductListing.objects.filter(photos=document, hidden_at__isnull=True).exists()
    return document if published else None


@require_safe
def photo(request, code: str):
    """A published product photo (its thumbnail), to anyone; 404 for anything else."""
    document = public_photo(code)
    if document is None:
        raise Http404
    try:
        handle = document.thumbnail.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/webp")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
