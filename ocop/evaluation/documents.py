"""The council's paperwork as PDF, filled from its data (always in Vietnamese: they are the
records of a legal procedure, QĐ 26/2026/QĐ-TTg): a member's signed score sheet (Phụ lục
II "kiêm phiếu đánh giá"), the minutes of a round, its result table and the advisory team's
report on a product. The templates are in ``documents/``; the data shapes are built below.
The table's rows are shared with the Excel export (``exports``)."""

from decimal import Decimal
from pathlib import Path
from statistics import mean
from zoneinfo import ZoneInfo

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ocop.criteria import presenter
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.queries import latest_submitted_version
from ocop.evaluation import actions, rules
from ocop.evaluation.advisory import latest_report
from ocop.evaluation.enums import FINISHED, Body, EvaluationState, Level, MemberRole
from ocop.evaluation.models import Evaluation, Round, ScoreSheet
from ocop.lib.pdf import render_pdf
from ocop.producers.snapshot import snapshot

TEMPLATES = Path(__file__).resolve().parent / "documents"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _num(value) -> str:
    """85,75 · 85 (Vietnamese decimal comma); "" for nothing."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value)).quantize(Decimal("0.01"))
    return formats.number_format(int(d) if d == d.to_integral_value() else d)


def _lower_first(text: str) -> str:
    """ "Ban hành Bộ tiêu chí …" → "ban hành Bộ tiêu chí …", as it reads after "Căn cứ …"."""
    return text[:1].lower() + text[1:]


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _local(value, fmt: str = "%d/%m/%Y %H:%M") -> str:
    return value.astimezone(VIETNAM).strftime(fmt) if value else ""


def _round_name(rnd: Round) -> str:
    name = str(rnd)
    return f"{name} ({_('đợt bổ sung')})" if rnd.extra else name


def _council(council) -> dict:
    return {
        "name": council.name,
        "level": str(council.get_level_display()),
        "place": council.province.name if council.level == Level.PROVINCE else "",
        "decision": _("Quyết định số %(number)s ngày %(date)s của %(signer)s")
        % {
            "number": council.decision_number,
            "date": _date(council.decision_date),
            "signer": council.decision_signer,
        },
        "regulation_reference": council.regulation_reference,
    }


def _product(evaluation: Evaluation) -> dict:
    dossier = evaluation.dossier
    ps = dossier.criteria_set.product_set
    return {
        "name": dossier.product.name,
        "ocop_code": dossier.product.ocop_code,
        "producer": dossier.producer.name,
        "commune": dossier.commune.name,
        "province": dossier.province.name,
        "product_set": f"{ps.number}. {ps.name}",
    }


# --- a member's score sheet ----------------------------------------------------------------


def _option(o: presenter.OptionRow) -> dict:
    return {
        "text": o.text,
        "stars": "*" * (o.min_star or 0),
        "points": _num(o.points),
        "checked": o.checked,
    }


def _sheet_rows(view: presenter.SheetView, parts: dict) -> list[dict]:
    """The printed table, row by row, from the presenter's one walk of the sheet."""
    rows = []
    for r in view.rows():
        kind = "part" if r.is_part else "leaf" if r.is_leaf else "group"
        if kind == "part":
            points = _num(parts.get(r.code, 0))
        elif kind == "leaf" and r.chosen:
            points = _num(r.chosen.points)
        else:
            points = ""
        rows.append(
            {
                "kind": kind,
                "code": r.code,
                "name": r.name,
                "level": r.depth,
                "max": _num(r.max_points),
                "points": points,
                "notes": list(r.notes),
                "choose_one": r.choose_one,
                "options": [_option(o) for o in r.options],
            }
        )
    return rows


