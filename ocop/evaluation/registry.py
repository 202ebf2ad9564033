"""What evaluation adds to the shared catalogues: audit verbs, the menu, role lines."""

from django.utils.translation import gettext_lazy as _

from ocop.audit import verbs
from ocop.evaluation import rules
from ocop.evaluation.enums import (
    Body,
    EvaluationMode,
    EvaluationState,
    MeetingGround,
    MemberRole,
    MinimumsRule,
    ReportConclusion,
    VisitGround,
)
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem

VERBS = {
    "council.created": _("Lập hội đồng đánh giá, phân hạng"),
    "council.updated": _("Sửa thông tin, Quy chế của hội đồng"),
    "council.member_added": _("Thêm thành viên hội đồng"),
    "council.member_left": _("Thành viên thôi tham gia hội đồng"),
    "round.created": _("Lập đợt đánh giá"),
    "round.declared": _("Khai báo xung đột lợi ích"),
    "evaluation.added": _("Đưa sản phẩm vào đợt đánh giá"),
    "sheet.submitted": _("Nộp phiếu đánh giá"),
    "evaluation.diverge": _("Điểm chênh lệch quá ngưỡng: cần thảo luận"),
    "evaluation.reopen": _("Mở lại phiếu để chấm lại"),
    "evaluation.close": _("Chốt kết quả đánh giá sản phẩm"),
    "evaluation.reject": _("Hội đồng loại hồ sơ"),
    # A re-evaluation by written opinion (Điều 7.6.d): the chair's decision to meet, and the
    # chair's notice that the written opinions differ (a notification, not a change).
    "evaluation.meeting": _("Chủ tịch Hội đồng quyết định họp trực tiếp"),
    "evaluation.opinions_differ": _("Ý kiến bằng văn bản của các thành viên khác nhau"),
}
KEYS = {
    "member": _("Thành viên"),
    "members": _("Thành viên"),
    "body": _("Thuộc"),
    "office": _("Cơ quan, đơn vị"),
    "council": _("Hội đồng"),
    "extra": _("Đợt bổ sung"),
    "dossier": _("Hồ sơ"),
    "interests": _("Quan hệ đã khai"),
    "total": _("Tổng điểm"),
    "stars": _("Số sao"),
    "answers": _("Phương án đã chọn"),
    "rejections": _("Điều kiện loại hồ sơ đã đánh dấu"),
    "spread": _("Chênh lệch"),
    "threshold": _("Ngưỡng"),
    "left_on": _("Đến ngày"),
    "mode": _("Hình thức đánh giá"),
    "meeting_ground": _("Lý do họp trực tiếp"),
    "meeting_note": _("Nội dung cần thảo luận"),
    "clock_starts_on": _("Ngày nhận đủ hồ sơ đề nghị"),
}

# The advisory team's review (ocop.evaluation.advisory), all recorded on the evaluation.
ADVISORY_VERBS = {
    "advisory.finding": _("Tổ tư vấn ghi nhận xét về hồ sơ"),
    "advisory.request": _("Tổ tư vấn đề xuất bổ sung hồ sơ"),
    "advisory.answer": _("Chủ thể trả lời yêu cầu bổ sung hồ sơ"),
    "advisory.visit": _("Tổ tư vấn ghi kết quả khảo sát thực tế"),
    "advisory.visit_files": _("Thêm ảnh, tệp của đợt khảo sát thực tế"),
    "advisory.lab_test": _("Tổ tư vấn đề nghị bổ sung kết quả kiểm nghiệm"),
    "advisory.lab_result": _("Ghi kết quả kiểm nghiệm bổ sung"),
    "advisory.report": _("Tổ tư vấn gửi báo cáo đánh giá đến Chủ tịch Hội đồng"),
}
ADVISORY_KEYS = {
    "criterion": _("Tiêu chí"),
    "finding": _("Nhận xét"),
    "request": _("Yêu cầu"),
    "what": _("Nội dung đề nghị"),
    "due_on": _("Hạn bổ sung"),
    "answer": _("Trả lời của chủ thể"),
    "documents": _("Tài liệu bổ sung"),
    "visited_on": _("Ngày khảo sát"),
    "people": _("Thành phần tham gia"),
    "visit_notes": _("Kết quả khảo sát"),
    "visit_ground": _("Lý do khảo sát thực tế"),
    "files": _("Tệp đính kèm"),
    "lab_test": _("Đề nghị kiểm nghiệm số"),
    "lab": _("Đơn vị kiểm nghiệm"),
    "lab_result": _("Kết quả kiểm nghiệm"),
    "conclusion": _("Kết luận, đề xuất"),
    "report": _("Nội dung báo cáo"),
    "supersedes": _("Thay báo cáo gửi lúc"),
}


def _asked_of_me(user) -> bool:
    """A producer's account the advisory team has asked something of."""
    from ocop.evaluation.models import DocumentRequest, LabTest

    scope = rules.request_scope(user)
    return not scope.empty and (
        scope.filter(DocumentRequest.objects.all()).exists()
        or scope.filter(LabTest.objects.all()).exists()
    )


def _role_lines(user):
    return [
        (f"{s.get_role_display()} · {s.get_body_display()}", s.council.name)
        for s in rules.seats(user)
    ]


def register() -> None:
    verbs.register(
        VERBS,
        keys=KEYS,
        values={
            "body": dict(Body.choices),
            "role": dict(MemberRole.choices),
            "state": dict(EvaluationState.choices),
            "minimums_rule": dict(MinimumsRule.choices),
            "mode": dict(EvaluationMode.choices),
            "meeting_ground": dict(MeetingGround.choices),
        },
        lists={"members", "interests", "rejections"},
    )
    verbs.register(
        ADVISORY_VERBS,
        keys=ADVISORY_KEYS,
        values={
            "conclusion": dict(ReportConclusion.choices),
            "visit_ground": dict(VisitGround.choices),
        },
        lists={"documents", "files"},
    )
    navigation.add_menu_item(
        "evaluation:requests",
        MenuItem(37, _("Yêu cầu bổ sung hồ sơ"), "evaluation:requests", _asked_of_me),
    )
    navigation.add_menu_item(
        "evaluation:home",
        MenuItem(35, _("Đánh giá, phân hạng"), "evaluation:home", rules.works_on_evaluation),
    )
    navigation.add_role_lines(_role_lines)
