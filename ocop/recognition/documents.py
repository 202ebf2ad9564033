"""The province's decisions and notices as PDF, in the layout of an administrative document
(Nghị định 30/2020/NĐ-CP), always in Vietnamese: a decision of the Chairman of the
provincial People's Committee (recognition, approval of a 5★ result, correction) with its
annex, and the notice of a 1★–2★ result (Điều 4.1.a, 7.3.g of 26/2026/QĐ-TTg). The
templates are in ``documents/`` (the legal wording lives there); the data is built below."""

from decimal import Decimal
from pathlib import Path

from django.utils import formats, timezone, translation

from ocop.criteria import presenter
from ocop.evaluation.enums import Level
from ocop.lib.pdf import render_pdf
from ocop.places.enums import ProvinceType
from ocop.recognition.enums import DecisionState
from ocop.recognition.models import Decision, Notice

TEMPLATES = Path(__file__).resolve().parent / "documents"
# Places named after a person keep their full name in the date line (Nghị định 30/2020).
FULL_NAMES = {"Hồ Chí Minh"}
CITY = "Thành phố "


def _num(value) -> str:
    """85,75 · 85 (Vietnamese decimal comma); "" for nothing."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value)).quantize(Decimal("0.01"))
    return formats.number_format(int(d) if d == d.to_integral_value() else d)


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def unit(province) -> str:
    """The province as it follows "Ủy ban nhân dân": "thành phố Hà Nội", "tỉnh Lâm Đồng"."""
    if province.type == ProvinceType.CITY:
        name = province.name if province.name.startswith(CITY) else CITY + province.name
        return _lower_first(name)
    return f"tỉnh {province.name}"


def place(province) -> str:
    """The place of the date line: "Hà Nội", "Lâm Đồng", "Thành phố Hồ Chí Minh"."""
    short = province.name.removeprefix(CITY)
    return province.name if short in FULL_NAMES else short


MINISTRY = "Bộ Nông nghiệp và Môi trường"
MINISTRY_PLACE = "Hà Nội"


def _signer(signer: str, *, ministry: bool = False) -> dict:
    """The signature's title lines: a deputy signs on behalf (KT. Chủ tịch, KT. Bộ trưởng)."""
    low = signer.lower()
    if ministry:
        titles = ["KT. Bộ trưởng", "Thứ trưởng"] if "thứ trưởng" in low else ["Bộ trưởng"]
    else:
        titles = ["KT. Chủ tịch", "Phó Chủ tịch"] if "phó chủ tịch" in low else ["Chủ tịch"]
    return {"titles": titles, "name": signer}


def _instruments(criteria_sets) -> list[dict]:
    instruments = {cs.instrument for cs in criteria_sets}
    return [
        {"number": i.number, "signed_on": _date(i.signed_on), "title": _lower_first(i.title)}
        for i in sorted(instruments, key=lambda i: i.signed_on)
    ]


def _council(council) -> dict:
    return {
        "name": council.name,
        "decision_number": council.decision_number,
        "decision_date": _date(council.decision_date),
        "decision_signer": council.decision_signer,
    }


def _round_name(rnd) -> str:
    return f"{rnd} (đợt bổ sung)" if rnd.extra else str(rnd)


