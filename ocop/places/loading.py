"""Loads provinces and communes from the maintained ``vietnam-provinces`` package.

Idempotent: a second run changes nothing; a new package release updates names in place.
"""

from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province as SourceProvince
from vietnam_provinces import VietNamDivisionType as SourceType
from vietnam_provinces import Ward as SourceWard

from ocop.places.enums import CommuneType, ProvinceType
from ocop.places.models import Commune, Province

PROVINCE_TYPES = {
    SourceType.TINH: ProvinceType.PROVINCE,
    SourceType.THANH_PHO_TRUNG_UONG: ProvinceType.CITY,
}
COMMUNE_TYPES = {
    SourceType.XA: CommuneType.COMMUNE,
    SourceType.PHUONG: CommuneType.WARD,
    SourceType.DAC_KHU: CommuneType.SPECIAL_ZONE,
}


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _sync(model, rows: dict[str, dict], fields: list[str], result: LoadResult) -> dict[str, int]:
    existing = {obj.code: obj for obj in model.objects.all()}
    to_create, to_update = [], []
    for code, values in rows.items():
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, **values))
        elif any(getattr(obj, f) != values[f] for f in fields):
            for f in fields:
                setattr(obj, f, values[f])
            to_update.append(obj)
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=500)
    model.objects.bulk_update(to_update, fields, batch_size=500)
    result.created += len(to_create)
    result.updated += len(to_update)
    return dict(model.objects.values_list("code", "id"))


@transaction.atomic
def load_places() -> LoadResult:
    result = LoadResult()
    provinces = {
        f"{int(p.code):02d}": {
            "name": p.name,
            "type": PROVINCE_TYPES[p.division_type],
            "codename": p.codename,
        }
        for p in SourceProvince.iter_all()
    }
    province_ids = _sync(Province, provinces, ["name", "type", "codename"], result)
    communes = {
        f"{int(w.code):05d}": {
            "name": w.name,
            "type": COMMUNE_TYPES[w.division_type],
            "codename": w.codename,
            "province_id": province_ids[f"{int(w.province_code):02d}"],
        }
        for w in SourceWard.iter_all()
    }
    _sync(Commune, communes, ["name", "type", "codename", "province_id"], result)
    return result