def sheet(score_sheet: ScoreSheet) -> dict:
    evaluation, member = score_sheet.evaluation, score_sheet.member
    dossier = evaluation.dossier
    cs = dossier.criteria_set
    view = presenter.present(cs, answers=score_sheet.answers)
    result = score_sheet.result or {}
    version = latest_submitted_version(dossier)
    p = (version.producer_snapshot if version else None) or snapshot(dossier.producer)
    ticked = set(score_sheet.rejections or [])
    stars = result.get("stars") or 0
    return {
        "heading": f"{cs.product_set.number}. {_('Bộ sản phẩm')}: {cs.name}",
        "instrument": cs.instrument.number,
        "council": evaluation.round.council.name,
        "round": _round_name(evaluation.round),
        "product_name": dossier.product.name,
        "ocop_code": dossier.product.ocop_code,
        "producer": {
            "name": p["name"],
            "phone": p["phone"],
            "address": ", ".join(x for x in (p["address"], p["commune"]) if x),
        },
        "rejections": [
            {"text": text, "checked": i in ticked}
            for i, text in enumerate(view.rejection_conditions)
        ],
        "rows": _sheet_rows(view, result.get("parts") or {}),
        "notes": view.notes,
        "total": _num(result.get("total", 0)),
        "max": _num(view.max_points),
        "stars": stars,
        "stars_text": _("%(n)s sao") % {"n": stars},
        "comment": score_sheet.comment,
        "member": {
            "name": member.name,
            "role": str(member.get_role_display()),
            "office": member.office,
        },
        "signed_at": _local(score_sheet.submitted_at),
        "reopened": score_sheet.reopened,
    }


def render_sheet(score_sheet: ScoreSheet) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "sheet.typ", sheet(score_sheet))


# --- the minutes of a round ----------------------------------------------------------------


def _regulation(council) -> list[dict]:
    ratio = Decimal(council.quorum_ratio) * 100
    yes, no = _("Có"), _("Không")
    return [
        {
            "label": _("Số phiếu tối thiểu để chốt kết quả"),
            "value": _(
                "%(ratio)s%% số thành viên chấm điểm (không tính người không chấm vì xung "
                "đột lợi ích)"
            )
            % {"ratio": _num(ratio)},
        },
        {
            "label": _("Phải có phiếu của Chủ tịch Hội đồng"),
            "value": yes if council.chair_required else no,
        },
        {
            "label": _("Chênh lệch tổng điểm tối đa giữa các thành viên"),
            "value": _("%(n)s điểm (vượt ngưỡng thì Hội đồng thảo luận, chấm lại)")
            % {"n": _num(council.spread_threshold)},
        },
        {
            "label": _("Cách xét yêu cầu tối thiểu (dấu sao)"),
            "value": str(council.get_minimums_rule_display()),
        },
        {
            "label": _("Thành viên xem điểm của nhau trước khi nộp phiếu"),
            "value": yes if council.members_see_scores else no,
        },
    ]


def _members(rnd: Round, evaluations: list[Evaluation]) -> tuple[list[dict], list[dict]]:
    """Who sat on the council and its advisory team during the round, and who scored."""
    scored: dict[int, int] = {}
    for s in ScoreSheet.objects.filter(evaluation__in=evaluations, submitted_at__isnull=False):
        scored[s.member_id] = scored.get(s.member_id, 0) + 1
    council, advisory = [], []
    members = rnd.council.members.select_related("user").order_by("body", "pk")
    order = list(MemberRole)
    for m in sorted(members, key=lambda m: (order.index(MemberRole(m.role)), m.pk)):
        if m.left_on is not None and m.left_on < rnd.proposals_before and m.pk not in scored:
            continue  # left before the round
        row = {
            "name": m.name,
            "office": ", ".join(x for x in (m.title, m.office) if x),
            "role": str(m.get_role_display()),
        }
        if m.body == Body.ADVISORY:
            advisory.append(row)
            continue
        if not m.scores:
            row["took_part"] = _("Thư ký, không chấm điểm")
        elif scored.get(m.pk):
            row["took_part"] = _("Có (chấm %(n)s/%(total)s sản phẩm)") % {
                "n": scored[m.pk],
                "total": len(evaluations),
            }
        else:
            row["took_part"] = _("Không")
        council.append(row)
    return council, advisory