def decision(d: Decision) -> dict:
    rnd = d.round
    lines = list(
        d.lines.select_related(
            "evaluation__dossier__criteria_set__instrument",
            "evaluation__dossier__commune",
            "evaluation__dossier__province",
        )
    )
    closed = [line.evaluation.closed_at for line in lines if line.evaluation.closed_at]
    communes = {line.commune_name: None for line in lines}
    corrects = d.corrects
    ministry = d.by_ministry
    return {
        "kind": d.kind,
        "authority": "ministry" if ministry else "province",
        "draft": d.state == DecisionState.DRAFT,
        "number": d.number,
        "date": _date(d.signed_on),
        "year": str(rnd.year),
        "unit": "" if ministry else unit(d.province),
        "place": MINISTRY_PLACE if ministry else place(d.province),
        "signer": _signer(d.signer, ministry=ministry),
        "central_result": rnd.council.level == Level.CENTRAL and not ministry,
        "instruments": _instruments(line.evaluation.dossier.criteria_set for line in lines),
        "council": _council(rnd.council),
        "round": _round_name(rnd),
        "closed_on": _date(timezone.localtime(max(closed)).date()) if closed else "",
        "corrects": {
            "number": corrects.number,
            "date": _date(corrects.signed_on),
            "kind": corrects.kind,
            "year": str(corrects.round.year),
        }
        if corrects
        else None,
        "reason": d.reason,
        "communes": [_lower_first(name) for name in communes],
        "lines": [
            {
                "province": line.evaluation.dossier.province.name,
                "product": line.product_name,
                "code": line.product_code,
                "producer": line.producer_name,
                "commune": line.commune_name,
                "product_set": line.product_set,
                "score": _num(line.score),
                "stars": str(line.stars),
            }
            for line in lines
        ],
    }


def render_decision(d: Decision) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "decision.typ", decision(d))


def notice(n: Notice) -> dict:
    evaluation = n.evaluation
    dossier, rnd = evaluation.dossier, evaluation.round
    province = dossier.province
    central = rnd.council.level == Level.CENTRAL
    cs = dossier.criteria_set
    sheet = presenter.present(cs)
    nxt = (evaluation.result or {}).get("next_star") or {}
    return {
        "authority": "ministry" if central else "province",
        "number": n.number,
        "date": _date(n.signed_on),
        "unit": unit(province),
        "place": MINISTRY_PLACE if central else place(province),
        "instruments": _instruments([cs]),
        "council": _council(rnd.council),
        "round": _round_name(rnd),
        "product": {
            "name": dossier.product.name,
            "code": dossier.product.ocop_code or "",
            "producer": dossier.producer.name,
            "commune": _lower_first(dossier.commune.name),
            "product_set": f"{cs.product_set.number}. {cs.product_set.name}",
        },
        "score": _num(n.score),
        "stars": str(n.stars),
        "next": {"stars": str(nxt["stars"]), "points_needed": _num(nxt.get("points_needed"))}
        if nxt.get("stars")
        else None,
        "improvements": [
            {
                "criterion": u.get("criterion", ""),
                "name": sheet.name_of(u.get("criterion", "")),
                "to_text": sheet.option_text(u.get("criterion", ""), u.get("to_option", "")),
                "gain": _num(u.get("gain")),
            }
            for u in n.improvements or []
        ],
    }


def render_notice(n: Notice) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "notice.typ", notice(n))


def letter(package) -> dict:
    """The province's letter to the ministry (Điều 6.3): the product and the papers sent."""
    from ocop.recognition import packages

    dossier = package.dossier
    cs = dossier.criteria_set
    approval = package.approval
    score = _num(approval.score) if approval else ""
    standing = packages.five_star_lines().filter(evaluation__dossier=dossier.based_on).first()
    attached = packages.latest_files(package)
    return {
        "kind": package.kind,
        "number": package.letter_number,
        "date": _date(package.letter_date),
        "unit": unit(package.province),
        "place": place(package.province),
        "signer": _signer(package.letter_signer or "Chủ tịch"),
        "approval": {
            "number": approval.decision.number,
            "date": _date(approval.decision.signed_on),
        }
        if approval
        else None,
        "product": {
            "name": dossier.product.name,
            "producer": dossier.producer.name,
            "commune": dossier.commune.name,
            "product_set": f"{cs.product_set.number}. {cs.product_set.name}",
            "score": score if approval else ("5 sao" if standing else ""),
        },
        "items": [
            f"{package.samples_sent:02d} sản phẩm mẫu do chủ thể OCOP cung cấp"
            if item == "samples"
            else str(item.label).removesuffix(" (nếu có)")
            for item in packages.items_of(package)
            if item != "letter" and (item != "extra_tests" or item in attached)
        ],
    }


def render_letter(package) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "letter.typ", letter(package))
