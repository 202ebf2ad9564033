from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcopConfig(AppConfig):
    """The project itself as an app: base templates, static files, translations, commands."""

    name = "ocop"
    verbose_name = "OCOP"

    def ready(self):
        from ocop.audit import verbs
        from ocop.lib import navigation
        from ocop.lib.navigation import MenuItem

        verbs.register({"daily.ran": _("Công việc hằng ngày đã chạy")}, keys={"date": _("Ngày")})

        navigation.add_menu_item("home", MenuItem(0, _("Trang chủ"), "home"))
        navigation.add_menu_item("api", MenuItem(100, _("API"), "/api/v1/docs"))
