"""Mẫu 01, 02 and 03 of Phụ lục III as PDF, filled from the dossier, and the commune's
proposal letter (Điều 6.2.a; no form is given for it, so it follows the layout of an
administrative letter). Always in Vietnamese: they are legal documents. The templates are in
``documents/``; the data shapes are below."""

from pathlib import Path

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone, translation

from ocop.criteria import presenter
from ocop.dossiers import content
from ocop.dossiers.models import CommuneAssessment, Dossier, DossierVersion
from ocop.lib.pdf import render_pdf
from ocop.producers.snapshot import snapshot

TEMPLATES = Path(__file__).resolve().parent / "documents"
FORMS = ("mau01", "mau02", "mau03")  # downloadable as they stand; the letter is attached
PAPER_AND_ELECTRONIC = "01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử"
ELECTRONIC_ONLY = "01 bộ hồ sơ điện tử"


def _date(value) -> str | None:
    return value.strftime("%d/%m/%Y") if value else None


def _local_date(value) -> str | None:
    return _date(timezone.localtime(value).date()) if value else None


def _producer(dossier: Dossier, version: DossierVersion) -> dict:
    """The producer as filed (the frozen snapshot), or as it is now for an open draft."""
    return version.producer_snapshot or snapshot(dossier.producer)


def _version_for_forms(dossier: Dossier) -> DossierVersion:
    """The last submitted version (what the offices received), else the open draft."""
    return (
        dossier.versions.filter(submitted_at__isnull=False).order_by("-number").first()
        or dossier.versions.order_by("-number").first()
    )


def mau01(dossier: Dossier) -> dict:
    version = _version_for_forms(dossier)
    p = _producer(dossier, version)
    ps = dossier.criteria_set.product_set
    samples = content.value(version.content, "mau01", "samples")
    province_name = dossier.province.name

    def receipt(number, at, by, received=None):
        if not number:
            return None
        return {
            "number": number,
            "received_on": _local_date(at),
            "receiver": str(by or ""),
            "received": received,
        }

    return {
        "province_name": province_name,
        "year": dossier.year,
        "unit": {
            "name": p["name"],
            "representative": p["representative_name"],
            "title": p["representative_title"],
            "address": f"{p['address']}, {p['commune']}",
            "phone": p["phone"],
            "email": p["email"],
        },
        "product_name": dossier.product.name,
        "classification": {
            "sector": str(ps.group.sector),
            "group": str(ps.group),
            "subgroup": f"{ps.code}. {ps.name}",
        },
        "kind": dossier.kind,
        "samples": f"{samples:02d}"
        if samples and ps.samples_required
        else "Không áp dụng (sản phẩm dịch vụ du lịch)"
        if not ps.samples_required
        else "",
        "place": content.value(version.content, "mau01", "place") or dossier.commune.name,
        "signed_on": _local_date(version.submitted_at),
        "representative": p["representative_name"],
        "receipts": {
            "commune": receipt(
                dossier.commune_receipt_number,
                dossier.commune_received_at,
                dossier.commune_received_by,
                PAPER_AND_ELECTRONIC
                if dossier.paper_set_received
                else f"{ELECTRONIC_ONLY} (chưa nhận bộ hồ sơ giấy)",
            ),
            "province": receipt(
                dossier.province_receipt_number,
                dossier.province_received_at,
                dossier.province_received_by,
            ),
        },
        "receipt_pattern": (
            f"……-……/PĐK-{dossier.province.code}-{dossier.commune.code}-{dossier.year}"
        ),
        "footnote": "Theo Phụ lục I về Danh mục phân loại sản phẩm tham gia đánh giá, "
        "phân hạng sản phẩm OCOP.",
    }


def _evidence(d, today) -> dict:
    return {
        "title": d.title,
        "kind": d.get_kind_display(),
        "expires_on": _date(d.expires_on),
        "expired": d.is_expired(today),
    }


def _rows(dossier, version, today) -> tuple[list[dict], presenter.SheetView]:
    """Part III as the rows of the printed table (one walk of the sheet, the presenter's)."""
    links = version.links.select_related("document")
    sheet = presenter.present(
        dossier.criteria_set,
        answers=version.answers,
        notes=version.notes,
        evidence=presenter.evidence_by_criterion(links),
    )
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "level": r.depth,
            "is_heading": not r.is_leaf,
            "choice": r.chosen.text if r.chosen else "",
            "points": str(r.chosen.points) if r.chosen else "",
            "max": str(r.max_points),
            "note": r.note,
            "evidence": [_evidence(d, today) for d in r.evidence],
        }
        for r in sheet.rows()
    ]
    return rows, sheet


