from ocop.places.models import Commune, Province


def provinces():
    return Province.objects.order_by("code")


def communes_of(province: Province):
    return Commune.objects.filter(province=province).order_by("code")


def commune_choices(communes, *, blank: str = "---------") -> list[tuple]:
    """``(pk, "Xã …, Tỉnh …")`` for a select, in one query without model instances."""
    rows = communes.order_by("province__code", "name").values_list("pk", "name", "province__name")
    return [("", blank), *((pk, f"{name}, {province}") for pk, name, province in rows)]
