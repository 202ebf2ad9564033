from django.contrib import admin

from ocop.lib.admin import ReadOnlyAdmin
from ocop.listings.models import ListingChange, ModerationSetting, ProducerListing, ProductListing


@admin.register(ProducerListing)
class ProducerListingAdmin(ReadOnlyAdmin):
    """Published listings change only through the audited actions (approve, hide, show)."""

    list_display = ["producer", "show_phone", "show_email", "hidden_at", "updated_at"]
    search_fields = ["producer__name", "producer__code"]


@admin.register(ProductListing)
class ProductListingAdmin(ReadOnlyAdmin):
    list_display = ["product", "hidden_at", "updated_at"]
    search_fields = ["product__name", "product__code"]


@admin.register(ListingChange)
class ListingChangeAdmin(ReadOnlyAdmin):
    list_display = ["code", "producer", "product", "state", "submitted_at", "decided_at"]
    list_filter = ["state"]
    search_fields = ["code", "producer__name", "product__name"]


@admin.register(ModerationSetting)
class ModerationSettingAdmin(ReadOnlyAdmin):
    list_display = ["province", "moderation", "updated_by", "updated_at"]
