"""What listings adds to the shared catalogues: audit verbs and their keys, menu items."""

from django.utils.translation import gettext_lazy as _

from ocop.audit import verbs
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem
from ocop.listings import rules

VERBS = {
    "listing.proposed": _("Đề nghị sửa thông tin công khai"),
    "listing.approved": _("Duyệt thông tin công khai"),
    "listing.published_at_once": _("Công khai ngay (tỉnh không yêu cầu duyệt trước)"),
    "listing.declined": _("Không duyệt thông tin công khai"),
    "listing.withdrawn": _("Rút đề nghị sửa thông tin công khai"),
    "listing.hidden": _("Ẩn thông tin công khai"),
    "listing.shown": _("Hiện lại thông tin công khai"),
    "listing.moderation_set": _("Đổi cấu hình duyệt thông tin công khai"),
}
# Entries are written on the producer or the product (their fields ``profile``, ``story``,
# ``photos`` label themselves) and on the province's ``ModerationSetting``; "reason" is
# labelled by the apps below. The keys are shared by all apps: only new ones here.
KEYS = {
    "change": _("Mã đề nghị"),
    "replaces": _("Thay cho đề nghị"),
    "shop_links": _("Nơi bán trực tuyến"),
    "show_phone": _("Công khai số điện thoại"),
    "show_email": _("Công khai e-mail"),
}


def register() -> None:
    verbs.register(VERBS, keys=KEYS)
    navigation.add_menu_item(
        "listings:mine",
        MenuItem(41, _("Thông tin công khai"), "listings:mine", rules.is_editor),
    )
    navigation.add_menu_item(
        "listings:queue",
        MenuItem(43, _("Kiểm duyệt thông tin công khai"), "listings:queue", rules.is_moderator),
    )
