"""One walk of a criteria sheet, for every page and document that shows one.

``present`` turns a criteria set and (optionally) a sheet's answers into rows: each part,
each criterion group, each leaf with its options, the chosen option, the notes and evidence
given for it, and what changed against another sheet (the recognised dossier, the previous
version, or, for a council, another member's sheet). The public self-assessment, the
dossier's Part III, the version diff, the staff view and the PDFs all read these rows,
through one template component (``criteria/_sheet.html``) or ``rows()`` for tables.

``result_view`` says what an engine result means in words people read the right way: a
3★ product that misses a 4★ minimum has not failed; it needs that minimum for 4★.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ocop.criteria import serialize


@dataclass(frozen=True)
class OptionRow:
    code: str
    text: str
    points: int | float
    min_star: int | None
    checked: bool = False


@dataclass
class Row:
    """A part (depth 0), a criterion group, or a leaf criterion (it has options)."""

    code: str
    name: str
    max_points: int | float
    depth: int
    notes: list[str] = field(default_factory=list)
    choose_one: bool = False  # a group whose children are alternative cases (set 26)
    children: list["Row"] = field(default_factory=list)
    options: list[OptionRow] = field(default_factory=list)
    chosen: OptionRow | None = None
    note: str = ""  # the description written for this criterion
    evidence: list = field(default_factory=list)  # documents linked to this criterion
    previous: OptionRow | None = None
    previous_note: str = ""
    added_evidence: list = field(default_factory=list)
    removed_evidence: list = field(default_factory=list)
    changed: bool = False  # only when compared: answer, note or evidence differ

    @property
    def is_leaf(self) -> bool:
        return bool(self.options)

    @property
    def is_part(self) -> bool:
        return self.depth == 0

    @property
    def linked(self) -> set:
        return {getattr(d, "pk", d) for d in self.evidence}

    def leaves(self) -> Iterator["Row"]:
        if self.is_leaf:
            yield self
        for child in self.children:
            yield from child.leaves()

    def chosen_points(self):
        """The sum of the chosen options' points under this row (a part's subtotal)."""
        total = sum((Decimal(str(r.chosen.points)) for r in self.leaves() if r.chosen), Decimal(0))
        return serialize.number(total)

    @property
    def answer_changed(self) -> bool:
        return (self.chosen and self.chosen.code) != (self.previous and self.previous.code)


@dataclass
class SheetView:
    code: str
    name: str
    max_points: int | float
    parts: list[Row]
    rejection_conditions: list[str]
    notes: list[str]
    compared: bool = False

    def rows(self) -> Iterator[Row]:
        """Every row in the order of the printed sheet: part, its criteria, their leaves."""

        def walk(rows):
            for row in rows:
                yield row
                yield from walk(row.children)

        yield from walk(self.parts)

    def leaves(self) -> Iterator[Row]:
        return (row for row in self.rows() if row.is_leaf)

    def leaf(self, code: str) -> Row:
        return self._index[code]

    @property
    def _index(self) -> dict[str, Row]:
        index = self.__dict__.get("_leaf_index")
        if index is None:
            index = self.__dict__["_leaf_index"] = {r.code: r for r in self.rows()}
        return index

    def name_of(self, code: str) -> str:
        return self._index[code].name if code in self._index else ""

    def option_text(self, criterion: str, option: str) -> str:
        leaf = self._index.get(criterion)
        found = next((o for o in leaf.options if o.code == option), None) if leaf else None
        return found.text if found else ""

    def changed_leaves(self) -> list[Row]:
        return [row for row in self.leaves() if row.changed]

    def chosen_points(self):
        """The sum of the chosen options' points (the running total, with or without JS)."""
        total = sum((Decimal(str(r.chosen.points)) for r in self.leaves() if r.chosen), Decimal(0))
        return serialize.number(total)


