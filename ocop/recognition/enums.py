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


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    RECORDED = "recorded", _("Đã ban hành")


class LineAction(models.TextChoices):
    RECOGNISE = "recognise", _("Công nhận")
    APPROVE = "approve", _("Phê duyệt kết quả")
    WITHDRAW = "withdraw", _("Bãi bỏ")
