from django.contrib import admin

from ocop.lib.admin import ReadOnlyAdmin
from ocop.products.models import Product, ProductIdea


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin):
    """Products change through the producer's pages (audited actions), not here."""

    list_display = ["code", "name", "producer", "product_set", "ocop_code"]
    search_fields = ["code", "name", "ocop_code", "producer__name"]


@admin.register(ProductIdea)
class ProductIdeaAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "producer", "state", "created_at"]
    list_filter = ["state"]
