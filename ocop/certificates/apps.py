from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "ocop.certificates"
    verbose_name = _("Giấy chứng nhận sản phẩm OCOP")

    def ready(self):
        from ocop.certificates import registry

        registry.register()
