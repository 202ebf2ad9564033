"""The public self-assessment ("Tự đánh giá sản phẩm") and the staff view of the sheets.

Answers live in the URL query (``?1.1=1.1-3&2.2=2.2-1``): the page works without JavaScript,
a reload keeps them, and a result can be bookmarked, shared, printed or downloaded as PDF.
"""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ocop.criteria import engine, messages, presenter, queries, rules, serialize
from ocop.legal.queries import sectors_with_groups
from ocop.lib import memo
from ocop.lib.pdf import render_pdf
from ocop.lib.text import fold

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _set_or_404(code: str):
    cs = queries.memo_set(code)
    if cs is None:
        raise Http404
    return cs


def _answers(request, sheet: engine.Sheet) -> dict[str, str]:
    leaves = {leaf.code for leaf in sheet.leaves()}
    return {k: v for k, v in request.GET.items() if k in leaves and v}


def choose_set(request):
    """Pick the product set: the classification tree, filtered by a search that folds accents."""
    q = request.GET.get("q", "").strip()
    sets = queries.memo_sets()
    if q:
        folded = fold(q)
        sets = [cs for cs in sets if folded in cs.product_set.search_text]
    by_group: dict[int, list] = {}
    for cs in sets:
        by_group.setdefault(cs.product_set.group_id, []).append(cs)
    sectors = []
    for sector in sectors_with_groups():
        groups = [(g, by_group[g.pk]) for g in sector.groups.all() if g.pk in by_group]
        if groups:
            sectors.append((sector, groups))
    return render(
        request, "criteria/choose_set.html", {"sectors": sectors, "q": q, "count": len(sets)}
    )


def sheet_form(request, code: str, error: str = "", status: int = 200):
    cs = _set_or_404(code)
    answers = _answers(request, cs.sheet())
    if answers or error:
        return _sheet_page(request, cs, presenter.present(cs, answers=answers), error, status)
    # The blank sheet, as everyone first opens it: its rows and HTML made once per process and
    # language, and for anonymous visitors the whole page (lib.memo).
    key = ("blank sheet", code, get_language())
    sheet = queries.memo_derived(key, lambda: presenter.present(cs, answers={}))
    html = queries.memo_derived((*key, "html"), lambda: _sheet_html(sheet))
    return memo.anonymous_page(
        request, key, lambda: _sheet_page(request, cs, sheet, "", 200, sheet_html=html)
    )


def _sheet_html(sheet):
    context = {"sheet": sheet, "input_prefix": "", "editable": True, "with_evidence": False}
    return render_to_string("criteria/_sheet.html", context)


def _sheet_page(request, cs, sheet, error, status, sheet_html=None):
    return render(
        request,
        "criteria/sheet_form.html",
        {
            "cs": cs,
            "sheet": sheet,
            "sheet_html": _sheet_html(sheet) if sheet_html is None else sheet_html,
            "running_total": sheet.chosen_points(),
            "error": error,
        },
        status=status,
    )


def _outcome(request, code: str):
    """(criteria set, sheet view, result, answers), or an error page to return instead."""
    cs = _set_or_404(code)
    answers = _answers(request, cs.sheet())
    try:
        outcome = engine.evaluate(cs.sheet(), answers)
    except engine.EvaluationError as exc:
        return None, sheet_form(request, code, error=messages.evaluation_error(exc), status=400)
    sheet = presenter.present(cs, answers=answers)
    return (cs, sheet, presenter.result_view(serialize.result(outcome), sheet), answers), None


def result(request, code: str):
    found, error = _outcome(request, code)
    if error:
        return error
    cs, sheet, data, answers = found
    query = urlencode(answers)
    return render(
        request,
        "criteria/result.html",
        {
            "cs": cs,
            "sheet": sheet,
            "result": data,
            "star_range": range(1, 6),
            "edit_url": f"{reverse('criteria:sheet', args=[cs.code])}?{query}",
            "query": query,
        },
    )


def _minimum_text(u) -> str:
    return _("cần ít nhất %(need)s điểm cho %(star)s sao, hiện có %(got)s.") % {
        "need": u["required_points"],
        "star": u["required_star"],
        "got": u["chosen_points"],
    }


def result_pdf(request, code: str):
    found, error = _outcome(request, code)
    if error:
        return error
    cs, sheet, data, _answers_ = found
    verdict = (
        _("Sản phẩm có thể đạt %(n)s sao OCOP.")
        if data["certifiable"]
        else _("Sản phẩm chỉ đạt %(n)s sao: chưa đủ điều kiện công nhận OCOP (cần từ 3 sao).")
    ) % {"n": data["stars"]}
    nxt = data["next_star"] or {}
    minimums = [
        {
            "title": title,
            "items": [
                {"criterion": u["criterion"], "name": u["name"], "text": _minimum_text(u)}
                for u in items
            ],
        }
        for title, items in presenter.minimum_sections(data)
    ]
    document = {
        "title": _("Kết quả tự đánh giá sản phẩm OCOP"),
        "subtitle": f"{cs.product_set.number}. {cs.name} · {cs.instrument.number}",
        "footer": _("Chương trình OCOP · Tự đánh giá, chỉ để tham khảo"),
        "total": data["total"],
        "stars_text": _("%(n)s sao") % {"n": data["stars"]} + " " + "★" * data["stars"],
        "verdict": verdict,
        "parts": [
            {
                "code": p["code"],
                "name": p["name"].capitalize(),
                "score": p["score"],
                "max": p["max"],
            }
            for p in data["part_scores"]
        ],
        "minimums": minimums,
        "upgrades": [
            {
                "criterion": u["criterion"],
                "name": u["name"],
                "gain": u["gain"],
                "text": u["to_text"],
            }
            for u in nxt.get("upgrades", [])
        ]
        if nxt.get("reachable")
        else [],
        "answers": [
            {"code": r.code, "name": r.name, "choice": r.chosen.text, "points": r.chosen.points}
            for r in sheet.leaves()
            if r.chosen
        ],
        "labels": {
            "total": _("Tổng điểm"),
            "stars": _("Xếp hạng"),
            "next": _("Để đạt %(n)s sao") % {"n": nxt.get("stars", "")},
            "answers": _("Các phương án đã chọn"),
            "code": _("Mã"),
            "criterion": _("Tiêu chí"),
            "points": _("Điểm"),
        },
        "disclaimer": _(
            "Kết quả tự đánh giá chỉ để tham khảo; "
            "hội đồng cấp tỉnh, trung ương đánh giá chính thức."
        ),
    }
    pdf = render_pdf(DOCUMENTS / "self_assessment.typ", document)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tu-danh-gia-{cs.code}.pdf"'
    return response


@login_required
def staff_list(request):
    if not rules.can_view_sheets(request.user):
        raise Http404
    return render(request, "criteria/staff_list.html", {"sets": queries.memo_sets()})


@login_required
def staff_sheet(request, code: str):
    if not rules.can_view_sheets(request.user):
        raise Http404
    cs = _set_or_404(code)
    return render(request, "criteria/staff_sheet.html", {"cs": cs, "sheet": presenter.present(cs)})
