from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ OCOP cấp xã")
    PROVINCE_OFFICER = "province_officer", _("Cán bộ OCOP cấp tỉnh")
    COUNCIL_MEMBER = "council_member", _("Thành viên hội đồng đánh giá")
    CENTRAL_OFFICER = "central_officer", _("Cán bộ OCOP trung ương")
    ADMIN = "admin", _("Quản trị hệ thống")


class Scope(models.TextChoices):
    """What kind of place a role is held over."""

    COMMUNE = "commune", _("Một xã, phường, đặc khu")
    PROVINCE = "province", _("Một tỉnh, thành phố")
    PROVINCE_OR_NATION = "province_or_nation", _("Một tỉnh (hội đồng cấp tỉnh) hoặc toàn quốc")
    NATION = "nation", _("Toàn quốc")


ROLE_SCOPE = {
    Role.COMMUNE_OFFICER: Scope.COMMUNE,
    Role.PROVINCE_OFFICER: Scope.PROVINCE,
    Role.COUNCIL_MEMBER: Scope.PROVINCE_OR_NATION,
    Role.CENTRAL_OFFICER: Scope.NATION,
    Role.ADMIN: Scope.NATION,
}

# Roles whose holders work in the back office (they see the staff navigation).
OFFICE_ROLES = {Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER, Role.CENTRAL_OFFICER, Role.ADMIN}
