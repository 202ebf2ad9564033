#!/usr/bin/env python3
"""Parse Quyết định 26/2026/QĐ-TTg (HTML transcript) into structured data.

Outputs (in ocop/criteria/data/qd-26-2026/ unless --out is given):
  classification.json   Phụ lục I (6 ngành / 17 nhóm / 26 bộ sản phẩm)
  sets/S01.json..S26.json  Phụ lục II scoresheets
  checks.json           machine-readable result of every sum / consistency check

Standard library only.  Usage:
  python3 tools/transcribe_qd26.py [--html PATH] [--out DIR]

Design rules (see REPORT.md):
  * Everything is taken from the printed text.  The only deviations are the
    entries in CORRECTIONS below; each one asserts the printed value first,
    so a different source file makes the script fail loudly instead of
    silently "fixing" something else.
  * Option code = "<criterion code>-<n>" (n = 1-based position of the option
    in printed order inside that criterion); inside a set-26 "choose one of
    two cases" criterion it is "<criterion code>.<variant>-<n>", e.g. "8.a-2".
  * Star marks *** / **** / ***** at the end of an option text become
    min_star 3 / 4 / 5 and are removed from the text.
"""

import argparse
import json
import os
import re
import sys
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_HTML = os.path.join(ROOT, "..", "shared", "reference", "qd-26-2026-ttg.html")
HERE = os.path.join(ROOT, "ocop", "criteria", "data", "qd-26-2026")

EXPECTED_PARTS = {"A": 40, "B": 25, "C": 35}
EXPECTED_TOTAL = 100

# ---------------------------------------------------------------------------
# Hand-checked corrections of obvious misprints in the point column.
# key: (set number, criterion code, option position 1-based or None for the
#       criterion's own point cell)
# value: (printed cell text, value used, reason)
# ---------------------------------------------------------------------------
CORRECTIONS = {
    (4, "1.2", 1): (
        "",
        0,
        'point cell empty; the identical option "Không được cấp giấy chứng nhận chất lượng" '
        "is worth 0 wherever its point is printed (sets 1, 2 [as 1.3], 3, 6, 8, 12, 13, 18) and the "
        "siblings are 1 and 2",
    ),
    (7, "1.2", 1): ("", 0, "point cell empty; same option is 0 elsewhere (see set 4)"),
    (10, "1.2", 1): ("", 0, "point cell empty; same option is 0 elsewhere (see set 4)"),
    (11, "1.2", 1): ("", 0, "point cell empty; same option is 0 elsewhere (see set 4)"),
    (4, "7", 3): (
        "13",
        3,
        'printed "13" exceeds the criterion maximum 3; the identical option "Có trên 2 chỉ tiêu" '
        "of criterion 7 DINH DƯỠNG is worth 3 in sets 1 and 3",
    ),
    (11, "6.1.1", 2): (
        "11",
        1,
        'printed "11" exceeds the criterion maximum 2; the sibling options are 0 and 2, and the '
        'identical option "Có rất ít tạp chất, chấp nhận được" between a 0 and a 2 option is worth 1 '
        "in sets 4-10, 12, 13 (6.1.1) and 17",
    ),
    (23, "9", None): (
        "4 1",
        4,
        'the point cell holds two paragraphs "4" and "1"; 4 = max option (2, 4) and makes '
        'Part C sum to 35 (14+8+4+4+5); the stray "1" is ignored',
    ),
}

# Printed values that look wrong but are kept as printed (reported only).
SUSPECT = {
    (7, "3.1", 2): 'printed 1 for "Công ty TNHH; hoặc doanh nghiệp tư nhân; ..."; the same option '
    "is worth 2 in all 25 other sets -> two options worth 1 in this criterion. "
    "Kept as printed (1); verify against the official PDF.",
    (23, "6.2", 1): 'printed 1 for "Chấp nhận được" and 1 again for the next option "Phù hợp với '
    'đặc tính sản phẩm" -> two options worth 1. Kept as printed; verify against '
    'the official PDF. In sets 24/25 the option "Phù hợp với đặc tính sản phẩm" is the '
    'lowest of 6.2 and worth 1, which suggests "Chấp nhận được" was meant to be 0.',
}

STAR_RE = re.compile(r"\s*((?:\*\s*){3,5})\s*$")


def norm(t):
    return re.sub(r"[ \t\r\n\xa0\u200b]+", " ", t).strip()


