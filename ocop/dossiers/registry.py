"""What dossiers adds to the shared catalogues: audit verbs and how their details read,
and the work queue in the menu."""

from django.utils.translation import gettext_lazy as _

from ocop.audit import verbs
from ocop.dossiers import content, rules
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem

VERBS = {
    "dossier.created": _("Lập hồ sơ mới"),
    "dossier.edited": _("Sửa hồ sơ sản phẩm"),
    "dossier.assessed": _("Xã cập nhật báo cáo Mẫu 03"),
    "dossier.letter_attached": _("Xã đính kèm văn bản đề nghị"),
    "dossier.submit": _("Nộp hồ sơ sản phẩm"),
    "dossier.receive": _("Tiếp nhận hồ sơ sản phẩm"),
    "dossier.return": _("Trả lại hồ sơ để bổ sung"),
    "dossier.propose": _("Xã đề nghị tỉnh đánh giá, phân hạng"),
    "dossier.accept": _("Tỉnh nhận hồ sơ vào đợt đánh giá"),
    "dossier.withdraw": _("Chủ thể rút hồ sơ"),
}
KEYS = {
    "version": _("Phiên bản"),
    "new_version": _("Phiên bản mới để bổ sung"),
    "sections": _("Phần đã sửa"),
    "receipt": _("Số phiếu tiếp nhận"),
    "reason": _("Nội dung"),
    "product": _("Sản phẩm"),
    "product_code": _("Mã sản phẩm OCOP"),
    "round": _("Đợt đánh giá"),
    "generated": _("tạo từ Mẫu 03"),
}
SECTION_NAMES = {
    **{s.key: s.title for s in content.SECTIONS},
    "answers": _("Phần III: phương án tự chấm"),
    "notes": _("Phần III: mô tả, chứng minh"),
    "evidence": _("Minh chứng"),
}


def register() -> None:
    from ocop.dossiers.models import CommuneAssessment

    # "dossier.assessed" records the fields of Mẫu 03, which belong to the assessment.
    assessment = {f.name: f.verbose_name for f in CommuneAssessment._meta.fields}
    verbs.register(
        VERBS,
        keys={**assessment, **KEYS},
        values={"sections": SECTION_NAMES},
        lists={"sections"},
    )
    navigation.add_menu_item(
        "dossiers:queue",
        MenuItem(30, _("Hồ sơ sản phẩm"), "dossiers:queue", rules.works_on_dossiers),
    )
