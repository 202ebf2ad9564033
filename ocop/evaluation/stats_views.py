"""How a council scores, for its office: per round and per council, the spread of totals
and stars, each member's deviation from the products' means, the criteria members disagree
on most and the gap to the producers' self-assessment (``statistics`` computes them)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from ocop.criteria import engine
from ocop.dossiers.queries import latest_submitted_version
from ocop.evaluation import queries, rules, statistics
from ocop.evaluation.models import Evaluation, ScoreSheet


def _points(tree: engine.Sheet, answers: dict) -> dict[str, float]:
    """Each answered leaf's points, keyed by the set's code and the criterion's."""
    out = {}
    for code, option_code in (answers or {}).items():
        try:
            leaf = tree.leaf(code)
        except engine.EvaluationError:
            continue
        option = next((o for o in leaf.options if o.code == option_code), None)
        if option is not None:
            out[f"{tree.code}|{code}"] = float(option.points)
    return out


def _self_total(dossier) -> float | None:
    version = latest_submitted_version(dossier)
    total = (version.result or {}).get("total") if version is not None else None
    return float(total) if total is not None else None


def _inputs(evaluations):
    """The products with their submitted sheets, and labels for members and criteria."""
    evaluations = list(
        evaluations.select_related(
            "dossier__product", "dossier__producer", "dossier__criteria_set__product_set"
        ).order_by("pk")
    )
    sheets: dict[int, list[ScoreSheet]] = {}
    submitted = ScoreSheet.objects.filter(
        evaluation__in=[e.pk for e in evaluations], submitted_at__isnull=False
    ).select_related("member__user")
    for s in submitted.order_by("pk"):
        sheets.setdefault(s.evaluation_id, []).append(s)
    members, criteria, products = {}, {}, []
    for e in evaluations:
        criteria_set = e.dossier.criteria_set
        tree = criteria_set.sheet()
        rows = []
        for s in sheets.get(e.pk, []):
            if "total" not in (s.result or {}):
                continue
            members[str(s.member_id)] = s.member
            points = _points(tree, s.answers)
            for key in points:
                if key not in criteria:
                    leaf = tree.leaf(key.split("|", 1)[1])
                    criteria[key] = {
                        "code": leaf.code,
                        "name": leaf.name,
                        "set": criteria_set.product_set.number,
                        "max": leaf.max_points,
                    }
            rows.append(
                statistics.MemberSheet(
                    str(s.member_id),
                    float(s.result["total"]),
                    int(s.result.get("stars") or 0),
                    points,
                )
            )
        products.append(
            statistics.ProductScores(e.code, e.dossier.product.name, rows, _self_total(e.dossier))
        )
    return products, members, criteria, {e.code: e for e in evaluations}


def _page(request, *, council, rnd, evaluations):
    products, members, criteria, by_code = _inputs(evaluations)
    stats = statistics.summarize(products)
    return render(
        request,
        "evaluation/statistics.html",
        {
            "council": council,
            "round": rnd,
            "stats": stats,
            "members": [(members[m.member], m) for m in stats.members],
            "criteria": [(criteria[c.criterion], c) for c in stats.criteria],
            "gaps": [(by_code[g.product], g) for g in stats.gaps],
        },
    )


@login_required
def round_statistics(request, code: str):
    rnd = queries.round_for(request.user, code)
    if not rules.can_manage_council(request.user, rnd.council):
        raise Http404  # the members do not see how their colleagues score
    return _page(
        request,
        council=rnd.council,
        rnd=rnd,
        evaluations=Evaluation.objects.filter(round=rnd),
    )


@login_required
def council_statistics(request, code: str):
    council = queries.council_for(request.user, code)
    if not rules.can_manage_council(request.user, council):
        raise Http404
    return _page(
        request,
        council=council,
        rnd=None,
        evaluations=Evaluation.objects.filter(round__council=council),
    )