def _figures_closed(stored: dict) -> dict:
    """What the chair's closing stored: the counted sheets, recusals, mean, parts, spread."""
    q = stored.get("quorum") or {}
    return {
        "sheets": [
            {
                "member": s["member"],
                "role": str(MemberRole(s["role"]).label),
                "total": _num(s["total"]),
            }
            for s in stored.get("sheets", [])
        ],
        "recused": [
            {"member": r["member"], "reasons": ", ".join(r["reasons"])}
            for r in stored.get("recused", [])
        ],
        "quorum": (q.get("submitted"), q.get("eligible"), q.get("needed")),
        "mean": stored.get("total"),
        "parts": stored.get("parts") or {},
        "spread": stored.get("spread"),
    }


def _figures_now(evaluation: Evaluation, part_codes) -> dict:
    """The same figures from the sheets in so far (a product still scored, or rejected by
    the chair without a closing)."""
    now = actions.standing(evaluation)
    sheets, totals = now["sheets"], now["totals"]
    q = now["quorum"]

    def part_mean(code):
        return mean(Decimal(str((s.result.get("parts") or {}).get(code, 0))) for s in sheets)

    return {
        "sheets": [
            {
                "member": s.member.name,
                "role": str(s.member.get_role_display()),
                "total": _num(s.result.get("total")),
            }
            for s in sheets
        ],
        "recused": [{"member": m.name, "reasons": ", ".join(r)} for m, r in now["recused"]],
        "quorum": (q.submitted, q.eligible, q.needed),
        "mean": mean(totals) if totals else None,
        "parts": {code: part_mean(code) for code in part_codes} if sheets else {},
        "spread": now["spread"] if totals else None,
    }


def _outcome(evaluation: Evaluation) -> str:
    if evaluation.state == EvaluationState.CLOSED:
        return _("%(n)s sao") % {"n": (evaluation.result or {}).get("stars", 0)}
    if evaluation.state == EvaluationState.REJECTED:
        return _("Hồ sơ bị loại: %(reason)s") % {"reason": evaluation.rejection_reason}
    return _("Chưa có kết quả (%(state)s)") % {"state": evaluation.get_state_display()}


def way(evaluation: Evaluation) -> str:
    """How the council evaluated the product, as the minutes state it (Điều 7.6.d)."""
    if evaluation.meeting_called:
        text = _(
            "Họp trực tiếp theo quyết định của Chủ tịch Hội đồng ngày %(date)s (Điều 7.6.d), "
            "lý do: %(ground)s"
        ) % {
            "date": _local(evaluation.meeting_called_at, "%d/%m/%Y"),
            "ground": _lower_first(str(evaluation.get_meeting_ground_display())),
        }
        return f"{text}. {evaluation.meeting_note}" if evaluation.meeting_note else text
    if evaluation.written:
        return _(
            "Lấy ý kiến bằng văn bản (Điều 7.6.d): phiếu đánh giá đã ký của mỗi thành viên là "
            "ý kiến bằng văn bản của thành viên đó"
        )
    return str(evaluation.get_mode_display())


def clock_line(evaluation: Evaluation) -> str:
    """The 45 days of a re-evaluation (Điều 7.6.g), as of today or of its result."""
    clock = evaluation.clock
    if clock is None:
        return ""
    text = _(
        "Nhận đủ hồ sơ đề nghị ngày %(start)s; thời hạn đánh giá, phân hạng lại không quá 45 "
        "ngày (Điều 7.6.g), đến hết ngày %(deadline)s"
    ) % {"start": _date(clock["starts_on"]), "deadline": _date(clock["deadline"])}
    if clock["finished_on"] is not None:
        if clock["in_time"]:
            done = _("hoàn thành ngày %(day)s, trong thời hạn") % {
                "day": _date(clock["finished_on"])
            }
        else:
            done = _("hoàn thành ngày %(day)s, quá hạn %(n)s ngày") % {
                "day": _date(clock["finished_on"]),
                "n": clock["days_over"],
            }
    elif clock["overdue"]:
        done = _("chưa hoàn thành, đã quá hạn %(n)s ngày") % {"n": clock["days_over"]}
    else:
        done = _("chưa hoàn thành")
    return f"{text}; {done}"


