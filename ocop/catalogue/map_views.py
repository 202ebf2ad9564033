"""The map of certified producers: the catalogue's filters (``search``), one marker per
producer that has coordinates, and below the map the same producers as a server-rendered
list, which is the page without JavaScript and the accessible primary content.

"Near a place" (``gan=21.0285,105.8542``) orders the list by distance. The distances are
computed here, in Python, over the matching producers: the database only takes the
``MAX_PRODUCERS`` nearest by a flat approximation first, so a large result stays cheap and the
nearest are never cut off. The map's background tiles come from a setting
(``OCOP_MAP_TILES``); without them the markers, the list and "near a place" still work.
"""

import math
import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.db.models import Count, F, FloatField, Max, Value
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ocop.catalogue import pages, search
from ocop.lib.text import fold

PLACE = "gan"  # the URL parameter of "near a place": "<latitude>,<longitude>"
PLACE_CHARS = 60
# Vietnam's bounding box, roughly (the same bounds as a producer's coordinates may take).
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 8.0, 24.0, 102.0, 118.0
EARTH_KM = 6371.0088
LIST_SIZE = 20  # producers per page of the list
NEAREST = 10  # how many the map's script lists when a place is picked (in the page's config)
# At most this many producers are read for one page or one points file: a phone on 3G gets
# about 150 bytes a marker, and beyond a few thousand markers a cheap phone slows down. When a
# query matches more, the page says so (the nearest, or the ones with most stars, are kept).
MAX_PRODUCERS = 5000
POINTS_SECONDS = 60


@dataclass
class Producer:
    code: str
    name: str
    lat: float
    lon: float
    commune: str
    province: str
    products: int  # matching products
    stars: int  # the best of them
    km: float | None = None


def parse_place(raw: str) -> tuple[tuple[float, float] | None, str]:
    """``(latitude, longitude)`` from "21.0285,105.8542" (a space or a semicolon may part
    them), or ``None`` and what is wrong with it; empty text is no place and no problem."""
    text = str(raw or "").strip()[:PLACE_CHARS]
    if not text:
        return None, ""
    parts = [p for p in re.split(r"[\s,;]+", text) if p]
    try:
        lat, lon = (float(p) for p in parts) if len(parts) == 2 else (math.nan, math.nan)
    except ValueError:
        lat = lon = math.nan
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None, _(
            "Không đọc được vị trí «%(v)s»: hãy ghi vĩ độ rồi kinh độ, cách nhau bằng dấu phẩy, "
            "ví dụ 21.0285,105.8542."
        ) % {"v": text}
    if not (LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX):
        return None, _(
            "Vị trí «%(v)s» nằm ngoài Việt Nam: vĩ độ phải từ 8 đến 24, kinh độ từ 102 đến 118."
        ) % {"v": text}
    return (round(lat, 5), round(lon, 5)), ""


def place_param(place: tuple[float, float] | None) -> str:
    return f"{place[0]:.5f},{place[1]:.5f}" if place else ""


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    dlat, dlon = lat2 - lat1, math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _grouped(entries):
    """One row per producer of these entries (a producer's entries share its name, place and
    coordinates, so ``Max`` of them is that value). The names are not ``Entry``'s fields."""
    return (
        entries.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values("producer_id")
        .annotate(
            p_code=Max("producer__code"),
            p_name=Max("producer_name"),
            lat=Max("latitude"),
            lon=Max("longitude"),
            p_commune=Max("commune__name"),
            p_province=Max("province__name"),
            products=Count("pk"),
            best=Max("stars"),
        )
    )