def _shown(field: content.Field, value) -> str:
    if value is None or value == "":
        return ""
    if field.kind == content.NUMBER:
        return intcomma(int(value))
    if field.kind == content.CHECK:
        return "Có" if value else "Không"
    return str(value)


def _kind_sections(dossier: Dossier, version: DossierVersion, today) -> list[dict]:
    """The sections of this kind of dossier only: an upgrade's changes (Điều 6.1.b), a
    re-evaluation's updates (Điều 6.1.c), each with the evidence linked to it."""
    out = []
    for s in content.sections_for(dossier.kind):
        if s.kinds is None:
            continue
        links = version.links.filter(criterion=s.key).select_related("document")
        out.append(
            {
                "title": str(s.title),
                "fields": [
                    {
                        "label": str(f.label),
                        "value": _shown(f, content.value(version.content, s.key, f.key)),
                    }
                    for f in s.fields
                ],
                "evidence": [_evidence(link.document, today) for link in links]
                if s.evidence
                else None,
            }
        )
    return out


def mau02(dossier: Dossier) -> dict:
    version = _version_for_forms(dossier)
    p = _producer(dossier, version)
    today = timezone.localdate()
    rows, sheet = _rows(dossier, version, today)
    result = version.result or {}
    part1 = version.content.get("part1") or {}
    part2 = version.content.get("part2") or {}
    base = dossier.based_on.versions.order_by("-number").first() if dossier.based_on else None
    documents = {}
    for link in version.links.select_related("document"):
        documents.setdefault(link.document_id, link.document)
    stars = result.get("stars") or 0
    return {
        "product_name": dossier.product.name,
        "version": f"Phiên bản {version.number}"
        + (f", nộp ngày {_local_date(version.submitted_at)}" if version.submitted_at else ""),
        "kind_label": str(dossier.get_kind_display()),
        "part1": {
            "producer_name": p["name"],
            "legal_type": p["legal_type"],
            "address": f"{p['address']}, {p['commune']}",
            "phone": p["phone"],
            "email": p["email"],
            "representative_name": p["representative_name"],
            "gender": p["representative_gender"],
            "ethnicity": p["representative_ethnicity"],
            "permanent_address": part1.get("representative_address") or "",
            "founded_on": p["founded_on"],
            "registration_number": p["registration_number"],
            "product_description": part1.get("product_description") or "",
            "checks": {
                key: bool(part1.get(key))
                for key in (
                    "business_registration",
                    "quality_declaration",
                    "food_safety_certificate",
                    "production_condition_certificate",
                    "ip_registered",
                    "trademark",
                    "gi_collective_certification_mark",
                    "patent",
                    "industrial_design",
                    "copyright",
                )
            }
            | {"ip_other": part1.get("ip_other") or ""},
            "history": part1.get("history") or "",
            "structure": part1.get("structure") or "",
        },
        "part2": {
            "raw_materials_technology": part2.get("raw_materials_technology") or "",
            "quality_changes": part2.get("quality_changes") or "",
            "markets": part2.get("markets") or "",
            "results": part2.get("results") or "",
            "financials": [
                {
                    "year": str(f["year"]),
                    "revenue": intcomma(int(float(f["revenue"]))),
                    "profit": intcomma(int(float(f["profit"]))),
                }
                for f in p.get("financials", [])
            ],
        },
        "part3": {
            "criteria_set": f"Bộ số {dossier.criteria_set.product_set.number}: "
            f"{dossier.criteria_set.name} · {dossier.criteria_set.instrument.number}",
            "rows": rows,
            "parts": [
                {
                    "code": part.code,
                    "name": part.name,
                    "score": str((result.get("parts") or {}).get(part.code, 0)),
                    "max": str(part.max_points),
                }
                for part in sheet.parts
            ],
            "total": str(result.get("total", 0)),
            "stars": stars,
            "stars_text": f"{stars} sao",
        },
        "changes": [
            {"field": str(f.label), "before": str(old or ""), "after": str(new or "")}
            for _s, f, old, new in content.changes(base.content, version.content, content.COMMON)
        ]
        if base
        else [],
        "kind_sections": _kind_sections(dossier, version, today),
        "evidence_appendix": [
            {
                "number": i,
                "title": d.title,
                "kind": str(d.get_kind_display()),
                "issued_on": _date(d.issued_on),
                "expires_on": _date(d.expires_on),
                "expired": d.is_expired(today),
                "sha256": d.sha256[:16],
            }
            for i, d in enumerate(documents.values(), start=1)
        ],
        "part4": (version.content.get("part4") or {}).get("plan") or "",
        "place": content.value(version.content, "mau01", "place") or dossier.commune.name,
        "signed_on": _local_date(version.submitted_at),
        "representative": p["representative_name"],
    }


