from django.utils.translation import gettext as _
from ninja import Router, Schema

from ocop.lib.apierror import ApiError
from ocop.places import queries
from ocop.places.models import Province

router = Router(tags=["places"])


class ProvinceOut(Schema):
    code: str
    name: str
    type: str
    codename: str


class CommuneOut(Schema):
    code: str
    name: str
    type: str
    codename: str
    province_code: str


@router.get("/provinces", response=list[ProvinceOut], summary="Tỉnh, thành phố (34)")
def list_provinces(request):
    """The 34 provinces and centrally governed cities in force since 1/7/2025."""
    return list(queries.provinces())


@router.get(
    "/provinces/{code}/communes",
    response={200: list[CommuneOut], 404: dict},
    summary="Xã, phường, đặc khu của một tỉnh",
)
def list_communes(request, code: str):
    """The communes, wards and special zones of one province, by the province's 2-digit code."""
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise ApiError(404, _("Không có tỉnh, thành phố mã %(code)s.") % {"code": code}, code)
    return [
        CommuneOut(
            code=c.code, name=c.name, type=c.type, codename=c.codename, province_code=province.code
        )
        for c in queries.communes_of(province)
    ]
