"""The public pages, for anyone, signed in or not: the calendar of events (current and
upcoming by month, or past ones; filters by province and kind as a plain GET form, so a
filtered calendar is a URL to share) and an event's page with its accepted producers and
products, Schema.org ``Event`` data and Open Graph tags. Unknown filter values give an
empty calendar with a message saying so, never an error."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ocop.certificates.models import Certificate
from ocop.places.models import Province
from ocop.promotion import queries, rules
from ocop.promotion.enums import EventKind, EventState

PAGE_SIZE = 20
MAX_PARAM = 20
SCHEMA_TYPES = {EventKind.FESTIVAL: "Festival", EventKind.FAIR: "ExhibitionEvent"}
# JSON inside <script>: no "</script>" or "<!--" may close or confuse the element.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _filters(request):
    """``(province, kind, unknown)`` from ``?tinh=<code>&loai=<kind>``; ``unknown`` names
    the filters whose value is not one of the choices."""
    code = request.GET.get("tinh", "").strip()[:MAX_PARAM]
    kind = request.GET.get("loai", "").strip()[:MAX_PARAM]
    unknown = []
    province = None
    if code:
        province = Province.objects.filter(code=code).first()
        if province is None:
            unknown.append(_("tỉnh, thành phố"))
    if kind and kind not in EventKind.values:
        unknown.append(_("loại sự kiện"))
    return province, code, kind, unknown


@require_safe
def calendar(request, past: bool = False):
    today = timezone.localdate()
    province, code, kind, unknown = _filters(request)
    if unknown:
        events = queries.public_events(today=today).none()
    else:
        events = queries.public_events(today=today, province=province, kind=kind, past=past)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "promotion/calendar.html",
        {
            "page": page,
            "groups": _by_month(page.object_list, today, past),
            "past": past,
            "provinces": Province.objects.order_by("name"),
            "kinds": EventKind.choices,
            "province_code": code,
            "province": province,
            "kind": kind,
            "kind_label": EventKind(kind).label if kind in EventKind.values else "",
            "unknown": ", ".join(str(u) for u in unknown),
            "filtered": bool(code or kind),
            "today": today,
        },
    )


def _by_month(events, today, past: bool) -> list[tuple[str, list]]:
    """``[(heading, [event, ...]), ...]`` in the page's order: "Đang diễn ra" first, then
    one heading per month of the start (past events: of their start too)."""
    groups: list[tuple[str, list]] = []
    for event in events:
        event.running = event.is_running(today)
        if event.running and not past:
            heading = _("Đang diễn ra")
        else:
            heading = _("Tháng %(month)s/%(year)s") % {
                "month": f"{event.starts_on.month:02d}",
                "year": event.starts_on.year,
            }
        if groups and groups[-1][0] == heading:
            groups[-1][1].append(event)
        else:
            groups.append((heading, [event]))
    return groups


@require_safe
def event(request, code: str):
    found = queries.public_event(code[:MAX_PARAM])
    today = timezone.localdate()
    exhibitors = queries.exhibitors(found)
    stars = _stars(exhibitors, today)
    for row in exhibitors:
        row.shown = list(row.products.all())
        for product in row.shown:
            product.stars = stars.get(product.pk)
    url = settings.SITE_URL.rstrip("/") + found.get_absolute_url()
    description = _summary(found)
    user = request.user
    return render(
        request,
        "promotion/event.html",
        {
            "event": found,
            "exhibitors": exhibitors,
            "cancelled": found.state == EventState.CANCELLED,
            "ended": found.has_ended(today),
            "running": found.is_running(today) and found.state == EventState.PUBLISHED,
            "og": {
                "title": found.name,
                "description": description,
                "url": url,
                "type": "website",
                "locale": "vi_VN" if get_language() == "vi" else "en_US",
            },
            "json_ld": _json_ld(found, url, description),
            "may_apply": found.state == EventState.PUBLISHED
            and not found.has_ended(today)
            and rules.is_exhibitor(user),
            "manages": rules.can_manage(user, found),
            "today": today,
        },
    )


def _stars(exhibitors, today) -> dict[int, int]:
    """The stars of each shown product's certificate in force today."""
    ids = [p.pk for row in exhibitors for p in row.products.all()]
    if not ids:
        return {}
    found: dict[int, int] = {}
    rows = Certificate.objects.in_force_on(today).filter(product_id__in=ids)
    for product_id, stars in rows.values_list("product_id", "stars"):
        found[product_id] = max(stars, found.get(product_id, 0))
    return found


def _summary(event) -> str:
    """One sentence for search engines and link previews: kind, dates, place."""
    if event.ends_on is None:
        dates = _("từ %(start)s") % {"start": event.starts_on.strftime("%d/%m/%Y")}
    elif event.ends_on == event.starts_on:
        dates = event.starts_on.strftime("%d/%m/%Y")
    else:
        dates = f"{event.starts_on:%d/%m/%Y} – {event.ends_on:%d/%m/%Y}"
    lead = _("%(kind)s sản phẩm OCOP, %(dates)s, tại %(place)s, %(province)s.") % {
        "kind": event.get_kind_display(),
        "dates": dates,
        "place": event.place,
        "province": event.province.name,
    }
    text = strip_tags(event.description or "").strip()
    if text:
        lead = f"{lead} {text}"
    return Truncator(lead).chars(300)


def _json_ld(event, url: str, description: str) -> str:
    """Schema.org ``Event`` as JSON, safe inside ``<script type="application/ld+json">``
    (a data block: the Content-Security-Policy does not run it)."""
    address = {
        "@type": "PostalAddress",
        "streetAddress": event.place,
        "addressRegion": event.province.name,
        "addressCountry": "VN",
    }
    location = {"@type": "Place", "name": event.place, "address": address}
    if event.latitude is not None and event.longitude is not None:
        location["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    organizer = {"@type": "Organization", "name": event.organiser}
    if event.website:
        organizer["url"] = event.website
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(event.kind, "Event"),
        "name": event.name,
        "description": description,
        "url": url,
        "startDate": event.starts_on.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.state == EventState.CANCELLED
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "organizer": organizer,
        "inLanguage": "vi",
    }
    if event.ends_on is not None:
        data["endDate"] = event.ends_on.isoformat()
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308 (escaped above)
