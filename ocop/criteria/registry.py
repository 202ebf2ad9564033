"""What criteria adds to the shared catalogues: its menu items."""

from django.utils.translation import gettext_lazy as _

from ocop.criteria.rules import can_view_sheets
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem


def register() -> None:
    navigation.add_menu_item("criteria:choose", MenuItem(10, _("Tự đánh giá"), "criteria:choose"))
    navigation.add_menu_item(
        "criteria:staff", MenuItem(60, _("Bộ tiêu chí"), "criteria:staff_list", can_view_sheets)
    )
