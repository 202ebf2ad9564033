from django.contrib import admin

from ocop.lib.models import Counter


class ReadOnlyAdmin(admin.ModelAdmin):
    """Data that changes only through audited actions or loaders, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Counter)
class CounterAdmin(ReadOnlyAdmin):
    list_display = ["key", "value"]
    search_fields = ["key"]
