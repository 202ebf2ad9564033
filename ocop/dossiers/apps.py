from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "ocop.dossiers"
    verbose_name = _("Hồ sơ sản phẩm")

    def ready(self):
        from ocop.dossiers import registry

        registry.register()
