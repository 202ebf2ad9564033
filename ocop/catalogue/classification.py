"""The classification tree the catalogue filters by (sector → group → product set, Phụ lục I),
by code, with the names of the instrument in force (older instruments' codes that it no
longer has keep their own names). Read once per process for ``TTL`` seconds."""

import time
from dataclasses import dataclass

from django.utils import timezone

from ocop.legal.models import LegalInstrument, ProductSet

TTL = 300


@dataclass(frozen=True)
class Classification:
    sectors: dict[str, str]  # code -> name, in order
    groups: dict[str, tuple[str, str]]  # code -> (sector code, name)
    sets: dict[str, tuple[str, str]]  # code -> (group code, name)

    def level(self, code: str) -> str:
        if code in self.sectors:
            return "sector"
        if code in self.groups:
            return "group"
        if code in self.sets:
            return "product_set"
        return ""

    def name(self, code: str) -> str:
        if code in self.sectors:
            return self.sectors[code]
        if code in self.groups:
            return self.groups[code][1]
        return self.sets.get(code, ("", code))[1]

    def path(self, code: str) -> list[str]:
        """The codes from the sector down to ``code``."""
        level = self.level(code)
        if level == "sector":
            return [code]
        if level == "group":
            return [self.groups[code][0], code]
        if level == "product_set":
            group = self.sets[code][0]
            return [*self.path(group), code] if group != code else self.path(group)
        return []

    def choices(self, chosen: str) -> list[tuple[str, str, str]]:
        """(level, code, name) to offer when ``chosen`` is chosen: the sectors, else the
        chosen sector's groups, else the chosen group's product sets (the chosen one and its
        parents come first, so the visitor can step back)."""
        level = self.level(chosen)
        if not level:
            return [("sector", c, n) for c, n in self.sectors.items()]
        path = self.path(chosen)
        out = [(self.level(c), c, self.name(c)) for c in path]
        sector = path[0]
        if level == "sector":
            out += [("group", c, n) for c, (s, n) in self.groups.items() if s == sector]
        else:
            group = path[1]
            out += [
                ("product_set", c, n)
                for c, (g, n) in self.sets.items()
                if g == group and c not in path
            ]
        return out


_kept: dict = {}


def classification() -> Classification:
    if _kept and time.monotonic() - _kept["at"] < TTL:
        return _kept["tree"]
    today = timezone.localdate()
    current = set(LegalInstrument.objects.in_force(today).values_list("pk", flat=True))
    sectors: dict[str, str] = {}
    groups: dict[str, tuple[str, str]] = {}
    sets: dict[str, tuple[str, str]] = {}
    rows = ProductSet.objects.select_related("group__sector").order_by(
        "group__sector__position", "group__position", "number"
    )
    # The instruments in force last, so their names win.
    for product_set in sorted(rows, key=lambda s: s.instrument_id in current):
        group, sector = product_set.group, product_set.group.sector
        sectors[sector.code] = sector.name
        groups[group.code] = (sector.code, group.name)
        sets[product_set.code] = (group.code, product_set.name)
    order = {code: i for i, code in enumerate(_roman_order(sectors))}
    tree = Classification(
        dict(sorted(sectors.items(), key=lambda kv: order[kv[0]])),
        dict(sorted(groups.items(), key=lambda kv: _key(kv[0]))),
        dict(sorted(sets.items(), key=lambda kv: _key(kv[0]))),
    )
    _kept.update(at=time.monotonic(), tree=tree)
    return tree


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _roman_order(codes) -> list[str]:
    return sorted(codes, key=lambda c: (ROMAN.index(c) if c in ROMAN else 99, c))


def _key(code: str) -> tuple:
    head, *rest = code.split(".")
    return (ROMAN.index(head) if head in ROMAN else 99, *[(len(p), p) for p in rest])


def forget(**kwargs) -> None:
    _kept.clear()
