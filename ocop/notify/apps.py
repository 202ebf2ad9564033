from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "ocop.notify"
    verbose_name = _("Thông báo")

    def ready(self):
        from ocop.notify import registry

        registry.register()
