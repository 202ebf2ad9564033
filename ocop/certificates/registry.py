from django.utils.translation import gettext_lazy as _

from ocop.audit import verbs
from ocop.certificates import actions as certificate_actions
from ocop.certificates import daily, rules
from ocop.certificates import standing as certificate_standing
from ocop.certificates.enums import (
    CaseState,
    Ground,
    InspectionKind,
    MarkUse,
    Reminder,
    ReportKind,
    ReportState,
)
from ocop.dossiers import standing as dossier_standing
from ocop.lib import daily as daily_tasks
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem
from ocop.recognition import after
from ocop.recognition import standing as recognition_standing

VERBS = {
    "certificate.issued": _("Cấp giấy chứng nhận"),
    "certificate.entered": _("Nhập giấy chứng nhận đã cấp"),
    "certificate.superseded": _("Giấy chứng nhận được thay thế"),
    "certificate.revoked": _("Thu hồi giấy chứng nhận"),
    "certificate.expired": _("Giấy chứng nhận hết hạn"),
    "certificate.reminded": _("Nhắc đánh giá lại"),
    "certificate.window_opens": _("Mở thời gian nộp hồ sơ đánh giá lại"),
    "certificate.window_closing": _("Sắp hết thời gian nộp hồ sơ đánh giá lại"),
    "revocation.opened": _("Lập hồ sơ thu hồi giấy chứng nhận"),
    "revocation.dropped": _("Không thu hồi giấy chứng nhận"),
    "report.received": _("Nhận phản ánh của người tiêu dùng"),
    "report.closed": _("Đóng phản ánh"),
    "report.inspecting": _("Mở kiểm tra từ phản ánh"),
    "inspection.planned": _("Lập kế hoạch kiểm tra sau công nhận"),
    "inspection.recorded": _("Ghi kết quả kiểm tra sản phẩm"),
    "inspection.concluded": _("Kết luận kiểm tra"),
    "inspection.follow_up": _("Yêu cầu khắc phục"),
}
KEYS = {
    "number": _("Số"),
    "product": _("Sản phẩm"),
    "stars": _("Số sao"),
    "decision": _("Quyết định"),
    "superseded_by": _("Thay thế bởi"),
    "authority": _("Cơ quan cấp"),
    "ended_on": _("Ngày chấm dứt"),
    "reason": _("Lý do"),
    "reminder": _("Nhắc"),
    "certificate": _("Giấy chứng nhận"),
    "ground": _("Căn cứ"),
    "trigger_number": _("Văn bản kết luận, xác nhận"),
    "deadline": _("Hạn thu hồi"),
    "late_days": _("Số ngày quá hạn"),
    "report_kind": _("Nội dung phản ánh"),
    "inspection_kind": _("Hình thức kiểm tra"),
    "mark_use": _("Sử dụng nhãn hiệu OCOP"),
    # The daily job's summary (``ocop_daily``): what this app's task did.
    "certificates.issued": _("Giấy chứng nhận được cấp bù"),
    "certificates.expired": _("Giấy chứng nhận hết hạn"),
    "certificates.reminded": _("Lời nhắc đánh giá lại đã gửi"),
}


def register() -> None:
    verbs.register(
        VERBS,
        keys=KEYS,
        values={
            "ground": dict(Ground.choices),
            "reminder": dict(Reminder.choices),
            "report_kind": dict(ReportKind.choices),
            "inspection_kind": dict(InspectionKind.choices),
            "mark_use": dict(MarkUse.choices),
            "case_state": dict(CaseState.choices),
            "report_state": dict(ReportState.choices),
        },
    )
    # What "recognised" means is now the product's current certificate (paper ones too).
    dossier_standing.register(certificate_standing.standing, replaces=recognition_standing.standing)
    after.register(
        on_decision=certificate_actions.on_decision, on_notice=certificate_actions.on_notice
    )
    daily_tasks.register("certificates", daily.run)
    navigation.add_menu_item(
        "certificates:list",
        MenuItem(38, _("Giấy chứng nhận"), "certificates:list", rules.sees_certificates),
    )
