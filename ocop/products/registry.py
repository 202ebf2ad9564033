"""What products adds to the shared catalogues: its audit verbs."""

from django.utils.translation import gettext_lazy as _

from ocop.audit import verbs

VERBS = {
    "product.created": _("Tạo sản phẩm"),
    "product.updated": _("Cập nhật sản phẩm"),
    "product.coded": _("Cấp mã sản phẩm OCOP"),
    "idea.submitted": _("Đăng ký ý tưởng sản phẩm"),
    "idea.accepted": _("Xã chấp nhận ý tưởng sản phẩm"),
    "idea.returned": _("Xã trả lại ý tưởng sản phẩm"),
    "plan.submitted": _("Nộp phương án sản xuất kinh doanh"),
    "plan.accepted": _("Xã chấp nhận phương án sản xuất kinh doanh"),
    "plan.returned": _("Xã trả lại phương án sản xuất kinh doanh"),
}
KEYS = {
    "photos": _("Số ảnh sản phẩm"),
    "idea": _("Ý tưởng sản phẩm"),
    # Audit entries written before the review note had one name.
    "reason": _("Lý do"),
    "comment": _("Nhận xét"),
}


def register() -> None:
    verbs.register(VERBS, keys=KEYS)
