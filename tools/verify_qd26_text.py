#!/usr/bin/env python3
"""Independent cross-check of sets/S*.json against the flattened transcript
../shared/reference/qd-26-2026-ttg.txt (cells end in ' | ').

The .txt is split into cells; for every scoresheet table (from the cell
'Các tiêu chí' to 'TỔNG CỘNG') the sequence of part / criterion / option cells
and the point cell that follows each is compared with the JSON, in document
order: code, name/text, star count, printed points.
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TXT = os.path.join(ROOT, "..", "shared", "reference", "qd-26-2026-ttg.txt")
HERE = os.path.join(ROOT, "ocop", "criteria", "data", "qd-26-2026")


def norm(t):
    return re.sub(r"\s+", " ", t.replace("\xa0", " ")).strip()


def txt_tables():
    lines = open(TXT, encoding="utf-8").read().split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == "PHỤ LỤC II")
    end = next(i for i, l in enumerate(lines) if l.strip() == "PHỤ LỤC III")
    cells, buf = [], []
    for l in lines[start:end]:
        if l.strip() == "|":
            cells.append(norm(" ".join(buf)))
            buf = []
        else:
            buf.append(l)
    tables, cur = [], None
    for c in cells:
        if c.endswith("Các tiêu chí"):
            cur = []
            tables.append(cur)
        elif cur is not None:
            cur.append(c)
    return tables


CRIT = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")
PART = re.compile(r"^ph[ầa]n\s*([ABC])\b", re.I)
STARS = re.compile(r"\s*((?:\*\s*){3,5})\s*$")


def txt_seq(cells):
    seq = []
    i = 0
    while i < len(cells):
        c = cells[i]
        if c == "Thang điểm":
            i += 1
            continue
        if c == "TỔNG CỘNG":
            seq.append(("total", "", None, cells[i + 1]))
            break
        m = PART.match(c)
        if m:
            seq.append(("part", m.group(1).upper(), None, cells[i + 1]))
            i += 2
            continue
        if c.startswith("□") or re.match(r"^o\s", c):
            body = re.sub(r"^(□|o)\s*", "", c)
            body = re.split(r"\s+Ghi chú:", body)[0]
            sm = STARS.search(body)
            star = len(sm.group(1).replace(" ", "")) if sm else None
            if sm:
                body = body[: sm.start()]
            seq.append(("option", norm(body), star, cells[i + 1]))
            i += 2
            continue
        m = CRIT.match(c)
        if m:
            seq.append(("criterion", m.group(1), None, cells[i + 1]))
            i += 2
            continue
        i += 1  # note / variant / continuation / empty point cell
    return seq


def json_seq(sheet):
    seq = []

    def crit(c):
        printed = c.get("printed_max_points")
        seq.append(
            ("criterion", c["code"], None, printed if printed is not None else str(c["max_points"]))
        )
        opts = list(c.get("options", []))
        for v in c.get("variants", []):
            opts += v["options"]
        for o in opts:
            if o.get("implied"):
                continue
            printed = o.get("printed_points")
            seq.append(
                (
                    "option",
                    o["text"],
                    o["min_star"],
                    printed if printed is not None else str(o["points"]),
                )
            )
        for ch in c.get("criteria", []):
            crit(ch)

    for p in sheet["parts"]:
        seq.append(("part", p["code"], None, str(p["max_points"])))
        for c in p["criteria"]:
            crit(c)
    seq.append(("total", "", None, str(sheet["total_points"])))
    return seq


def main():
    tables = txt_tables()
    assert len(tables) == 26, len(tables)
    bad = 0
    n_items = 0
    for n, cells in enumerate(tables, 1):
        sheet = json.load(open(os.path.join(HERE, "sets", "S%02d.json" % n), encoding="utf-8"))
        a, b = txt_seq(cells), json_seq(sheet)
        n_items += len(a)
        if len(a) != len(b):
            print("set %d: %d txt items vs %d json items" % (n, len(a), len(b)))
            bad += 1
        for x, y in zip(a, b, strict=False):
            if x != y:
                print("set %d mismatch:\n  txt : %r\n  json: %r" % (n, x, y))
                bad += 1
    print("compared %d items in 26 tables; mismatches: %d" % (n_items, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