def _evaluation_minutes(evaluation: Evaluation, user) -> dict:
    """One product's paragraph of the minutes: sheets, recusals, totals, mean, result. The
    totals of a product still being scored are printed only for those who may see them
    (``rules.sees_scores``): the minutes do not tell a member what others gave first."""
    council = evaluation.round.council
    part_names = {p["code"]: p["name"] for p in evaluation.dossier.criteria_set.definition["parts"]}
    finished = evaluation.state in FINISHED
    if finished and evaluation.result:
        figures = _figures_closed(evaluation.result)
        visible = True
    else:
        figures = _figures_now(evaluation, part_names)
        member = rules.seat(user, council)
        own = actions.sheet_of(evaluation, member) if member else None
        visible = rules.sees_scores(user, evaluation, own)
    counted, eligible, needed = figures["quorum"]
    parts = figures["parts"]
    return {
        **_product(evaluation),
        "state": evaluation.state,
        "counted": _("%(got)s phiếu (có %(eligible)s thành viên được chấm, cần ít nhất %(need)s)")
        % {"got": counted or 0, "eligible": eligible or 0, "need": needed or 0},
        "recused": figures["recused"],
        "visible": visible,
        "provisional": not finished,
        "sheets": figures["sheets"] if visible else [],
        "mean": _num(figures["mean"]) if visible else "",
        "parts": [
            {"code": code, "name": name, "mean": _num(parts[code])}
            for code, name in part_names.items()
            if code in parts and visible
        ],
        "spread": _num(figures["spread"]) if visible else "",
        "threshold": _num(council.spread_threshold),
        "outcome": _outcome(evaluation),
        "way": way(evaluation),
        "written": evaluation.written,
        "clock": clock_line(evaluation),
        "discussions": [
            {
                "at": _local(d.at),
                "note": d.note,
                "reopened": ", ".join(m.name for m in d.reopened.all()),
            }
            for d in evaluation.discussions.prefetch_related("reopened__user")
        ],
    }


def _evaluations(rnd: Round) -> list[Evaluation]:
    return list(
        rnd.evaluations.select_related(
            "round__council__province",
            "dossier__product",
            "dossier__producer",
            "dossier__commune",
            "dossier__province",
            "dossier__criteria_set__product_set",
            "dossier__criteria_set__instrument",
        ).order_by("pk")
    )


def minutes(rnd: Round, user) -> dict:
    council = rnd.council
    evaluations = _evaluations(rnd)
    members, advisory = _members(rnd, evaluations)
    active = council.members.filter(left_on__isnull=True, body=Body.COUNCIL).select_related("user")
    chair = next((m.name for m in active if m.role == MemberRole.CHAIR), "")
    secretary = next((m.name for m in active if m.role == MemberRole.SECRETARY), "")
    closed = [e.closed_at for e in evaluations if e.closed_at]
    instruments = {e.dossier.criteria_set.instrument for e in evaluations}
    return {
        "instruments": [
            {"number": i.number, "signed_on": _date(i.signed_on), "title": _lower_first(i.title)}
            for i in sorted(instruments, key=lambda i: i.signed_on)
        ],
        "council": _council(council),
        "round": _round_name(rnd),
        "round_basis": ", ".join(x for x in (rnd.regulation_reference, rnd.plan_reference) if x),
        "finish_before": _date(rnd.finish_before),
        "place": council.province.name if council.province else "",
        "date": _local(max(closed), "%d/%m/%Y") if closed else "",
        "regulation": _regulation(council),
        "members": members,
        "advisory": advisory,
        "products": [_evaluation_minutes(e, user) for e in evaluations],
        # every product by written opinion (re-evaluations, no meeting called): no meeting
        "written": bool(evaluations) and all(e.written for e in evaluations),
        "chair": chair,
        "secretary": secretary,
    }


