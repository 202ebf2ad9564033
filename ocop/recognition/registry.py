from django.utils.translation import gettext_lazy as _

from ocop.audit import verbs
from ocop.dossiers import standing as dossier_standing
from ocop.evaluation import sources
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem
from ocop.recognition import packages, rules
from ocop.recognition import standing as recognition_standing
from ocop.recognition.enums import DecisionKind, PackageItem, PackageKind, ProvinceChoice

VERBS = {
    "decision.drafted": _("Lập dự thảo quyết định"),
    "decision.recorded": _("Ban hành quyết định"),
    "notice.sent": _("Gửi thông báo kết quả đánh giá"),
    "package.opened": _("Lập hồ sơ đề nghị Bộ đánh giá 5 sao"),
    "package.updated": _("Sửa hồ sơ đề nghị Bộ đánh giá 5 sao"),
    "package.file_attached": _("Đính kèm giấy tờ vào hồ sơ gửi Bộ"),
    "package.sent": _("Gửi hồ sơ đề nghị đánh giá 5 sao đến Bộ"),
    "package.received": _("Bộ tiếp nhận hồ sơ đề nghị đánh giá 5 sao"),
    "package.returned": _("Bộ trả lại hồ sơ để bổ sung"),
    "package.chosen": _("Tỉnh chọn hướng xử lý kết quả dưới 90 điểm"),
}
KEYS = {
    "number": _("Số"),
    "products": _("Sản phẩm"),
    "corrects": _("Sửa đổi, bãi bỏ quyết định"),
    "score": _("Điểm"),
    "stars": _("Số sao"),
    "package_kind": _("Loại hồ sơ"),
    "letter_number": _("Số văn bản"),
    "samples_sent": _("Sản phẩm mẫu gửi kèm"),
    "item": _("Giấy tờ"),
    "letter": _("Văn bản"),
    "samples": _("Sản phẩm mẫu nhận được"),
    "items": _("Giấy tờ đã kiểm tra"),
    "choice": _("Hướng xử lý"),
}


def register() -> None:
    verbs.register(
        VERBS,
        keys=KEYS,
        values={
            "kind": dict(DecisionKind.choices),
            "package_kind": dict(PackageKind.choices),
            "item": dict(PackageItem.choices),
            "choice": dict(ProvinceChoice.choices),
        },
        lists={"products", "items"},
    )
    sources.register(
        sources.Source(
            include=packages.central_candidates,
            exclude=packages.held_back,
            clock=packages.received_on,
        )
    )
    sources.register(sources.Source(include=packages.province_again))
    dossier_standing.register(recognition_standing.standing)  # what "recognised" means
    navigation.add_menu_item(
        "recognition:home",
        MenuItem(37, _("Công nhận"), "recognition:home", rules.works_on_recognition),
    )
