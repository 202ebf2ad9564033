from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibConfig(AppConfig):
    """Shared helpers of every app. Its one table is ``Counter`` (gap-free sequences)."""

    name = "ocop.lib"
    label = "lib"
    verbose_name = _("Tiện ích chung")
