from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "ocop.places"
    verbose_name = _("Đơn vị hành chính")