def mau03(dossier: Dossier) -> dict:
    version = _version_for_forms(dossier)
    p = _producer(dossier, version)
    a = CommuneAssessment.objects.filter(dossier=dossier).first() or CommuneAssessment()
    part1 = version.content.get("part1") or {}
    commune, province = dossier.commune.name, dossier.province.name
    return {
        "commune_name": commune,
        "province_name": province,
        "number": a.report_number or None,  # the report's own, never the letter's
        "general": {
            "producer_name": p["name"],
            "legal_type": p["legal_type"],
            "address": f"{p['address']}, {p['commune']}",
            "representative_name": p["representative_name"],
            "gender": p["representative_gender"],
            "ethnicity": p["representative_ethnicity"],
            "permanent_address": part1.get("representative_address") or "",
        },
        "product_name": dossier.product.name,
        "assessments": {
            "raw_materials": a.raw_materials,
            "labour": a.labour,
            "idea_origin": a.idea_origin,
            "identity": a.identity,
        },
        "proposal": f"Ủy ban nhân dân {commune} đề nghị Ủy ban nhân dân {province} đánh giá, "
        f"phân hạng sản phẩm OCOP cho sản phẩm {dossier.product.name} của {p['name']}.",
        "place": commune,
        "signed_on": _date(a.letter_date),
        "signer": a.signer or None,
    }


def letter(dossier: Dossier) -> dict:
    """The commune's letter proposing the dossier to the province (Điều 6.2.a), with what it
    sends (Điều 6.2, 7.2.b): Mẫu 03, the product dossier, the samples."""
    version = _version_for_forms(dossier)
    p = _producer(dossier, version)
    a = CommuneAssessment.objects.filter(dossier=dossier).first() or CommuneAssessment()
    ps = dossier.criteria_set.product_set
    instrument = dossier.criteria_set.instrument
    commune, province = dossier.commune.name, dossier.province.name
    title = instrument.title[:1].lower() + instrument.title[1:]
    sets = PAPER_AND_ELECTRONIC if dossier.paper_set_received else ELECTRONIC_ONLY
    enclosures = [
        "Báo cáo đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng "
        "sản phẩm OCOP (Mẫu số 03);",
        "Hồ sơ sản phẩm (Phiếu đăng ký theo Mẫu số 01, Báo cáo tự đánh giá theo Mẫu số 02 "
        f"và tài liệu kèm theo): {sets}" + (";" if ps.samples_required else "."),
    ]
    if ps.samples_required:
        enclosures.append(f"{a.samples_received:02d} sản phẩm mẫu do chủ thể cung cấp.")
    received = ""
    if dossier.commune_receipt_number:
        received = (
            f"Ủy ban nhân dân {commune} đã tiếp nhận hồ sơ đăng ký tham gia đánh giá, phân "
            f"hạng sản phẩm OCOP của {p['name']} (phiếu số {dossier.commune_receipt_number} "
            f"ngày {_local_date(dossier.commune_received_at)}) và đã đánh giá một số nội dung "
            "của hồ sơ theo Mẫu số 03."
        )
    return {
        "commune_name": commune,
        "province_name": province,
        "number": a.letter_number or None,
        "date": _date(a.letter_date),
        "place": commune,
        "basis": f"Căn cứ Quyết định số {instrument.number} ngày "
        f"{_date(instrument.signed_on)} {title};",
        "received": received,
        "product": {
            "name": dossier.product.name,
            "product_set": f"Bộ số {ps.number}: {ps.name}",
            "kind": str(dossier.get_kind_display()),
            "producer_name": p["name"],
            "address": f"{p['address']}, {p['commune']}",
        },
        "enclosures": enclosures,
        "signer": a.signer or None,
    }


BUILDERS = {"mau01": mau01, "mau02": mau02, "mau03": mau03, "letter": letter}


def render(dossier: Dossier, form: str) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / f"{form}.typ", BUILDERS[form](dossier))
