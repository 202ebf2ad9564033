from django.contrib import admin

from ocop.legal.models import LegalInstrument


@admin.register(LegalInstrument)
class LegalInstrumentAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "signed_on", "effective_from", "effective_to"]
    search_fields = ["number", "title"]

    def has_delete_permission(self, request, obj=None):
        return False
