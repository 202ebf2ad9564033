from ocop.places.models import Commune, Province


def provinces():
    return Province.objects.order_by("code")


def communes_of(province: Province):
    return Commune.objects.filter(province=province).order_by("code")
