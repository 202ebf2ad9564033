"""The open-data side of the catalogue: the data dictionary page, DCAT metadata (JSON-LD) for
national portals to harvest, ``sitemap.xml`` and ``robots.txt``."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ocop.catalogue import feed, pages
from ocop.catalogue.models import Entry
from ocop.producers.models import Producer

SITEMAP_LIMIT = 50_000  # URLs in one sitemap file (the protocol's limit)


def _licence() -> dict:
    return {"name": settings.OCOP_OPEN_DATA_LICENCE, "url": settings.OCOP_OPEN_DATA_LICENCE_URL}


@require_safe
def dictionary(request):
    updated = feed.last_updated()
    context = {
        "fields": feed.FIELDS,
        "updated": updated,
        "licence": _licence(),
        "publisher": settings.OCOP_OPEN_DATA_PUBLISHER,
        "count": Entry.objects.count(),
    }
    return render(request, "catalogue/open_data.html", context)


@require_safe
def dcat(request):
    """DCAT-AP style metadata of the one dataset and its three distributions."""
    updated = feed.last_updated()
    modified = (updated or timezone.now()).isoformat()
    api = pages.absolute("/api/v1")
    page = pages.absolute(reverse("catalogue:open_data"))
    licence = _licence()

    def distribution(fmt: str, media: str, url: str, title: str) -> dict:
        return {
            "@type": "dcat:Distribution",
            "dct:title": title,
            "dct:format": fmt,
            "dcat:mediaType": media,
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dct:license": {"@id": licence["url"]},
            "dct:modified": modified,
        }

    data = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@id": pages.absolute(reverse("catalogue:dcat")),
        "@type": "dcat:Catalog",
        "dct:title": _("Dữ liệu mở Chương trình OCOP"),
        "dct:language": "vi",
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": settings.OCOP_OPEN_DATA_PUBLISHER},
        "dct:license": {"@id": licence["url"]},
        "foaf:homepage": {"@id": page},
        "dcat:dataset": [
            {
                "@id": page + "#san-pham",
                "@type": "dcat:Dataset",
                "dct:identifier": "ocop-products",
                "dct:title": _("Sản phẩm OCOP được công nhận"),
                "dct:description": _(
                    "Các sản phẩm được công nhận OCOP 3, 4, 5 sao trên cả nước, với giấy chứng "
                    "nhận, chủ thể, địa bàn và tình trạng hiệu lực."
                ),
                "dct:language": "vi",
                "dct:modified": modified,
                "dct:accrualPeriodicity": {
                    "@id": "http://purl.org/cld/freq/continuous",
                },
                "dct:spatial": _("Việt Nam"),
                "dcat:keyword": ["OCOP", _("Mỗi xã một sản phẩm"), _("đặc sản")],
                "dcat:landingPage": {"@id": page},
                "dct:license": {"@id": licence["url"]},
                "dcat:contactPoint": {
                    "@type": "vcard:Organization",
                    "vcard:fn": settings.OCOP_CONTACT_NAME,
                    **(
                        {"vcard:hasEmail": f"mailto:{settings.OCOP_CONTACT_EMAIL}"}
                        if settings.OCOP_CONTACT_EMAIL
                        else {}
                    ),
                },
                "dcat:distribution": [
                    distribution("CSV", "text/csv", api + "/products.csv", "CSV (UTF-8)"),
                    distribution(
                        "XLSX",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        api + "/products.xlsx",
                        "Excel",
                    ),
                    distribution("JSON", "application/json", api + "/products", "JSON API"),
                ],
            }
        ],
    }
    response = JsonResponse(
        data, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def sitemap(request):
    """The catalogue's pages: the search page, every product and producer page."""
    today = timezone.localdate()
    entries = Entry.objects.filter(valid_from__lte=today).order_by("pk")
    urls = [pages.absolute(reverse("catalogue:search"))]
    for code, updated in entries.values_list("code", "updated_at")[:SITEMAP_LIMIT]:
        urls.append((pages.absolute(reverse("catalogue:product", args=[code])), updated))
    producers = Producer.objects.filter(pk__in=entries.values("producer_id")).values_list(
        "code", flat=True
    )
    for code in producers[: SITEMAP_LIMIT - len(urls)]:
        urls.append(pages.absolute(reverse("catalogue:producer", args=[code])))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for item in urls:
        if isinstance(item, tuple):
            loc, day = escape(item[0]), item[1].date().isoformat()
            lines.append(f"<url><loc>{loc}</loc><lastmod>{day}</lastmod></url>")
        else:
            lines.append(f"<url><loc>{escape(item)}</loc></url>")
    lines.append("</urlset>")
    response = HttpResponse("\n".join(lines), content_type="application/xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def robots(request):
    """Public pages may be indexed; private ones, the API and the downloads may not."""
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /ho-so/",
        "Disallow: /danh-gia/",
        "Disallow: /cong-nhan/",
        "Disallow: /chung-nhan/",
        "Disallow: /chu-the/",
        "Disallow: /thong-bao/",
        "Disallow: /audit/",
        "Disallow: /ngon-ngu/",
        "Allow: /",
        f"Sitemap: {pages.absolute(reverse('catalogue:sitemap'))}",
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
