from django.contrib import admin

from ocop.dossiers.models import Dossier
from ocop.lib.admin import ReadOnlyAdmin


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    """Dossiers move only through ``actions.transition`` (audited); the admin only looks."""

    list_display = ["code", "product", "producer", "commune", "kind", "state", "commune_deadline"]
    list_filter = ["state", "kind", "province"]
    search_fields = ["code", "product__name", "producer__name"]
