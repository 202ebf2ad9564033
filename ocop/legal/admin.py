from django.contrib import admin

from ocop.legal.models import LegalInstrument, ProductGroup, ProductSet, Sector
from ocop.lib.admin import ReadOnlyAdmin


@admin.register(LegalInstrument)
class LegalInstrumentAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "signed_on", "effective_from", "effective_to"]
    search_fields = ["number", "title"]

    def has_delete_permission(self, request, obj=None):
        return False


# The classification is loaded from data files (load_criteria), never edited by hand.
@admin.register(Sector)
class SectorAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "instrument"]


@admin.register(ProductGroup)
class ProductGroupAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "sector"]


@admin.register(ProductSet)
class ProductSetAdmin(ReadOnlyAdmin):
    list_display = ["number", "code", "name", "sheet_name", "samples_required", "instrument"]
    list_filter = ["instrument", "samples_required"]
    search_fields = ["name", "sheet_name", "code"]
