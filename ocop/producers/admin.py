from django.contrib import admin

from ocop.producers.models import FinancialYear, Producer


class FinancialYearInline(admin.TabularInline):
    model = FinancialYear
    extra = 0


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "legal_type", "commune", "registration_number"]
    list_filter = ["legal_type"]
    search_fields = ["code", "name", "registration_number", "tax_code"]
    autocomplete_fields = ["commune"]
    readonly_fields = ["code", "created_at", "created_by"]
    inlines = [FinancialYearInline]

    def has_delete_permission(self, request, obj=None):
        return False
