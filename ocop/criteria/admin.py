from django.contrib import admin

from ocop.criteria.models import CriteriaSet
from ocop.lib.admin import ReadOnlyAdmin


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "instrument", "published_at"]
    list_filter = ["instrument"]
    search_fields = ["code", "name"]
    exclude = ["definition"]
    readonly_fields = ["sha256"]
