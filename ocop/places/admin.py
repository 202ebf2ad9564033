from django.contrib import admin

from ocop.places.models import Commune, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request):  # places come from the reference package
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type", "province"]
    list_filter = ["type", "province"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