def render_minutes(rnd: Round, user) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "minutes.typ", minutes(rnd, user))


# --- the round's result table --------------------------------------------------------------


def result_columns() -> list[tuple[str, str]]:
    """(key, heading) of the result table, for the PDF and the Excel file alike."""
    return [
        ("number", _("STT")),
        ("product", _("Sản phẩm")),
        ("ocop_code", _("Mã số sản phẩm")),
        ("producer", _("Chủ thể")),
        ("commune", _("Xã, phường")),
        ("province", _("Tỉnh, thành phố")),
        ("product_set", _("Bộ sản phẩm")),
        ("mean", _("Điểm trung bình")),
        ("stars", _("Số sao")),
        ("state", _("Trạng thái")),
        ("note", _("Ghi chú")),
    ]


def result_rows(rnd: Round) -> list[dict]:
    """One row per product: the mean total (a number) once the council has one, the stars
    once the product is closed, the rejection's reason."""
    rows = []
    for i, e in enumerate(_evaluations(rnd), start=1):
        p = _product(e)
        total = (e.result or {}).get("total") if e.state in FINISHED else None
        rows.append(
            {
                "number": i,
                "product": p["name"],
                "ocop_code": p["ocop_code"],
                "producer": p["producer"],
                "commune": p["commune"],
                "province": p["province"],
                "product_set": p["product_set"],
                "mean": Decimal(str(total)) if total is not None else None,
                "stars": e.result.get("stars") if e.state == EvaluationState.CLOSED else None,
                "state": str(e.get_state_display()),
                "note": "; ".join(
                    x
                    for x in (
                        e.rejection_reason if e.state == EvaluationState.REJECTED else "",
                        _result_way(e),
                    )
                    if x
                ),
            }
        )
    return rows


def _result_way(evaluation: Evaluation) -> str:
    """The table's note on a re-evaluation: its way (Điều 7.6.d) and its 45 days (7.6.g)."""
    if evaluation.dossier.kind != DossierKind.RE_EVALUATION:
        return ""
    clock = evaluation.clock
    if evaluation.meeting_called:
        ground = _lower_first(str(evaluation.get_meeting_ground_display()))
        parts = [_("Đánh giá lại, họp trực tiếp (%(ground)s)") % {"ground": ground}]
    elif evaluation.written:
        parts = [_("Đánh giá lại, lấy ý kiến bằng văn bản")]
    else:
        parts = [_("Đánh giá lại")]
    if clock is not None:
        parts.append(_("hạn 45 ngày: %(day)s") % {"day": _date(clock["deadline"])})
        if clock["overdue"]:
            parts.append(_("quá hạn %(n)s ngày") % {"n": clock["days_over"]})
    return ", ".join(parts)


def results(rnd: Round) -> dict:
    rows = result_rows(rnd)
    counts: dict[str, int] = {}
    for r in rows:
        key = _("%(n)s sao") % {"n": r["stars"]} if r["stars"] is not None else r["state"]
        counts[key] = counts.get(key, 0) + 1
    return {
        "council": _council(rnd.council),
        "round": _round_name(rnd),
        "columns": [{"key": k, "label": label} for k, label in result_columns()],
        "rows": [
            {
                **r,
                "number": str(r["number"]),
                "mean": _num(r["mean"]),
                "stars": str(r["stars"]) if r["stars"] is not None else "",
            }
            for r in rows
        ],
        "summary": _("Tổng số: %(n)s sản phẩm") % {"n": len(rows)}
        + "".join(f"; {k}: {v}" for k, v in sorted(counts.items())),
        "printed_on": _local(timezone.now(), "%d/%m/%Y"),
        "place": rnd.council.province.name if rnd.council.province else "",
    }


def render_results(rnd: Round) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "results.typ", results(rnd))


# --- the advisory team's report on a product -----------------------------------------------


def _name(user) -> str:
    return (user.full_name or user.username) if user is not None else ""


