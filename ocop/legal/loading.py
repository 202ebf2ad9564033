"""Loads a legal instrument and its classification (Phụ lục I) from data files. Idempotent."""

import datetime as dt
import json
from pathlib import Path

from ocop.legal.models import LegalInstrument, ProductGroup, ProductSet, Sector
from ocop.lib.text import fold


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


EARLIER = Path(__file__).resolve().parent / "data" / "earlier.json"


def load_earlier(path: Path = EARLIER) -> list[LegalInstrument]:
    """The rulebooks before 26/2026 (1048, 781, 148, 1489): certificates issued under them
    name them (Điều 12.1). Idempotent."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [load_instrument(meta) for meta in data["instruments"]]


def load_instrument(meta: dict) -> LegalInstrument:
    """Create or update an instrument from its ``instrument.json``."""
    instrument, _ = LegalInstrument.objects.update_or_create(
        number=meta["number"],
        defaults={
            "title": meta["title"],
            "signed_on": _date(meta["signed_on"]),
            "effective_from": _date(meta["effective_from"]),
            "effective_to": _date(meta.get("effective_to")),
        },
    )
    return instrument


def load_classification(instrument: LegalInstrument, data: dict) -> dict[int, ProductSet]:
    """Create or update sectors, groups and product sets; return product sets by number."""
    sectors, groups, product_sets = {}, {}, {}
    for position, sector in enumerate(data["sectors"], start=1):
        sectors[sector["code"]], _ = Sector.objects.update_or_create(
            instrument=instrument,
            code=sector["code"],
            defaults={"name": sector["name"], "position": position},
        )
        for group_position, group in enumerate(sector["groups"], start=1):
            groups[group["code"]], _ = ProductGroup.objects.update_or_create(
                sector=sectors[sector["code"]],
                code=group["code"],
                defaults={"name": group["name"], "position": group_position},
            )
    for item in data["product_sets"]:
        group = groups[item["group_code"]]
        values = {
            "group": group,
            "code": item["code"],
            "name": item["name"],
            "sheet_name": item["scoresheet_name"],
            "managing_ministries": item["managing_ministries"],
            "samples_required": item["samples_required"],
            "search_text": fold(
                " ".join(
                    [
                        item["code"],
                        item["name"],
                        item["scoresheet_name"],
                        group.name,
                        group.sector.name,
                    ]
                )
            ),
        }
        product_sets[item["number"]], _ = ProductSet.objects.update_or_create(
            instrument=instrument, number=item["number"], defaults=values
        )
    return product_sets
