"""Open data of the catalogue under ``/api/v1/``: the certified products, searched and
filtered like the catalogue, one by its code, and the whole list as CSV and XLSX.

The same fields everywhere (``feed.FIELDS``): English keys in JSON, Vietnamese headers in
the files. No sign-in; nothing that is not on the public pages already.
"""

import csv
import io

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ocop.catalogue import feed, pages, search
from ocop.catalogue.models import Entry
from ocop.lib.apierror import ApiError
from ocop.lib.text import download_name

router = Router(tags=["products"])

MAX_PAGE_SIZE = 100
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _query(request) -> search.Query:
    query, problems = search.parse(request.GET, search.API_NAMES)
    problems = problems or search.check(query)
    if problems:
        raise ApiError(400, " ".join(problems), "bad_parameter")
    return query


def _page_size(request) -> int:
    raw = request.GET.get("page_size", "") or "20"
    if not search.is_number(raw) or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ApiError(
            400,
            _("page_size phải từ 1 đến %(max)s.") % {"max": MAX_PAGE_SIZE},
            "bad_parameter",
        )
    return int(raw)


@router.get("/products", summary="Sản phẩm OCOP được công nhận (tìm kiếm, lọc, phân trang)")
def products(request):
    """Certified products, like the public catalogue: `q` (accents optional, one typo
    forgiven), `province` and `commune` (codes), `classification` (sector, group or product
    set code: `I`, `I.1`, `I.1.a`), `stars` (3–5), `producer_type`, `include_ended`
    (`1`: also expired and revoked), `sort` (`relevance`, `stars`, `newest`), `page`,
    `page_size` (≤ 100). Each filter has its counts in `facets`. The same question is
    answered from the shared cache for a minute, or until the catalogue changes."""
    return pages.kept(
        request, "api:" + request.GET.urlencode(), lambda: _products(request), anyone=True
    )


def _products(request):
    query = _query(request)
    size = _page_size(request)
    result = search.run(query, page_size=size)
    today = timezone.localdate()
    ids = [e.pk for e in result.entries]
    by_id = {e.pk: e for e in feed.prepare(Entry.objects.filter(pk__in=ids))}
    out_of_range = query.page > result.pages
    body = {
        "count": result.total,
        "page": query.page if out_of_range else result.page,
        "pages": result.pages,
        "page_size": size,
        "results": [] if out_of_range else [feed.record(by_id[i], today) for i in ids],
        "facets": {
            facet.key: [
                {"value": o.value, "label": o.label, "count": o.count} for o in facet.options
            ]
            for facet in result.facets
        },
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={pages.PAGE_SECONDS}"
    return response


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # never a formula in a spreadsheet
    return "" if value is None else value


@router.get("/products.csv", summary="Danh sách sản phẩm OCOP (CSV, UTF-8)")
def products_csv(request):
    """The whole list (with the same filters as `/products`), UTF-8 with a BOM so Excel
    reads Vietnamese, one header row in Vietnamese."""
    query = _query(request)
    entries = search.filtered(query)

    def rows():
        yield "\ufeff"
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(f.header) for f in feed.FIELDS])
        for n, record in enumerate(feed.records(entries), start=1):
            writer.writerow([_cell(record[k]) for k in feed.KEYS])
            if n % 500 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    name = download_name("san-pham-ocop", ".csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/products.xlsx", summary="Danh sách sản phẩm OCOP (Excel)")
def products_xlsx(request):
    """The same list as the CSV, as an Excel workbook."""
    query = _query(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Sản phẩm OCOP"))
    bold = Font(bold=True)
    header = []
    for f in feed.FIELDS:
        cell = WriteOnlyCell(sheet, value=str(f.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for record in feed.records(search.filtered(query)):
        sheet.append([_cell(record[k]) for k in feed.KEYS])
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = download_name("san-pham-ocop", ".xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/products/{code}", summary="Một sản phẩm OCOP")
def product(request, code: str):
    """One certified product by its public code (`SP-…`), including expired and revoked ones
    (see `status`)."""
    entry = feed.prepare(Entry.objects.filter(code=code[:12].upper())).first()
    if entry is None:
        raise ApiError(
            404, _("Không có sản phẩm OCOP mã %(code)s.") % {"code": code[:40]}, "not_found"
        )
    return feed.record(entry, timezone.localdate())