def _team(council) -> tuple[list[dict], str]:
    """The active members of the advisory team (the leader first), and the leader's name."""
    order = [MemberRole.LEADER, *(r for r in MemberRole if r != MemberRole.LEADER)]
    seats = council.members.filter(left_on__isnull=True, body=Body.ADVISORY).select_related("user")
    seats = sorted(seats, key=lambda m: (order.index(MemberRole(m.role)), m.pk))
    rows = [
        {
            "name": m.name,
            "office": ", ".join(x for x in (m.title, m.office) if x),
            "role": str(m.get_role_display()),
        }
        for m in seats
    ]
    leader = next((m.name for m in seats if m.role == MemberRole.LEADER), "")
    return rows, leader


def advisory_report(evaluation: Evaluation) -> dict:
    """Báo cáo đánh giá hồ sơ sản phẩm của Tổ tư vấn (Điều 7.3.c, 7.4.c): the latest report
    filed to the chair (or none yet: the document is then a working draft), the reports it
    superseded, and what the team found, asked, visited and had tested."""
    council = evaluation.round.council
    team, leader = _team(council)
    latest = latest_report(evaluation)
    reports = evaluation.advisory_reports.select_related("filed_by")
    names = {leaf.code: leaf.name for leaf in evaluation.dossier.criteria_set.sheet().leaves()}
    requests = evaluation.document_requests.select_related("asked_by", "answered_by")
    visits = evaluation.visits.select_related("by").prefetch_related("photos")
    tests = evaluation.lab_tests.select_related("asked_by", "result_by")
    now = timezone.now()
    return {
        "council": _council(council),
        "place": council.province.name if council.province else "",
        "date": _local(latest.filed_at if latest else now, "%d/%m/%Y"),
        "printed_at": _local(now),
        "round": _round_name(evaluation.round),
        "product": _product(evaluation),
        "team": team,
        "leader": leader,
        "report": {
            "conclusion": str(latest.get_conclusion_display()),
            "text": latest.text,
            "filed_by": _name(latest.filed_by),
            "filed_at": _local(latest.filed_at),
        }
        if latest
        else None,
        "superseded": [
            {"filed_at": _local(r.filed_at), "filed_by": _name(r.filed_by)}
            for r in reports
            if latest is None or r.pk != latest.pk
        ],
        "findings": [
            {
                "criterion": f.criterion,
                "criterion_name": names.get(f.criterion, ""),
                "text": f.text,
                "by": _name(f.by),
                "at": _local(f.at),
            }
            for f in evaluation.findings.select_related("by").order_by("at", "pk")
        ],
        "requests": [
            {
                "what": r.what,
                "asked_by": _name(r.asked_by),
                "asked_at": _local(r.asked_at, "%d/%m/%Y"),
                "due_on": _date(r.due_on),
                "answered": r.answered,
                "answer": r.answer,
                "documents": [d.title for d in r.documents.all()],
                "answered_by": _name(r.answered_by),
                "answered_at": _local(r.answered_at),
            }
            for r in requests.prefetch_related("documents").order_by("asked_at", "pk")
        ],
        "visits": [
            {
                "visited_on": _date(v.visited_on),
                "ground": str(v.get_ground_display()) if v.ground else "",
                "people": v.people,
                "notes": v.notes,
                "photos": sum(1 for f in v.photos.all() if f.is_image),
                "other_files": sum(1 for f in v.photos.all() if not f.is_image),
            }
            for v in visits.order_by("visited_on", "pk")
        ],
        "lab_tests": [
            {
                "what": t.what,
                "lab": t.lab,
                "asked_at": _local(t.asked_at, "%d/%m/%Y"),
                "done": t.done,
                "result": t.result_note,
                "result_by": _name(t.result_by),
                "result_at": _local(t.result_at, "%d/%m/%Y"),
            }
            for t in tests.order_by("asked_at", "pk")
        ],
    }


def render_advisory_report(evaluation: Evaluation) -> bytes:
    with translation.override("vi"):
        return render_pdf(TEMPLATES / "advisory_report.typ", advisory_report(evaluation))
