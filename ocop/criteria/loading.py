"""Loads legal instruments, their classification and their criteria sets from data files.

Each folder under ``ocop/criteria/data/`` is one instrument: ``instrument.json``,
``classification.json`` and ``sets/S01.json`` …. Adding an instrument (148/2023, say) is
adding a folder. Loading is idempotent; a published criteria set is never changed: if its
file no longer matches what was published, loading stops with an error.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ocop.criteria.models import CriteriaSet, definition_digest
from ocop.legal import loading as legal_loading

DATA_DIR = Path(__file__).resolve().parent / "data"
# Keys of a set file that belong to the published definition (the rest is transcription aid).
DEFINITION_KEYS = ("name", "parts", "rejection_conditions", "notes")


class PublishedSetChanged(Exception):
    pass


@dataclass
class LoadReport:
    instruments: list[str] = field(default_factory=list)
    created: int = 0
    unchanged: int = 0


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def set_definition(raw: dict, product_set_number: int) -> dict:
    definition = {key: raw.get(key, []) for key in DEFINITION_KEYS}
    definition["product_set"] = product_set_number
    definition["max_points"] = sum(part["max_points"] for part in raw["parts"])
    return definition


@transaction.atomic
def load_instrument(folder: Path, report: LoadReport) -> None:
    meta = read_json(folder / "instrument.json")
    instrument = legal_loading.load_instrument(meta)
    product_sets = legal_loading.load_classification(
        instrument, read_json(folder / "classification.json")
    )
    for path in sorted((folder / "sets").glob("S*.json")):
        raw = read_json(path)
        number = raw["number"]
        code = f"{meta['code_prefix']}-S{number:02d}"
        definition = set_definition(raw, number)
        digest = definition_digest(definition)
        existing = CriteriaSet.objects.filter(code=code).first()
        if existing is not None:
            if existing.sha256 != digest:
                raise PublishedSetChanged(
                    f"{code} is published and may not change; {path} differs from it. "
                    "Amendments are a new instrument with new sets."
                )
            report.unchanged += 1
            continue
        CriteriaSet.objects.create(
            code=code,
            instrument=instrument,
            product_set=product_sets[number],
            name=raw["name"],
            definition=definition,
            sha256=digest,
            published_at=timezone.now(),
        )
        report.created += 1
    report.instruments.append(instrument.number)


def load_all(data_dir: Path = DATA_DIR) -> LoadReport:
    report = LoadReport()
    legal_loading.load_earlier()  # the rulebooks before 26/2026, for older certificates
    for folder in sorted(p for p in data_dir.iterdir() if (p / "instrument.json").exists()):
        load_instrument(folder, report)
    return report
