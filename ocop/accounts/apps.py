from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ocop.accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self):
        from ocop.accounts import auth_events, registry

        # Django's own sign-in signals feed the audit log (sign-in, sign-out, failures).
        auth_events.connect()
        registry.register()