# ---------------------------------------------------------------------------
# HTML -> blocks
# ---------------------------------------------------------------------------
class Doc(HTMLParser):
    """Flattens the document into a list of blocks:
    ('P', [paragraph text])              top-level <p>
    ('T', [[cell, cell, ...], ...])      top-level <table>; a cell is a list
                                         of paragraph texts (one per <p>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.depth = 0
        self.table = self.row = self.cell = self.para = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.table = []
        elif tag == "tr" and self.depth == 1:
            self.row = []
        elif tag == "td" and self.depth == 1:
            self.cell, self.para = [], []
        elif tag == "p":
            self._flush_para()
            if self.cell is not None or self.depth == 0:
                self.para = []
        elif tag == "br":
            self._add("\n")

    def _flush_para(self):
        if self.para is None:
            return
        text = norm("".join(self.para))
        if self.cell is not None:
            if text:
                self.cell.append(text)
            self.para = []
        elif self.depth == 0:
            self.blocks.append(("P", text))
            self.para = None

    def handle_endtag(self, tag):
        if tag == "table":
            if self.depth == 1:
                self.blocks.append(("T", self.table))
                self.table = None
            self.depth -= 1
        elif tag == "tr" and self.depth == 1 and self.row is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "td" and self.depth == 1 and self.cell is not None:
            self._flush_para()
            self.row.append(self.cell)
            self.cell = self.para = None
        elif tag == "p":
            self._flush_para()

    def _add(self, t):
        if self.para is not None:
            self.para.append(t)

    def handle_data(self, d):
        self._add(d)


def load_blocks(path):
    d = Doc()
    with open(path, encoding="utf-8") as f:
        d.feed(f.read())
    d.close()
    return d.blocks


def find_par(blocks, pred, start=0):
    for i in range(start, len(blocks)):
        k, b = blocks[i]
        if k == "P" and pred(b):
            return i
    raise ValueError("paragraph not found")


def next_table(blocks, start):
    for i in range(start, len(blocks)):
        if blocks[i][0] == "T":
            return i
    raise ValueError("table not found")


def cell_text(cell):
    return norm(" ".join(cell))


# ---------------------------------------------------------------------------
# Phụ lục I
# ---------------------------------------------------------------------------
ROMAN = {"I", "II", "III", "IV", "V", "VI"}


def split_ministries(text):
    text = norm(text)
    if not text:
        return []
    return [norm(x) for x in text.split(";") if norm(x)]


def parse_appendix_i(rows):
    hdr = [cell_text(c) for c in rows[0]]
    assert hdr[0] == "STT" and hdr[1].startswith("Phân loại"), hdr
    sectors = []
    for r in rows[1:]:
        stt, label, ministry = (cell_text(c) for c in r)
        if stt in ROMAN:
            sectors.append({"code": stt, "stt": stt, "name": label, "groups": []})
        elif re.fullmatch(r"\d+", stt):
            m = re.match(r"Nhóm:\s*(.+)$", label)
            assert m, label
            sec = sectors[-1]
            sec["groups"].append(
                {
                    "code": "{}.{}".format(sec["code"], stt),
                    "stt": stt,
                    "name": m.group(1),
                    "printed_label": label,
                    "managing_ministry_text": ministry or None,
                    "managing_ministries": split_ministries(ministry),
                    "subgroups": [],
                }
            )
        elif re.fullmatch(r"[a-z]", stt):
            m = re.match(r"Phân nhóm:\s*(.+)$", label)
            assert m, label
            grp = sectors[-1]["groups"][-1]
            grp["subgroups"].append(
                {
                    "code": "{}.{}".format(grp["code"], stt),
                    "stt": stt,
                    "name": m.group(1),
                    "printed_label": label,
                    "managing_ministry_text": ministry or None,
                    "managing_ministries": split_ministries(ministry),
                }
            )
        else:
            raise ValueError("unexpected Phụ lục I row %r" % [stt, label, ministry])
    return sectors


def leaves(sectors):
    out = []
    for s in sectors:
        for g in s["groups"]:
            if g["subgroups"]:
                assert not g["managing_ministries"], g  # ministry is on the leaves
                for sg in g["subgroups"]:
                    out.append((s, g, sg))
            else:
                out.append((s, g, None))
    return out


# ---------------------------------------------------------------------------
# Phụ lục II scoresheet tables
# ---------------------------------------------------------------------------
PART_RE = re.compile(r"^ph[ầa]n\s*([ABC])\s*:?\s*(.*)$", re.I)
CRIT_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")
HEAD_PTS_RE = re.compile(r"\((\d+)\s*điểm\)\s*$", re.I)
VARIANT_RE = re.compile(r"^([a-z])\.\s*(Trường hợp\s*\d+\s*:.*)$")
CHOOSE_RE = re.compile(r"^Lựa chọn một trong hai trường hợp")
NOTE_LABEL_RE = re.compile(r"^(Ghi chú|Chú ý|Yêu cầu)\s*:\s*", re.I)


def parse_int(cellparas):
    """Return (value or None, printed text)."""
    printed = cell_text(cellparas)
    if re.fullmatch(r"\d+", printed):
        return int(printed), printed
    return None, printed


class SheetParser:
    def __init__(self, number, rows):
        self.n = number
        self.rows = rows
        self.parts = []
        self.quirks = []  # list of dicts {set, where, kind, detail, handling}
        self.stack = []  # open criteria (by level)
        self.total_printed = None
        self.last_row_kind = None

    def q(self, where, kind, detail, handling):
        self.quirks.append(
            {"set": self.n, "where": where, "kind": kind, "detail": detail, "handling": handling}
        )

    # -- helpers ---------------------------------------------------------
    def current(self):
        return self.stack[-1] if self.stack else None

    def add_note(self, text, where):
        crit = self.current()
        m = NOTE_LABEL_RE.match(text)
        note = {"label": m.group(1) if m else None, "text": text}
        if crit is None:
            self.parts[-1].setdefault("notes", []).append(note)
        else:
            crit.setdefault("notes", []).append(note)

    def crit_points(self, code, cell):
        v, printed = parse_int(cell)
        key = (self.n, code, None)
        if key in CORRECTIONS:
            exp_printed, val, why = CORRECTIONS[key]
            assert printed == exp_printed, (key, printed)
            self.q(
                code,
                "criterion point cell misprinted",
                f"printed {printed!r}",
                "max_points=%d (%s)" % (val, why),
            )
            return val, printed
        if v is None:
            raise ValueError("set %d criterion %s: unparsable points %r" % (self.n, code, printed))
        return v, None

    # -- main loop -------------------------------------------------------
    def parse(self):
        rows = self.rows
        hdr = [cell_text(c) for c in rows[0]]
        assert hdr == ["Các tiêu chí", "Thang điểm"], hdr
        for ri, r in enumerate(rows[1:], 1):
            c0 = r[0]
            c1 = r[1] if len(r) > 1 else []
            if len(r) not in (1, 2):
                raise ValueError("set %d row %d has %d cells" % (self.n, ri, len(r)))
            first = c0[0] if c0 else ""
            text = cell_text(c0)
            where = "row %d" % ri
            if len(r) == 1:
                self.q(
                    self.current()["code"] if self.current() else where,
                    "row with a single (merged) cell",
                    text[:90],
                    "treated like a 2-column row with an empty point cell",
                )
            # TỔNG CỘNG
            if text == "TỔNG CỘNG":
                self.total_printed, _ = parse_int(c1)
                self.stack = []
                self.last_row_kind = "total"
                continue
            # Part heading
            m = PART_RE.match(first)
            if m and (len(c0) > 1 or m.group(2)):
                self.start_part(m, c0, c1, ri)
                continue
            # Option
            if first.startswith("□") or re.match(r"^o\s", first):
                self.option(c0, c1, ri)
                continue
            # Criterion
            m = CRIT_RE.match(first)
            if m:
                self.criterion(m, c0, c1, ri)
                continue
            # set 26 "choose one of two cases"
            pts, printed = parse_int(c1)
            assert printed == "", (self.n, ri, text, printed)
            if CHOOSE_RE.match(text):
                crit = self.current()
                assert "options" not in crit and "variants" not in crit
                crit["variant_instruction"] = text
                crit["variants"] = []
                self.last_row_kind = "choose"
                continue
            m = VARIANT_RE.match(text)
            if m:
                crit = self.current()
                case = int(re.search(r"Trường hợp\s*(\d+)", m.group(2)).group(1))
                crit["variants"].append(
                    {
                        "code": "{}.{}".format(crit["code"], m.group(1)),
                        "letter": m.group(1),
                        "case": case,
                        "name": m.group(2),
                        "options": [],
                    }
                )
                self.last_row_kind = "variant"
                continue
            # continuation of a criterion heading, e.g. "(Gồm: ...)" printed in
            # its own row right after the heading row
            if self.last_row_kind == "criterion" and text.startswith("("):
                crit = self.current()
                crit["description"] = norm((crit.get("description") or "") + " " + text)
                self.q(
                    crit["code"],
                    "criterion heading continued in next row",
                    text[:90],
                    "appended to the criterion description",
                )
                self.last_row_kind = "criterion"
                continue
            # any other row with an empty point cell is a note
            self.add_note(text, where)
            self.last_row_kind = "note"
        self.imply_binary_options()
        return self

    def imply_binary_options(self):
        """A leaf criterion printed without any option boxes (the bilingual-label
        criterion: 2.4, or 2.3 in sets 21-22) is a yes/no item worth 0 or its
        max.  Two options are synthesised so every leaf can be scored the same
        way; they carry "implied": true and the criterion "options_implied": true."""
        for part in self.parts:
            for c in walk(part["criteria"]):
                if "criteria" in c or "options" in c or "variants" in c:
                    continue
                c["options_implied"] = True
                c["options"] = [
                    {
                        "code": "{}-1".format(c["code"]),
                        "text": "Không",
                        "points": 0,
                        "min_star": None,
                        "implied": True,
                    },
                    {
                        "code": "{}-2".format(c["code"]),
                        "text": "Có",
                        "points": c["max_points"],
                        "min_star": None,
                        "implied": True,
                    },
                ]
                self.q(
                    c["code"],
                    "leaf criterion printed without options",
                    '"%s" (%d điểm) has no option rows' % (c["name"][:70], c["max_points"]),
                    'two implied options synthesised: "Không" = 0, "Có" = %d (implied: true)'
                    % c["max_points"],
                )

    def start_part(self, m, c0, c1, ri):
        letter = m.group(1).upper()
        rest = " ".join([m.group(2)] + c0[1:]) if m.group(2) else " ".join(c0[1:])
        rest = norm(rest)
        hm = HEAD_PTS_RE.search(rest)
        heading_pts = int(hm.group(1)) if hm else None
        name = norm(HEAD_PTS_RE.sub("", rest))
        pts, printed = parse_int(c1)
        part = {
            "code": letter,
            "name": name,
            "max_points": pts,
            "heading_points": heading_pts,
            "criteria": [],
        }
        if heading_pts != pts:
            self.q(
                "Part " + letter,
                "part heading disagrees with point column",
                f"heading says ({heading_pts} Điểm), point column says {pts}",
                f"max_points = point column ({pts}), which equals the sum of its criteria; "
                "printed heading kept in heading_points",
            )
        printed_label = c0[0]
        if not re.match(r"^Phần [ABC]:$", printed_label):
            self.q(
                "Part " + letter,
                "part label printed differently",
                repr(printed_label),
                f"normalised to code {letter!r}",
            )
        self.parts.append(part)
        self.stack = []
        self.last_row_kind = "part"

    def criterion(self, m, c0, c1, ri):
        code = m.group(1)
        printed_code = re.match(r"^(\d+(?:\.\d+)*\.?)", c0[0]).group(1)
        name = norm(m.group(2))
        level = code.count(".") + 1
        pts, printed = self.crit_points(code, c1)
        crit = {"code": code, "name": name, "max_points": pts}
        if printed is not None:
            crit["printed_max_points"] = printed
            crit["correction"] = CORRECTIONS[(self.n, code, None)][2]
        if printed_code != code + ".":
            crit["printed_code"] = printed_code
            self.q(
                code,
                "criterion number printed without the trailing dot",
                repr(c0[0][:40]),
                f"code normalised to {code!r} (printed_code kept)",
            )
        if len(c0) > 1:
            crit["description"] = norm(" ".join(c0[1:]))
        while self.stack and self.stack[-1]["_level"] >= level:
            self.stack.pop()
        crit["_level"] = level
        if level == 1:
            assert not self.stack
            self.parts[-1]["criteria"].append(crit)
        else:
            parent = self.stack[-1]
            assert parent["_level"] == level - 1 and code.startswith(parent["code"] + "."), (
                self.n,
                code,
                parent["code"],
            )
            assert "options" not in parent, (self.n, code)
            parent.setdefault("criteria", []).append(crit)
        self.stack.append(crit)
        self.last_row_kind = "criterion"

    def option(self, c0, c1, ri):
        crit = self.current()
        assert crit is not None, (self.n, ri)
        if "criteria" in crit:
            raise ValueError("set %d: option under non-leaf criterion %s" % (self.n, crit["code"]))
        if "variants" in crit:
            target = crit["variants"][-1]["options"]
            prefix = crit["variants"][-1]["code"]
        else:
            target = crit.setdefault("options", [])
            prefix = crit["code"]
        paras = list(c0)
        # option cell that also carries a note paragraph (sets 21, 22)
        extra = []
        while len(paras) > 1 and NOTE_LABEL_RE.match(paras[-1]):
            extra.insert(0, paras.pop())
        raw = norm(" ".join(paras))
        if raw.startswith("□"):
            body = raw[1:].strip()
        else:
            body = re.sub(r"^o\s+", "", raw)
            self.q(
                crit["code"],
                'option bullet printed as "o" instead of "□"',
                raw[:90],
                "treated as an option",
            )
        star = None
        sm = STAR_RE.search(body)
        if sm:
            stars = sm.group(1).replace(" ", "")
            star = len(stars)
            if sm.group(1).strip() != stars:
                self.q(
                    crit["code"],
                    "star mark printed with spaces",
                    repr(sm.group(1).strip()),
                    "read as %d stars -> min_star %d" % (star, star),
                )
            body = body[: sm.start()].rstrip()
        if "*" in body:
            raise ValueError(
                "set %d %s: stray asterisk inside option text %r" % (self.n, crit["code"], body)
            )
        if re.search(r"\s[:;,]$", body):
            self.q(
                crit["code"],
                "option text ends with stray punctuation",
                repr(body[-30:]),
                "kept as printed",
            )
        pos = len(target) + 1
        opt = {"code": "%s-%d" % (prefix, pos), "text": body, "points": None, "min_star": star}
        v, printed = parse_int(c1)
        key = (self.n, crit["code"], pos)
        if key in CORRECTIONS:
            exp_printed, val, why = CORRECTIONS[key]
            assert printed == exp_printed, (key, printed)
            opt["points"] = val
            opt["printed_points"] = printed
            opt["correction"] = why
            self.q(
                opt["code"],
                "option point cell empty" if printed == "" else "option points misprinted",
                f'printed {printed!r} for "{body[:60]}"',
                "points=%d (%s)" % (val, why),
            )
        else:
            if v is None:
                raise ValueError(
                    "set %d %s: unparsable option points %r" % (self.n, opt["code"], printed)
                )
            opt["points"] = v
        if key in SUSPECT:
            opt["suspect"] = SUSPECT[key]
            self.q(opt["code"], "suspicious printed points (kept)", SUSPECT[key], "kept as printed")
        target.append(opt)
        for e in extra:
            self.add_note(e, "row %d" % ri)
            self.q(
                crit["code"],
                "note printed inside an option cell",
                e[:90],
                "split off: option text ends at the star mark, the note goes to the criterion notes",
            )
        self.last_row_kind = "option"


def strip_private(obj):
    if isinstance(obj, dict):
        return {k: strip_private(v) for k, v in obj.items() if not k.startswith("_")}
    if isinstance(obj, list):
        return [strip_private(x) for x in obj]
    return obj


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------
def walk(criteria):
    for c in criteria:
        yield c
        yield from walk(c.get("criteria", []))


def check_sheet(sheet):
    n = sheet["number"]
    results = []  # dicts: {set, check, where, ok, detail}
    inferred = []

    def rec(check, where, ok, detail=""):
        results.append({"set": n, "check": check, "where": where, "ok": bool(ok), "detail": detail})

    parts = sheet["parts"]
    rec(
        "parts A,B,C present in order",
        "sheet",
        [p["code"] for p in parts] == ["A", "B", "C"],
        str([p["code"] for p in parts]),
    )
    total = 0
    for p in parts:
        s = sum(c["max_points"] for c in p["criteria"])
        rec(
            "part max = sum of its criteria",
            "Part " + p["code"],
            s == p["max_points"],
            "criteria sum %d, point column %s" % (s, p["max_points"]),
        )
        rec(
            "part max = expected",
            "Part " + p["code"],
            p["max_points"] == EXPECTED_PARTS[p["code"]],
            "%s vs %d" % (p["max_points"], EXPECTED_PARTS[p["code"]]),
        )
        rec(
            'part heading "(N Điểm)" = point column',
            "Part " + p["code"],
            p["heading_points"] == p["max_points"],
            "heading {}, column {}".format(p["heading_points"], p["max_points"]),
        )
        total += p["max_points"]
        # numbering of top-level criteria is checked across parts below
        for c in walk(p["criteria"]):
            code = c["code"]
            if "criteria" in c:
                s = sum(ch["max_points"] for ch in c["criteria"])
                rec(
                    "criterion max = sum of children",
                    code,
                    s == c["max_points"],
                    "children sum %d, printed %d" % (s, c["max_points"]),
                )
                kids = [ch["code"] for ch in c["criteria"]]
                exp = ["%s.%d" % (code, i) for i in range(1, len(kids) + 1)]
                rec("children numbered consecutively", code, kids == exp, str(kids))
            elif "variants" in c:
                for v in c["variants"]:
                    mx = max(o["points"] for o in v["options"])
                    rec(
                        "variant max option = criterion max",
                        v["code"],
                        mx == c["max_points"],
                        "max option %d, criterion %d" % (mx, c["max_points"]),
                    )
                    check_options(rec, v["code"], v["options"])
            elif "options" in c:
                mx = max(o["points"] for o in c["options"])
                rec(
                    "max option = criterion max",
                    code,
                    mx == c["max_points"],
                    "max option %d, criterion %d" % (mx, c["max_points"]),
                )
                check_options(rec, code, c["options"])
            else:
                rec(
                    "leaf criterion has printed options",
                    code,
                    False,
                    "no options printed; max_points %d (scored as 0..%d)"
                    % (c["max_points"], c["max_points"]),
                )
    tops = [c["code"] for p in parts for c in p["criteria"]]
    rec(
        "top-level criteria numbered 1..N",
        "sheet",
        tops == [str(i) for i in range(1, len(tops) + 1)],
        str(tops),
    )
    rec("sum of parts = 100", "sheet", total == EXPECTED_TOTAL, "sum %d" % total)
    rec(
        "printed TỔNG CỘNG = 100",
        "sheet",
        sheet["_total_printed"] == EXPECTED_TOTAL,
        str(sheet["_total_printed"]),
    )
    codes = []
    for p in parts:
        for c in walk(p["criteria"]):
            for o in c.get("options", []):
                codes.append(o["code"])
            for v in c.get("variants", []):
                for o in v["options"]:
                    codes.append(o["code"])
    rec(
        "option codes unique in set",
        "sheet",
        len(codes) == len(set(codes)),
        "%d options" % len(codes),
    )
    return results, inferred


def check_options(rec, where, opts):
    pts = [o["points"] for o in opts]
    rec(
        "option points strictly increasing",
        where,
        all(a < b for a, b in zip(pts, pts[1:], strict=False)),
        str(pts),
    )
    stars = [(o["points"], o["min_star"]) for o in opts if o["min_star"]]
    levels = [s for _, s in stars]
    rec("at most one option per star level", where, len(levels) == len(set(levels)), str(stars))
    rec(
        "star level rises with points",
        where,
        all(a[1] < b[1] for a, b in zip(stars, stars[1:], strict=False)),
        str(stars),
    )


def all_options(c):
    out = list(c.get("options", []))
    for v in c.get("variants", []):
        out += v["options"]
    return out


def summarise(sheet, results):
    parts = {p["code"]: p for p in sheet["parts"]}
    crits = [c for p in sheet["parts"] for c in walk(p["criteria"])]
    opts = [o for c in crits for o in all_options(c)]
    return {
        "set": sheet["number"],
        "A_column": parts["A"]["max_points"],
        "A_heading": parts["A"]["heading_points"],
        "A_sum": sum(c["max_points"] for c in parts["A"]["criteria"]),
        "B_column": parts["B"]["max_points"],
        "B_sum": sum(c["max_points"] for c in parts["B"]["criteria"]),
        "C_column": parts["C"]["max_points"],
        "C_sum": sum(c["max_points"] for c in parts["C"]["criteria"]),
        "total_printed": sheet["_total_printed"],
        "total_sum": sum(p["max_points"] for p in sheet["parts"]),
        "top_level": " / ".join(
            "{}:{}".format(c["code"], c["max_points"])
            for p in sheet["parts"]
            for c in p["criteria"]
        ),
        "n_criteria": len(crits),
        "n_leaf": sum(1 for c in crits if "criteria" not in c),
        "n_options": sum(1 for o in opts if not o.get("implied")),
        "n_implied_options": sum(1 for o in opts if o.get("implied")),
        "stars": {str(k): sum(1 for o in opts if o["min_star"] == k) for k in (3, 4, 5)},
        "n_checks": len(results),
        "failed": [
            "{}: {} ({})".format(r["where"], r["check"], r["detail"])
            for r in results
            if not r["ok"]
        ],
    }


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--html", default=DEFAULT_HTML)
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()
    blocks = load_blocks(args.html)

    # ---- Phụ lục I
    i1 = find_par(blocks, lambda t: t == "PHỤ LỤC I")
    t1 = next_table(blocks, i1)
    sectors = parse_appendix_i(blocks[t1][1])
    lv = leaves(sectors)

    # ---- Phụ lục II index table
    i2 = find_par(blocks, lambda t: t == "PHỤ LỤC II", t1)
    t2 = next_table(blocks, i2)
    index = {}
    for r in blocks[t2][1][1:]:
        stt, label = (cell_text(c) for c in r)
        m = re.match(r"Bộ sản phẩm:\s*(.+)$", label)
        index[int(stt)] = m.group(1)
    i3 = find_par(blocks, lambda t: t == "PHỤ LỤC III", t2)

    # ---- scoresheets
    sheets = []
    all_quirks = []
    cur = None
    head_re = re.compile(r"^(\d+)\.\s*(Bộ sản phẩm:\s*)?(.+)$")
    for k, b in blocks[t2 + 1 : i3]:
        if k == "P":
            m = head_re.match(b)
            if m and int(m.group(1)) == (len(sheets) + 1) and (cur is None or cur.get("_table")):
                cur = {
                    "number": int(m.group(1)),
                    "heading_printed": b,
                    "name": norm(m.group(3)),
                    "_rej": [],
                    "_notes": [],
                    "_table": None,
                    "_has_bsp": bool(m.group(2)),
                }
                sheets.append(cur)
            elif cur is None:
                continue
            elif b.startswith("(Sản phẩm") and "subtitle" not in cur:
                cur["subtitle"] = b
            elif re.match(r"^(Hồ sơ )?[Bb]ị loại khi\s*:", b):
                cur["_rej"].append(b)
            elif b.startswith("Ghi chú") and cur["_table"] is not None:
                cur["_notes"].append(b)
        elif k == "T" and cur is not None and len(b) > 50:
            assert cur["_table"] is None
            cur["_table"] = b
    assert len(sheets) == 26, len(sheets)

    out_sets = []
    checks = []
    summaries = []
    for sh in sheets:
        n = sh["number"]
        sp = SheetParser(n, sh["_table"]).parse()
        quirks = sp.quirks
        if not sh["_has_bsp"]:
            quirks.append(
                {
                    "set": n,
                    "where": "heading",
                    "kind": 'sheet heading lacks "Bộ sản phẩm:"',
                    "detail": sh["heading_printed"],
                    "handling": "name taken after the number",
                }
            )
        # rejection conditions (deduplicate exact repeats)
        rej = []
        for line in sh["_rej"]:
            m = re.match(r"^((?:Hồ sơ )?[Bb]ị loại khi)\s*:\s*(.+)$", line)
            label, cond = m.group(1), m.group(2)
            if label != "Hồ sơ bị loại khi":
                quirks.append(
                    {
                        "set": n,
                        "where": "header",
                        "kind": "rejection label printed differently",
                        "detail": repr(label + ":"),
                        "handling": 'treated as "Hồ sơ bị loại khi"',
                    }
                )
            if cond in rej:
                quirks.append(
                    {
                        "set": n,
                        "where": "header",
                        "kind": "duplicated line",
                        "detail": '"Hồ sơ bị loại khi: ..." printed twice (identical)',
                        "handling": "kept once",
                    }
                )
                continue
            rej.append(cond)
        if not rej:
            quirks.append(
                {
                    "set": n,
                    "where": "header",
                    "kind": 'no "Hồ sơ bị loại khi" line',
                    "detail": "the sheet header has no rejection line",
                    "handling": "rejection_conditions = []",
                }
            )
        if not sh["_notes"]:
            quirks.append(
                {
                    "set": n,
                    "where": "footer",
                    "kind": "no star-mark legend",
                    "detail": 'no "Ghi chú: Dấu sao là yêu cầu tối thiểu ..." line after the table',
                    "handling": "notes = []; the few starred options are still parsed",
                }
            )
        # Phụ lục I labels
        s, g, sg = lv[n - 1]
        leaf = sg or g
        sheet = {
            "number": n,
            "name": sh["name"],
            "index_name": index[n],
            "appendix_i_name": leaf["name"],
            "classification_code": leaf["code"],
            "heading_printed": sh["heading_printed"],
            "subtitle": sh.get("subtitle"),
            "parts": sp.parts,
            "total_points": sp.total_printed,
            "rejection_conditions": rej,
            "notes": sh["_notes"],
            "_total_printed": sp.total_printed,
        }
        res, _ = check_sheet(sheet)
        checks.extend(res)
        summaries.append(summarise(sheet, res))
        sheet = strip_private(sheet)
        out_sets.append(sheet)
        all_quirks.extend(quirks)

    # ---- classification.json
    product_sets = []
    for n, (s, g, sg) in enumerate(lv, 1):
        leaf = sg or g
        sheet = out_sets[n - 1]
        product_sets.append(
            {
                "number": n,
                "code": leaf["code"],
                "stt_path": [s["stt"], g["stt"]] + ([sg["stt"]] if sg else []),
                "sector_code": s["code"],
                "sector_name": s["name"],
                "group_code": g["code"],
                "group_name": g["name"],
                "subgroup_code": sg["code"] if sg else None,
                "name": leaf["name"],
                "appendix_i_label": leaf["printed_label"],
                "scoresheet_name": sheet["name"],
                "scoresheet_index_name": sheet["index_name"],
                "scoresheet_subtitle": sheet["subtitle"],
                "scoresheet_name_differs": sheet["name"] != leaf["name"]
                or sheet["index_name"] != leaf["name"],
                "managing_ministry_text": leaf["managing_ministry_text"],
                "managing_ministries": leaf["managing_ministries"],
                "samples_required": n != 26,
                "scoresheet_file": "sets/S%02d.json" % n,
            }
        )
    assert product_sets[25]["sector_code"] == "VI"
    classification = {
        "source": "Quyết định 26/2026/QĐ-TTg ngày 22/05/2026, Phụ lục I (Danh mục phân loại sản phẩm) "
        "and Phụ lục II (set names)",
        "code_scheme": "Phụ lục I prints a single STT column: Roman numeral for the sector (ngành), "
        "Arabic number for the group (Nhóm, restarting in each sector) and a letter for "
        'the subgroup (Phân nhóm, restarting in each group). "code" joins them with dots '
        "(e.g. I.1.a); the text itself never prints a dotted code.",
        "managing_ministry_note": 'Column "Cơ quan chủ trì quản lý", footnote 1: "Theo Nghị định số '
        '15/2018/NĐ-CP ...". Multiple ministries are separated by ";" in the text.',
        "samples_required_basis": "Điều 6 khoản 2 điểm d and khoản 3 điểm a, b: 05 sản phẩm mẫu, "
        '"trừ nhóm sản phẩm Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch".',
        "counts": {
            "sectors": len(sectors),
            "groups": sum(len(s["groups"]) for s in sectors),
            "product_sets": len(product_sets),
        },
        "sectors": [
            {
                "code": s["code"],
                "name": s["name"],
                "groups": [
                    {
                        "code": g["code"],
                        "stt": g["stt"],
                        "name": g["name"],
                        "managing_ministries": g["managing_ministries"],
                        "is_product_set": not g["subgroups"],
                        "subgroups": [
                            {
                                "code": sg["code"],
                                "stt": sg["stt"],
                                "name": sg["name"],
                                "managing_ministries": sg["managing_ministries"],
                            }
                            for sg in g["subgroups"]
                        ],
                    }
                    for g in s["groups"]
                ],
            }
            for s in sectors
        ],
        "product_sets": product_sets,
    }

    os.makedirs(os.path.join(args.out, "sets"), exist_ok=True)
    with open(os.path.join(args.out, "classification.json"), "w", encoding="utf-8") as f:
        json.dump(classification, f, ensure_ascii=False, indent=2)
        f.write("\n")
    for sheet in out_sets:
        with open(
            os.path.join(args.out, "sets", "S%02d.json" % sheet["number"]), "w", encoding="utf-8"
        ) as f:
            json.dump(sheet, f, ensure_ascii=False, indent=2)
            f.write("\n")
    with open(os.path.join(args.out, "checks.json"), "w", encoding="utf-8") as f:
        json.dump(
            {
                "summary": summaries,
                "failed": [c for c in checks if not c["ok"]],
                "quirks": all_quirks,
                "n_checks": len(checks),
            },
            f,
            ensure_ascii=False,
            indent=2,
        )
        f.write("\n")
    failed = [c for c in checks if not c["ok"]]
    print(
        "sectors=%d groups=%d sets=%d checks=%d failed=%d quirks=%d"
        % (
            classification["counts"]["sectors"],
            classification["counts"]["groups"],
            len(product_sets),
            len(checks),
            len(failed),
            len(all_quirks),
        )
    )
    for c in failed:
        print("FAIL set %(set)d %(where)s: %(check)s -- %(detail)s" % c)
    return 0


if __name__ == "__main__":
    sys.exit(main())
