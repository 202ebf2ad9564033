"""The catalogue of audited verbs, with the label shown to people.

A verb is ``<area>.<what happened>``. Add new verbs here when an action starts writing them,
so every history page can name them in both languages.
"""

from django.utils.translation import gettext_lazy as _

VERBS = {
    "auth.login": _("Đăng nhập"),
    "auth.logout": _("Đăng xuất"),
    "auth.login_failed": _("Đăng nhập thất bại"),
    "auth.locked_out": _("Tạm khoá đăng nhập do sai nhiều lần"),
    "auth.password_changed": _("Đổi mật khẩu"),
    "auth.password_reset": _("Đặt lại mật khẩu qua e-mail"),
    "user.created": _("Tạo tài khoản"),
    "user.updated": _("Cập nhật tài khoản"),
    "user.deactivated": _("Khoá tài khoản"),
    "user.activated": _("Mở khoá tài khoản"),
    "role.granted": _("Cấp vai trò"),
    "role.revoked": _("Thu hồi vai trò"),
    "producer.created": _("Tạo chủ thể OCOP"),
    "producer.registered": _("Chủ thể tự đăng ký"),
    "producer.updated": _("Cập nhật thông tin chủ thể"),
    "evidence.uploaded": _("Tải lên tài liệu minh chứng"),
    "evidence.withdrawn": _("Rút tài liệu khỏi thư viện"),
    "product.created": _("Tạo sản phẩm"),
    "product.updated": _("Cập nhật sản phẩm"),
    "product.coded": _("Cấp mã sản phẩm OCOP"),
    "idea.submitted": _("Đăng ký ý tưởng sản phẩm"),
    "idea.accepted": _("Xã chấp nhận ý tưởng sản phẩm"),
    "idea.returned": _("Xã trả lại ý tưởng sản phẩm"),
    "plan.submitted": _("Nộp phương án sản xuất kinh doanh"),
    "plan.accepted": _("Xã chấp nhận phương án sản xuất kinh doanh"),
    "plan.returned": _("Xã trả lại phương án sản xuất kinh doanh"),
    "dossier.created": _("Lập hồ sơ mới"),
    "dossier.edited": _("Sửa hồ sơ sản phẩm"),
    "dossier.assessed": _("Xã cập nhật báo cáo Mẫu 03"),
    "dossier.submit": _("Nộp hồ sơ sản phẩm"),
    "dossier.receive": _("Tiếp nhận hồ sơ sản phẩm"),
    "dossier.return": _("Trả lại hồ sơ để bổ sung"),
    "dossier.propose": _("Xã đề nghị tỉnh đánh giá, phân hạng"),
    "dossier.accept": _("Tỉnh nhận hồ sơ vào đợt đánh giá"),
    "dossier.withdraw": _("Chủ thể rút hồ sơ"),
}


def verb_label(verb: str) -> str:
    return str(VERBS.get(verb, verb))
