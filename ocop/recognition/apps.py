from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "ocop.recognition"
    verbose_name = _("Công nhận sản phẩm OCOP")

    def ready(self):
        from ocop.recognition import registry

        registry.register()
