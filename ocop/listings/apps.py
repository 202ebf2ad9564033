from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "ocop.listings"
    verbose_name = _("Thông tin giới thiệu công khai của chủ thể")

    def ready(self):
        from ocop.listings import registry

        registry.register()
