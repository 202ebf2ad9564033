from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalType(models.TextChoices):
    """Producer types allowed by Điều 2.3 of 26/2026/QĐ-TTg."""

    COOPERATIVE = "htx", _("Hợp tác xã")
    COOPERATIVE_GROUP = "tht", _("Tổ hợp tác")
    LIMITED_COMPANY = "cong_ty_tnhh", _("Công ty TNHH (doanh nghiệp nhỏ và vừa)")
    PRIVATE_ENTERPRISE = "dntn", _("Doanh nghiệp tư nhân (nhỏ và vừa)")
    JOINT_STOCK = "cong_ty_co_phan", _("Công ty cổ phần (doanh nghiệp nhỏ và vừa)")
    FARM = "trang_trai", _("Trang trại")
    HOUSEHOLD = "ho_san_xuat", _("Hộ sản xuất, hộ gia đình có đăng ký kinh doanh")
    ASSOCIATION = "hoi_hiep_hoi", _("Hội, hiệp hội")
    OPERATING_CENTRE = "trung_tam_dieu_hanh", _("Trung tâm điều hành hoặc tổ chức tương đương")


# Only for the community-tourism product set (set 26, Điều 2.3).
TOURISM_ONLY_TYPES = {LegalType.ASSOCIATION, LegalType.OPERATING_CENTRE}
TOURISM_PRODUCT_SET = 26


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")
