"""What trade promotion adds to the shared catalogues: its audit verbs and the menu items
(the public calendar; the office's events; a producer's events and applications)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ocop.audit import verbs
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem
from ocop.promotion import rules

VERBS = {
    "event.created": _("Tạo sự kiện xúc tiến thương mại"),
    "event.updated": _("Sửa sự kiện xúc tiến thương mại"),
    "event.published": _("Công bố sự kiện"),
    "event.cancelled": _("Hủy sự kiện"),
    "participation.applied": _("Đăng ký tham gia sự kiện"),
    "participation.withdrawn": _("Rút đăng ký tham gia sự kiện"),
    "participation.accepted": _("Nhận chủ thể tham gia sự kiện"),
    "participation.declined": _("Không nhận chủ thể tham gia sự kiện"),
    "participation.added": _("Thêm chủ thể tham gia sự kiện"),
}
KEYS = {
    "event": _("Sự kiện"),
}


def register() -> None:
    verbs.register(VERBS, keys=KEYS, lists={"products"})
    navigation.add_menu_item(
        "promotion:calendar", MenuItem(6, pgettext_lazy("menu", "Sự kiện"), "promotion:calendar")
    )
    navigation.add_menu_item(
        "promotion:manage",
        MenuItem(39, _("Xúc tiến thương mại"), "promotion:manage", rules.is_organiser),
    )
    navigation.add_menu_item(
        "promotion:mine",
        MenuItem(42, _("Đăng ký sự kiện"), "promotion:mine", rules.is_exhibitor),
    )