def producers(entries, place: tuple[float, float] | None = None) -> tuple[list[Producer], int]:
    """The producers of ``entries`` (``search.filtered``) that have coordinates, nearest
    ``place`` first (else most stars first, then by name), at most ``MAX_PRODUCERS``; and how
    many there are in all."""
    rows = _grouped(entries)
    if place is not None:
        # A flat approximation in the database picks the nearest; haversine orders them.
        squeeze = math.cos(math.radians(place[0])) ** 2
        dlat = F("lat") - Value(place[0])
        dlon = F("lon") - Value(place[1])
        rows = rows.annotate(
            d=dlat * dlat + dlon * dlon * Value(squeeze, output_field=FloatField())
        ).order_by("d", "producer_id")
    else:
        rows = rows.order_by("-best", "p_name", "producer_id")
    found = [
        Producer(
            code=r["p_code"],
            name=r["p_name"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            commune=r["p_commune"],
            province=r["p_province"],
            products=r["products"],
            stars=r["best"],
        )
        for r in rows[: MAX_PRODUCERS + 1]
    ]
    total = len(found)
    if total > MAX_PRODUCERS:
        found = found[:MAX_PRODUCERS]
        total = _grouped(entries).count()
    if place is not None:
        for p in found:
            p.km = km(place, (p.lat, p.lon))
        found.sort(key=lambda p: (p.km, fold(p.name), p.code))
    else:
        found.sort(key=lambda p: (-p.stars, fold(p.name), p.code))
    return found, total


def _without_coordinates(entries) -> int:
    return entries.filter(latitude__isnull=True).order_by().values("producer_id").distinct().count()


def _url(query: search.Query, place: str, **changes) -> str:
    """``pages.query_string`` and the place, if one is chosen."""
    found = pages.query_string(query, **changes)
    if not place:
        return found
    return found + ("&" if found != "?" else "") + urlencode({PLACE: place}, safe=",")


def _chips(result: search.Result, place: str) -> list[tuple[str, str]]:
    """The filters in force, each with the link that removes it (the place stays)."""
    query = result.query

    def remove(facet, option) -> str:
        changes: dict = {facet.key: 0 if facet.key == "stars" else ""}
        if facet.key == "province":
            changes["commune"] = ""
        return _url(query, place, **changes)

    return pages.chips(result, remove, _url(query, place, everything=False))


def tile_source(tiles: str) -> str:
    """The Content-Security-Policy source that lets the page load ``tiles``: its scheme and
    host ("https://tile.openstreetmap.org"; a leading ``{s}.`` becomes ``*.``); empty for a
    same-origin or unusable template (the map then says the background could not load)."""
    parts = urlsplit(tiles or "")
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host[4:]
    if not re.fullmatch(r"(\*\.)?[A-Za-z0-9.-]+(:\d+)?", host):
        return ""
    return f"{parts.scheme}://{host}"


def content_security_policy(tiles: str) -> str:
    """The site's policy with the tile server added to ``img-src`` (for the map page only)."""
    policy = settings.CONTENT_SECURITY_POLICY
    source = tile_source(tiles)
    if not source:
        return policy
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    for n, directive in enumerate(directives):
        if directive.split()[0] == "img-src":
            directives[n] = f"{directive} {source}"
            break
    else:
        directives.append(f"img-src 'self' data: {source}")
    return "; ".join(directives)


@require_safe
def map_page(request):
    query, problems = search.parse(request.GET, search.PAGE_NAMES)
    place_text = str(request.GET.get(PLACE, "") or "").strip()[:PLACE_CHARS]
    place, place_problem = parse_place(place_text)
    if place_problem:
        problems.append(place_problem)
    # The facets' counts (products, like the catalogue's); the list is the map's own pages.
    result = search.run(replace(query, page=1), problems, page_size=1)
    entries = search.filtered(query)
    found, total = producers(entries, place)
    pages_count = max(1, -(-len(found) // LIST_SIZE))
    page = min(query.page, pages_count)
    if query.page > pages_count and found:
        result.problems.append(
            _("Không có trang %(asked)s: kết quả chỉ có %(pages)s trang.")
            % {"asked": query.page, "pages": pages_count}
        )
    here = place_param(place)
    start = (page - 1) * LIST_SIZE
    tiles = settings.OCOP_MAP_TILES
    listed = pages.query_string(query, page=1)
    context = {
        "result": result,
        "query": query,
        "facets": {facet.key: facet for facet in result.facets},
        "chips": _chips(result, here),
        "filter_action": reverse("catalogue:map"),
        "filter_hidden": [(PLACE, here)] if here else [],
        # The current filters, for the "near a place" form.
        "kept_fields": parse_qsl(listed[1:]),
        "place": place,
        "place_text": place_text,
        "place_name": PLACE,
        "without_place_url": _url(query, ""),
        "all_url": _url(query, here, everything=True),
        "list_query": "" if listed == "?" else listed,
        "producers": found[start : start + LIST_SIZE],
        "producer_total": total,
        "shown_total": len(found),
        "capped": total > len(found),
        "without_coordinates": _without_coordinates(entries),
        "page": page,
        "pages": pages_count,
        "first_number": start + 1,
        "previous_url": _url(query, here, page=page - 1) if page > 1 else "",
        "next_url": _url(query, here, page=page + 1) if page < pages_count else "",
        "points_url": reverse("catalogue:map_points") + ("" if listed == "?" else listed),
        "tiles": tiles,
        "attribution": settings.OCOP_MAP_ATTRIBUTION,
        "nearest": NEAREST,
        "canonical": pages.absolute(reverse("catalogue:map") + pages.query_string(query)),
    }
    response = render(request, "catalogue/map.html", context)
    response["Content-Security-Policy"] = content_security_policy(tiles)
    if result.problems or place:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def points(request):
    """``{"points": [{"code", "name", "lat", "lon", "products", "stars", "url"}], "total",
    "problems"}``: one point per matching producer with coordinates (``total`` counts them
    all when more than ``MAX_PRODUCERS`` match); a bad filter gives no points and says why."""
    query, problems = search.parse(request.GET, search.PAGE_NAMES)
    problems += search.check(query)  # a filter that names nothing: no points, and why
    found, total = producers(search.filtered(query))
    response = JsonResponse(
        {
            "points": [
                {
                    "code": p.code,
                    "name": p.name,
                    "lat": round(p.lat, 5),
                    "lon": round(p.lon, 5),
                    "products": p.products,
                    "stars": p.stars,
                    "url": reverse("catalogue:producer", args=[p.code]),
                }
                for p in found
            ],
            "total": total,
            "problems": problems,
        },
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    patch_cache_control(response, public=True, max_age=POINTS_SECONDS)
    return response
