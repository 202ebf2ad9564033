"""The certificate's life (Điều 4.3, 7.6, 8, 12 of 26/2026/QĐ-TTg) and what hangs on it:
revocations (Điều 8), post-certification inspections (Điều 9), consumers' reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class State(models.TextChoices):
    """What has happened to a certificate (stored). What it means today is ``Status``."""

    ACTIVE = "active", _("Đang có hiệu lực")
    SUPERSEDED = "superseded", _("Đã được thay thế")
    REVOKED = "revoked", _("Đã bị thu hồi")
    EXPIRED = "expired", _("Đã hết hạn")


# One lifecycle, one table (house rule 2): an issued certificate is never edited; it ends
# once, by a newer certificate, a revocation or its term (with the Điều 12.3 extension).
TRANSITIONS = {
    ("supersede", State.ACTIVE): State.SUPERSEDED,
    ("supersede", State.EXPIRED): State.SUPERSEDED,  # a late re-evaluation's result
    ("revoke", State.ACTIVE): State.REVOKED,
    ("expire", State.ACTIVE): State.EXPIRED,
}


class Status(models.TextChoices):
    """What a consumer is told (``status.status_on``)."""

    PENDING = "pending", _("Chưa đến ngày hiệu lực")
    VALID = "valid", _("Còn hiệu lực")
    EXPIRING = "expiring", _("Sắp hết hạn")
    EXTENDED = "extended", _("Đang gia hạn theo Điều 12.3")
    EXPIRED = "expired", pgettext_lazy("certificate status", "Hết hạn")
    REVOKED = "revoked", _("Đã bị thu hồi")
    SUPERSEDED = "superseded", _("Đã được thay thế")


# The statuses under which the product may still be sold as OCOP.
IN_FORCE = {Status.VALID, Status.EXPIRING, Status.EXTENDED}


class Authority(models.TextChoices):
    """Who issued it. District committees recognised 3★ under 148/QĐ-TTg until 1/7/2025;
    their certificates run to the end of their term (Điều 12.1)."""

    PROVINCE = "province", _("Chủ tịch UBND cấp tỉnh")
    MINISTRY = "ministry", _("Bộ trưởng Bộ Nông nghiệp và Môi trường")
    DISTRICT = "district", _("Chủ tịch UBND cấp huyện (trước 01/07/2025)")


class Origin(models.TextChoices):
    SYSTEM = "system", _("Cấp từ quyết định công nhận trên hệ thống")
    ENTERED = "entered", _("Nhập từ giấy chứng nhận đã cấp")


class Ground(models.TextChoices):
    """Điều 8.1: the six grounds of a revocation."""

    FALSE_DOSSIER = "a", _("a) Cung cấp thông tin, tài liệu không trung thực hoặc giả mạo hồ sơ")
    CRITERIA = "b", _("b) Sản phẩm không còn đáp ứng Bộ tiêu chí theo kết luận kiểm tra, giám sát")
    LAW = (
        "c",
        _(
            "c) Vi phạm pháp luật về chất lượng, an toàn thực phẩm, môi trường, sở hữu trí tuệ, "
            "ghi nhãn hàng hóa…"
        ),
    )
    MARK = "d", _("d) Sử dụng nhãn hiệu OCOP không đúng quy định, gây nhầm lẫn")
    STOPPED = "dd", _("đ) Chủ thể không còn sản xuất sản phẩm OCOP")
    OTHER = "e", _("e) Trường hợp khác theo kết luận, đề nghị của cơ quan có thẩm quyền")
    # Not a ground of Điều 8: a correction decision withdrew the recognising line (Điều 10.1.b).
    WITHDRAWN = "withdrawn", _("Quyết định công nhận đã bị bãi bỏ")


GROUNDS = [g for g in Ground if g != Ground.WITHDRAWN]


class Trigger(models.TextChoices):
    """Điều 8.4: the 15 days run from the authority's conclusion on the violation, or from
    the commune's confirmation that the producer stopped production."""

    CONCLUSION = "conclusion", _("Kết luận của cơ quan có thẩm quyền")
    COMMUNE = "commune", _("Xác nhận của UBND cấp xã về việc chủ thể không còn sản xuất")


class CaseState(models.TextChoices):
    OPEN = "open", _("Đang xác minh, trình")
    REVOKED = "revoked", _("Đã quyết định thu hồi")
    DROPPED = "dropped", _("Không thu hồi")


class InspectionKind(models.TextChoices):
    """Điều 9.2.a: periodic and ad hoc checks."""

    PERIODIC = "periodic", _("Kiểm tra định kỳ")
    AD_HOC = "ad_hoc", _("Kiểm tra đột xuất")


class InspectionState(models.TextChoices):
    PLANNED = "planned", _("Đã lập kế hoạch")
    CONCLUDED = "concluded", _("Đã kết luận")


class MarkUse(models.TextChoices):
    """Điều 9.3.b: use of the OCOP mark and of OCOP information."""

    UNCHECKED = "", _("Chưa kiểm tra")
    CORRECT = "correct", _("Đúng quy định")
    WRONG = "wrong", _("Không đúng quy định, gây nhầm lẫn")
    NOT_USED = "not_used", _("Không sử dụng nhãn hiệu OCOP")


class Conclusion(models.TextChoices):
    PENDING = "", _("Chưa kết luận")
    MEETS = "meets", _("Duy trì các tiêu chí")
    FAILS = "fails", _("Không duy trì các tiêu chí")


class ReportKind(models.TextChoices):
    NO_QR = "no_qr", _("Bán như sản phẩm OCOP nhưng không có mã QR, không tra cứu được")
    WRONG_STARS = "wrong_stars", _("Số sao trên nhãn khác với giấy chứng nhận")
    EXPIRED = "expired", _("Giấy chứng nhận đã hết hạn hoặc bị thu hồi nhưng vẫn dán nhãn")
    OTHER = "other", _("Khác")


class ReportState(models.TextChoices):
    OPEN = "open", _("Chờ xử lý")
    CLOSED = "closed", _("Đã đóng")
    INSPECTING = "inspecting", _("Đã mở kiểm tra")


class Reminder(models.TextChoices):
    """What the daily job tells the producer and the province (Điều 7.6.a)."""

    WINDOW_OPENS = "window_opens", _("Mở thời gian nộp hồ sơ đánh giá lại")
    WINDOW_CLOSING = "window_closing", _("Còn 30 ngày để nộp hồ sơ đánh giá lại")
    EXPIRED = "expired", _("Giấy chứng nhận hết hạn")
