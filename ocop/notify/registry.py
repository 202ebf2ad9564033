"""What notify adds to the shared catalogues: the inbox in the menu, with the unread count."""

from django.utils.translation import gettext as _

from ocop.lib import navigation
from ocop.lib.navigation import MenuItem


def _label(user) -> str:
    unread = user.notifications.unread().count()
    return _("Thông báo (%(n)s)") % {"n": unread} if unread else _("Thông báo")


def register() -> None:
    navigation.add_menu_item(
        "notify:inbox", MenuItem(50, _label, "notify:inbox", navigation.signed_in)
    )
