"""What accounts adds to the shared catalogues: audit verbs, menu items, role lines."""

from django.utils.translation import gettext_lazy as _

from ocop.accounts import rules
from ocop.accounts.enums import Role
from ocop.audit import verbs
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem

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
}
KEYS = {
    "role": _("Vai trò"),
    "province": _("Tỉnh, thành phố"),
    "commune": _("Xã, phường, đặc khu"),
    "username": _("Tên đăng nhập"),
    "fields": _("Các mục đã sửa"),
}


def _role_lines(user):
    return [(a.get_role_display(), a.place_label) for a in rules.active_roles(user)]


def register() -> None:
    verbs.register(VERBS, keys=KEYS, values={"role": dict(Role.choices)}, lists={"fields"})
    navigation.add_menu_item(
        "accounts:dashboard",
        MenuItem(20, _("Trang của tôi"), "accounts:dashboard", navigation.signed_in),
    )
    navigation.add_menu_item(
        "accounts:users", MenuItem(70, _("Người dùng"), "accounts:user_list", rules.can_view_users)
    )
    navigation.add_menu_item(
        "accounts:audit", MenuItem(80, _("Nhật ký"), "audit_log", rules.can_view_audit_log)
    )
    navigation.add_menu_item(
        "accounts:admin",
        MenuItem(90, _("Quản trị"), "admin:index", lambda user: bool(user.is_staff)),
    )
    navigation.add_role_lines(_role_lines)
