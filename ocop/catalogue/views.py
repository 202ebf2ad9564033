"""The public catalogue: search with filters and counts, product and producer pages. No
sign-in, no form that posts, no JavaScript needed; one small stylesheet."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ocop.catalogue import pages, search
from ocop.catalogue.classification import classification
from ocop.catalogue.models import Entry
from ocop.certificates.enums import IN_FORCE, Status
from ocop.certificates.models import Certificate
from ocop.certificates.verify_views import status_context
from ocop.listings import links
from ocop.listings import public as listings
from ocop.producers.enums import LegalType
from ocop.promotion import queries as promotion

RELATED = 6


def _facet_urls(result: search.Result) -> None:
    query = result.query
    tree = classification()
    for facet in result.facets:
        for option in facet.options:
            if facet.key == "klass":
                path = tree.path(option.value)
                value = (path[-2] if len(path) > 1 else "") if option.selected else option.value
                changes = {"klass": value}
            elif facet.key == "stars":
                changes = {"stars": 0 if option.selected else int(option.value)}
            else:
                changes = {facet.key: "" if option.selected else option.value}
                if facet.key == "province":
                    changes["commune"] = ""
            facet.urls[option.value] = pages.query_string(query, **changes)


def _chips(result: search.Result) -> list[tuple[str, str]]:
    """The filters in force, each with the link that removes it."""
    return pages.chips(
        result,
        lambda facet, option: facet.urls[option.value],
        pages.query_string(result.query, everything=False),
    )


def _status(entry: Entry, today) -> tuple[str, str]:
    code = entry.status(today)
    return code, str(Status(code).label)


@require_safe
def search_page(request):
    key = "search:" + request.get_full_path()
    return pages.kept(request, key, lambda: _search_page(request))


def _search_page(request):
    query, problems = search.parse(request.GET, search.PAGE_NAMES)
    result = search.run(query, problems)
    _facet_urls(result)
    today = timezone.localdate()
    cards = [(entry, *_status(entry, today)) for entry in result.entries]
    plan = result.plan
    context = {
        "result": result,
        "query": query,
        "cards": cards,
        "chips": _chips(result),
        "facets": {facet.key: facet for facet in result.facets},
        "corrected": bool(plan and (plan.corrected or result.loose)),
        "dropped": plan.dropped if plan else (),
        "sorts": [
            ("relevance", _("Phù hợp nhất")),
            ("stars", _("Nhiều sao nhất")),
            ("newest", _("Mới công nhận")),
        ],
        "previous_url": pages.query_string(query, page=result.page - 1) if result.page > 1 else "",
        "next_url": pages.query_string(query, page=result.page + 1)
        if result.page < result.pages
        else "",
        "all_url": pages.query_string(query, everything=not query.everything),
        "canonical": pages.absolute(reverse("catalogue:search") + pages.query_string(query)),
    }
    response = render(request, "catalogue/search.html", context)
    if result.problems or (query.q and not result.total):
        response["X-Robots-Tag"] = "noindex"
    return response


def _entry(code: str) -> Entry:
    entry = Entry.objects.select_related("province", "commune").filter(code=code).first()
    if entry is None:
        raise Http404
    return entry


@require_safe
def product(request, code: str):
    """Kept for anonymous visitors by the code asked (an unknown one is a 404, not kept)."""
    code = str(code)[:12].upper()
    # Keyed by the whole path asked: the page's language links carry it.
    key = f"product:{request.get_full_path()}"
    return pages.kept(request, key, lambda: _product_page(request, _entry(code)))


def _product_page(request, entry: Entry):
    today = timezone.localdate()
    cert = Certificate.objects.select_related("instrument", "product", "producer").get(
        pk=entry.certificate_id
    )
    product, producer = cert.product, cert.producer
    listing = listings.product_listings([product.pk]).get(product.pk)
    producer_listing = listings.producer_listing(producer)
    # Only what the province let through (``listings``) and what the certificate prints:
    # the product's own fields change without anyone's review.
    story = listing.story if listing else ""
    photos = [listings.photo_url(doc) for doc in listing.photos.all()] if listing else []
    if not photos and entry.photo:
        photos = [entry.photo]
    shop = _shop_links(listing, producer_listing)
    related = list(
        _in_force(today)
        .filter(product_set=entry.product_set)
        .exclude(pk=entry.pk)
        .select_related("province", "commune")
        .order_by("-stars", "-decided_on")[: RELATED * 3]
    )
    # The same province first, then the most stars.
    related.sort(key=lambda e: (e.province_id != entry.province_id, -e.stars))
    tree = classification()
    status = status_context(cert)
    description = Truncator(" ".join(story.split())).chars(160) or _(
        "%(name)s, sản phẩm OCOP %(n)s sao của %(producer)s, %(place)s."
    ) % {
        "name": entry.name,
        "n": entry.stars,
        "producer": entry.producer_name,
        "place": entry.province.name,
    }
    url = pages.absolute(reverse("catalogue:product", args=[entry.code]))
    context = {
        **status,
        "entry": entry,
        "cert": cert,
        "product": product,
        "producer": producer,
        "story": story,
        "photos": photos,
        "shop": shop,
        "contact": _contact(producer, producer_listing),
        "related": [(e, *_status(e, today)) for e in related[:RELATED]],
        "events": promotion.upcoming_for_products([product.pk], today).get(product.pk, []),
        "classification": [(code, tree.name(code)) for code in tree.path(entry.product_set)],
        "producer_type": LegalType(producer.legal_type).label
        if producer.legal_type in LegalType.values
        else "",
        "description": description,
        "canonical": url,
        "image": pages.absolute(photos[0]) if photos and photos[0].startswith("/") else "",
        "json_ld": pages.json_ld(_product_ld(entry, cert, product, story, photos, url, tree)),
    }
    return render(request, "catalogue/product.html", context)


def _in_force(today):
    return Entry.objects.filter(cert_state="active", valid_from__lte=today, last_day__gte=today)


def _shop_links(listing, producer_listing) -> list[tuple[str, str]]:
    """Where to buy: the product's links, then the producer's (both approved); each checked
    again (``listings.links``), so nothing but a well-formed http(s) link reaches the page."""
    stored = [
        link
        for source in (listing, producer_listing)
        for link in (getattr(source, "shop_links", None) or [])
        if isinstance(link, dict)
    ]
    found: list[tuple[str, str]] = []
    for item in stored:
        try:
            link = links.check(str(item.get("url", "")))
        except links.BadLink:
            continue
        if link.url not in {url for _label, url in found}:
            found.append((link.label, link.url))
    return found


def _contact(producer, producer_listing) -> dict:
    """Only what the producer chose to make public (``ProducerListing``)."""
    show_phone = bool(producer_listing and producer_listing.show_phone)
    show_email = bool(producer_listing and producer_listing.show_email)
    return {
        "phone": producer.phone if show_phone else "",
        "email": producer.email if show_email else "",
        "address": f"{producer.address}",
    }


def _product_ld(entry, cert, product, story, photos, url, tree) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": entry.name,
        "url": url,
        "sku": entry.code,
        "category": tree.name(entry.product_set),
        "description": Truncator(story or entry.name).chars(500),
        "brand": {"@type": "Organization", "name": entry.producer_name},
        "manufacturer": {
            "@type": "Organization",
            "name": entry.producer_name,
            "url": pages.absolute(reverse("catalogue:producer", args=[cert.producer.code])),
            "address": {
                "@type": "PostalAddress",
                "addressLocality": entry.commune.name,
                "addressRegion": entry.province.name,
                "addressCountry": "VN",
            },
        },
        "award": _("Sản phẩm OCOP %(n)s sao") % {"n": entry.stars},
    }
    if photos:
        data["image"] = [pages.absolute(p) if p.startswith("/") else p for p in photos]
    if cert.product_code:
        data["productID"] = cert.product_code
    return data


@require_safe
def producer(request, code: str):
    entries = list(
        Entry.objects.select_related("province", "commune", "producer")
        .filter(producer__code=str(code)[:12].upper())
        .order_by("-stars", "name")
    )
    if not entries:
        raise Http404
    producer = entries[0].producer
    producer_listing = listings.producer_listing(producer)  # None when hidden
    return pages.kept(
        request,
        f"producer:{request.get_full_path()}",
        lambda: _producer_page(request, producer, producer_listing, entries),
    )


def _producer_page(request, producer, producer_listing, entries):
    today = timezone.localdate()
    cards = [(e, *_status(e, today)) for e in entries]
    in_force = [c for c in cards if c[1] in IN_FORCE]
    ended = [c for c in cards if c[1] not in IN_FORCE]
    profile = producer_listing.profile if producer_listing else ""
    url = pages.absolute(reverse("catalogue:producer", args=[producer.code]))
    entry = entries[0]
    context = {
        "producer": producer,
        "entry": entry,
        "profile": profile,
        "in_force": in_force,
        "ended": ended,
        "shop": _shop_links(None, producer_listing),
        "contact": _contact(producer, producer_listing),
        "producer_type": LegalType(producer.legal_type).label
        if producer.legal_type in LegalType.values
        else "",
        "events": promotion.upcoming_for_producer(producer, today),
        "description": Truncator(" ".join(profile.split())).chars(160)
        or _("%(name)s, %(place)s: sản phẩm OCOP")
        % {"name": producer.name, "place": entry.province.name},
        "canonical": url,
        "json_ld": pages.json_ld(
            {
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": producer.name,
                "url": url,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": producer.address,
                    "addressLocality": entry.commune.name,
                    "addressRegion": entry.province.name,
                    "addressCountry": "VN",
                },
            }
        ),
    }
    return render(request, "catalogue/producer.html", context)
