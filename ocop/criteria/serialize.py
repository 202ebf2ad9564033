"""JSON shapes shared by the API and the pages."""

from decimal import Decimal

from ocop.criteria import engine
from ocop.criteria.models import CriteriaSet


def number(value: Decimal) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(round(value, 2))


def product_set(cs: CriteriaSet) -> dict:
    ps = cs.product_set
    return {"number": ps.number, "code": ps.code, "name": ps.name}


def summary(cs: CriteriaSet) -> dict:
    return {
        "code": cs.code,
        "instrument": cs.instrument.number,
        "product_set": product_set(cs),
        "name": cs.name,
    }


def _criterion(c: dict) -> dict:
    out = {"code": c["code"], "name": c["name"]}
    if c.get("variants"):
        out["max_points"] = c["max_points"]
        out["choose_one"] = True
        out["criteria"] = [_criterion(v) for v in c["variants"]]
    elif c.get("criteria"):
        out["max_points"] = c["max_points"]
        out["criteria"] = [_criterion(x) for x in c["criteria"]]
    else:
        out["max_points"] = c.get("max_points") or max(o["points"] for o in c["options"])
        out["options"] = [
            {"code": o["code"], "text": o["text"], "points": o["points"], "min_star": o["min_star"]}
            for o in c["options"]
        ]
    notes = [n["text"] if isinstance(n, dict) else n for n in c.get("notes", [])]
    if notes:
        out["notes"] = notes
    return out


def detail(cs: CriteriaSet) -> dict:
    d = cs.definition
    return {
        **summary(cs),
        "max_points": d["max_points"],
        "sha256": cs.sha256,
        "rejection_conditions": d.get("rejection_conditions", []),
        "notes": [n["text"] if isinstance(n, dict) else n for n in d.get("notes", [])],
        "parts": [
            {
                "code": p["code"],
                "name": p["name"],
                "max_points": p["max_points"],
                "criteria": [_criterion(c) for c in p["criteria"]],
            }
            for p in d["parts"]
        ],
    }


def _unmet(items) -> list[dict]:
    return [
        {
            "criterion": u.criterion,
            "required_star": u.required_star,
            "required_points": number(u.required_points),
            "chosen_points": number(u.chosen_points),
        }
        for u in items
    ]


def result(r: engine.Result) -> dict:
    nxt = r.next_star
    return {
        "total": number(r.total),
        "parts": {code: number(v) for code, v in r.parts.items()},
        "band_stars": r.band_stars,
        "stars": r.stars,
        "certifiable": r.certifiable,
        "unmet_minimums": _unmet(r.unmet_minimums),
        "unanswered": list(r.unanswered),
        "next_star": None
        if nxt is None
        else {
            "stars": nxt.stars,
            "points_needed": number(nxt.points_needed),
            "reachable": nxt.reachable,
            "unmet_minimums": _unmet(nxt.unmet_minimums),
            "upgrades": [
                {
                    "criterion": u.criterion,
                    "from_option": u.from_option,
                    "to_option": u.to_option,
                    "gain": number(u.gain),
                }
                for u in nxt.upgrades
            ],
        },
    }
