from django.contrib import admin

from ocop.products.models import Product, ProductGroup, ProductIdea, ProductSet, Sector


class ReadOnlyAdmin(admin.ModelAdmin):
    """Legal data: loaded from data files, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin):
    """Products change through the producer's pages (audited actions), not here."""

    list_display = ["code", "name", "producer", "product_set", "ocop_code"]
    search_fields = ["code", "name", "ocop_code", "producer__name"]


@admin.register(ProductIdea)
class ProductIdeaAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "producer", "state", "created_at"]
    list_filter = ["state"]
