from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "ocop.legal"
    verbose_name = _("Văn bản pháp lý")
