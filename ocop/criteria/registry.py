"""What criteria adds to the shared catalogues: its menu items."""

from django.utils.translation import gettext_lazy as _

from ocop.accounts import rules as account_rules
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem


def can_view_sheets(user) -> bool:
    """The criteria sets as printed: office users and council members."""
    return account_rules.is_office_user(user) or account_rules.is_council_member(user)


def register() -> None:
    navigation.add_menu_item("criteria:choose", MenuItem(10, _("Tự đánh giá"), "criteria:choose"))
    navigation.add_menu_item(
        "criteria:staff", MenuItem(60, _("Bộ tiêu chí"), "criteria:staff_list", can_view_sheets)
    )
