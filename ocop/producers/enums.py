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


class EvidenceKind(models.TextChoices):
    """Kinds of document in a producer's evidence library (Mẫu 02, phần III: minh chứng)."""

    BUSINESS_REGISTRATION = "business_registration", _("Giấy đăng ký kinh doanh")
    FOOD_SAFETY = "food_safety", _("Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm")
    PRODUCTION_CONDITION = "production_condition", _("Giấy chứng nhận đủ điều kiện sản xuất")
    GAP_ORGANIC = "gap_organic", _("Chứng nhận VietGAP, GlobalGAP, hữu cơ")
    LAB_TEST = "lab_test", _("Phiếu kết quả kiểm nghiệm")
    QUALITY_DECLARATION = "quality_declaration", _("Bản công bố chất lượng sản phẩm")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Nhãn hiệu, sở hữu trí tuệ")
    QUALITY_SYSTEM = "quality_system", _("Chứng nhận ISO, HACCP, hệ thống quản lý chất lượng")
    RAW_MATERIAL = "raw_material", _("Nguồn gốc nguyên liệu, hợp đồng liên kết")
    ENVIRONMENT = "environment", _("Hồ sơ môi trường, công nghệ bền vững")
    LABOUR = "labour", _("Danh sách lao động, bảo hiểm xã hội")
    FINANCIAL = "financial", _("Báo cáo tài chính, kết quả phân loại hợp tác xã")
    CONTRACT = "contract", _("Hợp đồng phân phối, hoá đơn, xúc tiến thương mại")
    PROMOTION = "promotion", _("Quảng bá, website, câu chuyện sản phẩm")
    TRACEABILITY = "traceability", _("Mã số mã vạch, tem truy xuất nguồn gốc")
    AWARD = "award", _("Giải thưởng, bình chọn")
    PHOTO = "photo", _("Hình ảnh sản phẩm, bao bì, nhãn")
    BUSINESS_PLAN = "business_plan", _("Phương án, dự án sản xuất kinh doanh")
    OTHER = "other", _("Tài liệu khác")


# Papers an authority issues for the producer or the product, often for a limited time:
# what a re-evaluation must bring up to date (Điều 6.1.c: "bổ sung minh chứng các giấy tờ
# pháp lý có thời hạn", and "các phiếu kiểm nghiệm định kỳ"). Photos, contracts, plans and
# the like are the producer's own and are not on the list.
LEGAL_PAPERS = frozenset(
    {
        EvidenceKind.BUSINESS_REGISTRATION,
        EvidenceKind.FOOD_SAFETY,
        EvidenceKind.PRODUCTION_CONDITION,
        EvidenceKind.GAP_ORGANIC,
        EvidenceKind.LAB_TEST,
        EvidenceKind.QUALITY_DECLARATION,
        EvidenceKind.INTELLECTUAL_PROPERTY,
        EvidenceKind.QUALITY_SYSTEM,
    }
)
