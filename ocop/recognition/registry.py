from django.utils.translation import gettext_lazy as _

from ocop.audit import verbs
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem
from ocop.recognition import rules
from ocop.recognition.enums import DecisionKind

VERBS = {
    "decision.drafted": _("Lập dự thảo quyết định"),
    "decision.recorded": _("Ban hành quyết định"),
    "notice.sent": _("Gửi thông báo kết quả đánh giá"),
}
KEYS = {
    "number": _("Số"),
    "products": _("Sản phẩm"),
    "corrects": _("Sửa đổi, bãi bỏ quyết định"),
    "score": _("Điểm"),
    "stars": _("Số sao"),
}


def register() -> None:
    verbs.register(
        VERBS, keys=KEYS, values={"kind": dict(DecisionKind.choices)}, lists={"products"}
    )
    navigation.add_menu_item(
        "recognition:home",
        MenuItem(37, _("Công nhận"), "recognition:home", rules.works_on_recognition),
    )
