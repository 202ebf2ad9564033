from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    name = "ocop.promotion"
    verbose_name = _("Xúc tiến thương mại")

    def ready(self):
        from ocop.promotion import registry

        registry.register()
