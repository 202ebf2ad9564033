"""What evaluation adds to the shared catalogues: audit verbs, the menu, role lines."""

from django.utils.translation import gettext_lazy as _

from ocop.audit import verbs
from ocop.evaluation import rules
from ocop.evaluation.enums import Body, EvaluationState, MemberRole, MinimumsRule
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
}


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
        },
        lists={"members", "interests", "rejections"},
    )
    navigation.add_menu_item(
        "evaluation:home",
        MenuItem(35, _("Đánh giá, phân hạng"), "evaluation:home", rules.works_on_evaluation),
    )
    navigation.add_role_lines(_role_lines)
