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
}


def verb_label(verb: str) -> str:
    return str(VERBS.get(verb, verb))
