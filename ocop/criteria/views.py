"""The public self-assessment ("Tự đánh giá sản phẩm") and the staff view of the sheets.

Answers live in the URL query (``?1.1=1.1-3&2.2=2.2-1``): the page works without JavaScript,
a reload keeps them, and a result can be bookmarked, shared, printed or downloaded as PDF.
"""

from decimal import Decimal
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ocop.accounts import rules
from ocop.criteria import engine, queries, serialize
from ocop.legal.queries import sectors_with_groups
from ocop.lib.pdf import render_pdf
from ocop.lib.text import fold

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _set_or_404(code: str):
    cs = queries.published_sets().filter(code=code).first()
    if cs is None:
        raise Http404
    return cs


def _answers(request, sheet: engine.Sheet) -> dict[str, str]:
    leaves = {leaf.code for leaf in sheet.leaves()}
    return {k: v for k, v in request.GET.items() if k in leaves and v}


def _annotate(tree: dict, answers: dict[str, str]) -> dict:
    """Mark the chosen option of every leaf, for the radio buttons."""

    def walk(criteria):
        for c in criteria:
            if "options" in c:
                c["chosen"] = answers.get(c["code"], "")
                for o in c["options"]:
                    o["checked"] = o["code"] == c["chosen"]
            walk(c.get("criteria", []))

    for part in tree["parts"]:
        walk(part["criteria"])
    return tree


def choose_set(request):
    """Pick the product set: the classification tree, filtered by a search that folds accents."""
    q = request.GET.get("q", "").strip()
    sets = list(queries.published_sets())
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
    tree = _annotate(serialize.detail(cs), answers)
    return render(
        request,
        "criteria/sheet_form.html",
        {
            "cs": cs,
            "tree": tree,
            "running_total": _chosen_points(cs.sheet(), answers),
            "error": error,
        },
        status=status,
    )


def _outcome(request, code: str):
    """(criteria set, tree, result dict, answers), or an error page to return instead."""
    cs = _set_or_404(code)
    sheet = cs.sheet()
    answers = _answers(request, sheet)
    try:
        outcome = engine.evaluate(sheet, answers)
    except engine.TwoCasesAnswered as exc:
        message = _("Tiêu chí %(code)s chỉ được chọn một trong hai trường hợp.") % {
            "code": exc.code
        }
        return None, sheet_form(request, code, error=message, status=400)
    except engine.EvaluationError as exc:
        message = _("Câu trả lời không hợp lệ: %(code)s.") % {"code": exc.code}
        return None, sheet_form(request, code, error=message, status=400)
    tree = serialize.detail(cs)
    names, texts = serialize.labels(tree)
    data = serialize.result(outcome)
    for item in data["unmet_minimums"] + (data["next_star"] or {}).get("unmet_minimums", []):
        item["name"] = names[item["criterion"]]
    if data["next_star"]:
        for u in data["next_star"]["upgrades"]:
            u["name"] = names[u["criterion"]]
            u["to_text"] = texts[u["to_option"]]
    data["unanswered_names"] = [(c, names[c]) for c in data["unanswered"]]
    data["answer_rows"] = [
        {"code": c, "name": names[c], "choice": texts[o], "points": _option_points(sheet, c, o)}
        for c, o in answers.items()
    ]
    return (cs, tree, data, answers), None


def _chosen_points(sheet: engine.Sheet, answers: dict[str, str]):
    """The sum of the chosen options' points, as the running total shows it (JS or not)."""
    total = sum(
        (o.points for c, code in answers.items() for o in sheet.leaf(c).options if o.code == code),
        Decimal(0),
    )
    return serialize.number(total)


def _option_points(sheet: engine.Sheet, criterion: str, option: str):
    leaf = sheet.leaf(criterion)
    return serialize.number(next(o.points for o in leaf.options if o.code == option))


def result(request, code: str):
    found, error = _outcome(request, code)
    if error:
        return error
    cs, tree, data, answers = found
    query = urlencode(answers)
    return render(
        request,
        "criteria/result.html",
        {
            "cs": cs,
            "tree": tree,
            "result": data,
            "star_range": range(1, 6),
            "edit_url": f"{reverse('criteria:sheet', args=[cs.code])}?{query}",
            "query": query,
            "unanswered_names": data["unanswered_names"],
        },
    )


def result_pdf(request, code: str):
    found, error = _outcome(request, code)
    if error:
        return error
    cs, tree, data, _answers_ = found
    scores = data["parts"]
    verdict = (
        _("Sản phẩm có thể đạt %(n)s sao OCOP.")
        if data["certifiable"]
        else _("Sản phẩm chỉ đạt %(n)s sao: chưa đủ điều kiện công nhận OCOP (cần từ 3 sao).")
    ) % {"n": data["stars"]}
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
                "score": scores[p["code"]],
                "max": p["max_points"],
            }
            for p in tree["parts"]
        ],
        "unmet": [
            {
                "criterion": u["criterion"],
                "name": u["name"],
                "text": _("cần ít nhất %(need)s điểm cho %(star)s sao, hiện có %(got)s.")
                % {
                    "need": u["required_points"],
                    "star": u["required_star"],
                    "got": u["chosen_points"],
                },
            }
            for u in data["unmet_minimums"]
        ],
        "upgrades": [
            {
                "criterion": u["criterion"],
                "name": u["name"],
                "gain": u["gain"],
                "text": u["to_text"],
            }
            for u in (data["next_star"] or {}).get("upgrades", [])
        ]
        if data["next_star"] and data["next_star"]["reachable"]
        else [],
        "answers": data["answer_rows"],
        "labels": {
            "total": _("Tổng điểm"),
            "stars": _("Xếp hạng"),
            "unmet": _("Yêu cầu tối thiểu chưa đạt"),
            "next": _("Để đạt %(n)s sao") % {"n": (data["next_star"] or {}).get("stars", "")},
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
    if not (rules.is_office_user(request.user) or rules.is_council_member(request.user)):
        raise Http404
    return render(request, "criteria/staff_list.html", {"sets": queries.published_sets()})


@login_required
def staff_sheet(request, code: str):
    if not (rules.is_office_user(request.user) or rules.is_council_member(request.user)):
        raise Http404
    cs = _set_or_404(code)
    return render(request, "criteria/staff_sheet.html", {"cs": cs, "tree": serialize.detail(cs)})