def present(
    cs,
    *,
    answers: Mapping[str, str] | None = None,
    notes: Mapping[str, str] | None = None,
    evidence: Mapping[str, list] | None = None,
    previous: Mapping[str, str] | None = None,
    previous_notes: Mapping[str, str] | None = None,
    previous_evidence: Mapping[str, list] | None = None,
) -> SheetView:
    """The rows of ``cs`` filled with one sheet's answers, notes and evidence (criterion →
    documents), compared with another sheet when ``previous`` is given."""
    tree = serialize.detail(cs)
    answers, notes, evidence = answers or {}, notes or {}, evidence or {}
    compared = previous is not None
    previous = previous or {}
    previous_notes, previous_evidence = previous_notes or {}, previous_evidence or {}

    def option_rows(c, chosen_code):
        return [
            OptionRow(o["code"], o["text"], o["points"], o["min_star"], o["code"] == chosen_code)
            for o in c["options"]
        ]

    def row(c, depth) -> Row:
        out = Row(
            code=c["code"],
            name=c["name"],
            max_points=c["max_points"],
            depth=depth,
            notes=list(c.get("notes", [])),
            choose_one=bool(c.get("choose_one")),
        )
        if "options" in c:
            out.options = option_rows(c, answers.get(c["code"], ""))
            out.chosen = next((o for o in out.options if o.checked), None)
            out.note = notes.get(c["code"], "")
            out.evidence = list(evidence.get(c["code"], []))
            if compared:
                before = option_rows(c, previous.get(c["code"], ""))
                out.previous = next((o for o in before if o.checked), None)
                out.previous_note = previous_notes.get(c["code"], "")
                now, then = _keyed(out.evidence), _keyed(previous_evidence.get(c["code"], []))
                out.added_evidence = [d for k, d in now.items() if k not in then]
                out.removed_evidence = [d for k, d in then.items() if k not in now]
                out.changed = bool(
                    out.answer_changed
                    or out.note != out.previous_note
                    or out.added_evidence
                    or out.removed_evidence
                )
        else:
            out.children = [row(child, depth + 1) for child in c.get("criteria", [])]
            out.changed = any(child.changed for child in out.children)
        return out

    parts = []
    for p in tree["parts"]:
        part = Row(code=p["code"], name=p["name"], max_points=p["max_points"], depth=0)
        part.children = [row(c, 1) for c in p["criteria"]]
        part.changed = any(child.changed for child in part.children)
        parts.append(part)
    return SheetView(
        code=tree["code"],
        name=tree["name"],
        max_points=tree["max_points"],
        parts=parts,
        rejection_conditions=list(tree.get("rejection_conditions", [])),
        notes=list(tree.get("notes", [])),
        compared=compared,
    )


def _keyed(documents) -> dict:
    return {getattr(d, "pk", d): d for d in documents}


def evidence_by_criterion(links) -> dict[str, list]:
    """``{criterion: [document, ...]}`` from evidence links (``""`` is the whole dossier)."""
    out: dict[str, list] = {}
    for link in links:
        out.setdefault(link.criterion, []).append(link.document)
    return out


def result_view(result: Mapping, sheet: SheetView) -> dict:
    """An engine result (``serialize.result``) with names, and its unmet minimums grouped
    the way they read. ``blocking_minimums``: the 3★ minimums that keep a product from being
    certified. Any other unmet minimum belongs to a higher star than the product reached, so
    it is "what N stars needs": the next star's go with ``next_star`` (``minimums``), the
    stars beyond it in ``minimums_to_reach``."""
    data = dict(result)
    stars = data.get("stars") or 0

    def named(items):
        return [{**u, "name": sheet.name_of(u["criterion"])} for u in items]

    unmet = named(data.get("unmet_minimums") or [])
    groups: dict[int, list] = {}
    for u in unmet:
        groups.setdefault(u["required_star"], []).append(u)
    data["unmet_minimums"] = unmet
    data["blocking_minimums"] = groups.pop(3, []) if stars < 3 else []
    nxt = data.get("next_star")
    if nxt:
        data["next_star"] = {
            **nxt,
            "minimums": groups.pop(nxt["stars"], []),
            "unmet_minimums": named(nxt.get("unmet_minimums") or []),
            "upgrades": [
                {
                    **u,
                    "name": sheet.name_of(u["criterion"]),
                    "to_text": sheet.option_text(u["criterion"], u["to_option"]),
                }
                for u in nxt.get("upgrades") or []
            ],
        }
    data["minimums_to_reach"] = [
        {"stars": star, "items": items} for star, items in sorted(groups.items())
    ]
    scores = data.get("parts") or {}
    data["part_scores"] = [
        {"code": p.code, "name": p.name, "score": scores.get(p.code, 0), "max": p.max_points}
        for p in sheet.parts
    ]
    data["unanswered_names"] = [(c, sheet.name_of(c)) for c in data.get("unanswered") or []]
    return data


def minimum_sections(view: Mapping) -> list[tuple[str, list]]:
    """``[(title, unmet minimums)]`` of a ``result_view``, for documents and short cards."""
    sections = []
    if view.get("blocking_minimums"):
        sections.append((_("Chưa đạt yêu cầu tối thiểu 3 sao"), view["blocking_minimums"]))
    nxt = view.get("next_star") or {}
    if nxt.get("minimums"):
        sections.append((_("Để đạt %(n)s sao cần") % {"n": nxt["stars"]}, nxt["minimums"]))
    for group in view.get("minimums_to_reach") or []:
        sections.append((_("Để đạt %(n)s sao cần") % {"n": group["stars"]}, group["items"]))
    return sections
