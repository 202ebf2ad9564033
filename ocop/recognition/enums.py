"""Recognition after a council result (Điều 4.1, 7.3.đ–g, 26/2026/QĐ-TTg).

The province's Chairman recognises 3★ and 4★ products and publishes the result (Điều
7.3.e); a product of 90 points or more gets the approval of its result instead, and goes to
the ministry (Điều 7.3.e, second paragraph); 1★–2★ products get no decision (Điều 4.1.a)
but a written notice (Điều 7.3.g).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

FIVE_STAR_FLOOR = 90  # Điều 3.3 and 7.3.e: "đạt từ 90 trở lên"
CERTIFIABLE_FROM = 3  # Điều 4.1.a: no decision for 1★ or 2★


class DecisionKind(models.TextChoices):
    RECOGNITION = "recognition", _("Quyết định công nhận sản phẩm OCOP")
    APPROVAL = "approval", _("Quyết định phê duyệt kết quả đánh giá (sản phẩm tiềm năng 5 sao)")
    CORRECTION = "correction", _("Quyết định sửa đổi, bãi bỏ")
    # Điều 7.4.e: the Minister recognises 5★ products and certifies them.
    MINISTRY = "ministry", _("Quyết định công nhận sản phẩm OCOP 5 sao (Bộ trưởng)")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    RECORDED = "recorded", _("Đã ban hành")


class LineAction(models.TextChoices):
    RECOGNISE = "recognise", _("Công nhận")
    APPROVE = "approve", _("Phê duyệt kết quả")
    WITHDRAW = "withdraw", _("Bãi bỏ")


class PackageKind(models.TextChoices):
    """Điều 6.3: the province's proposal to the ministry."""

    FIRST = "first", _("Đề nghị đánh giá, phân hạng sản phẩm OCOP 5 sao")  # Điều 6.3.a
    RE_EVALUATION = "re_evaluation", _("Đề nghị đánh giá, phân hạng lại sản phẩm OCOP 5 sao")


class PackageState(models.TextChoices):
    DRAFT = "draft", _("Tỉnh đang chuẩn bị")
    SENT = "sent", _("Đã gửi Bộ, chờ tiếp nhận")
    RETURNED = "returned", _("Bộ trả lại để bổ sung")
    RECEIVED = "received", _("Bộ đã tiếp nhận")


class PackageItem(models.TextChoices):
    """The papers of Điều 6.3.a (first evaluation) and 6.3.b (re-evaluation)."""

    LETTER = "letter", _("Văn bản của UBND tỉnh gửi Bộ Nông nghiệp và Môi trường")
    ADVISORY_REPORT = "advisory_report", _("Báo cáo đánh giá của Tổ tư vấn Hội đồng cấp tỉnh")
    COUNCIL_REPORT = "council_report", _("Báo cáo đánh giá của Hội đồng cấp tỉnh")
    APPROVAL = "approval", _("Quyết định phê duyệt kết quả đánh giá của Chủ tịch UBND tỉnh")
    OFFICE_REPORT = (
        "office_report",
        _("Báo cáo đánh giá của cơ quan tham mưu quản lý OCOP cấp tỉnh"),
    )
    PRODUCT_DOSSIER = "product_dossier", _("Hồ sơ sản phẩm")
    EXTRA_TESTS = (
        "extra_tests",
        _("Văn bản xác nhận kiểm tra, kiểm nghiệm bổ sung của cấp tỉnh (nếu có)"),
    )
    SAMPLES = "samples", _("05 sản phẩm mẫu")


# What each package holds, in the order of Điều 6.3; EXTRA_TESTS is the only optional one,
# SAMPLES is left out for set 26 (community tourism) as for the commune (Điều 6.2.d).
PACKAGE_ITEMS = {
    PackageKind.FIRST: (
        PackageItem.LETTER,
        PackageItem.ADVISORY_REPORT,
        PackageItem.COUNCIL_REPORT,
        PackageItem.APPROVAL,
        PackageItem.PRODUCT_DOSSIER,
        PackageItem.EXTRA_TESTS,
        PackageItem.SAMPLES,
    ),
    PackageKind.RE_EVALUATION: (
        PackageItem.LETTER,
        PackageItem.OFFICE_REPORT,
        PackageItem.PRODUCT_DOSSIER,
        PackageItem.EXTRA_TESTS,
        PackageItem.SAMPLES,
    ),
}
OPTIONAL_ITEMS = {PackageItem.EXTRA_TESTS}
# Papers the province uploads (the others the system already holds, or are counted).
UPLOADED_ITEMS = {
    PackageItem.LETTER,
    PackageItem.ADVISORY_REPORT,
    PackageItem.OFFICE_REPORT,
    PackageItem.EXTRA_TESTS,
}


class ProvinceChoice(models.TextChoices):
    """Điều 7.4.g: below 90 points at the ministry, the province's Chairman may recognise
    3★ or 4★ on the central council's result, or have the product evaluated again."""

    RECOGNISE = "recognise", _("Công nhận 3 sao, 4 sao theo kết quả của Hội đồng cấp trung ương")
    RE_EVALUATE = "re_evaluate", _("Tổ chức đánh giá, phân hạng lại theo thẩm quyền")
