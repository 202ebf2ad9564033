from django.contrib import admin

from ocop.lib.admin import ReadOnlyAdmin
from ocop.producers.models import EvidenceDocument, FinancialYear, Producer


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


@admin.register(EvidenceDocument)
class EvidenceDocumentAdmin(ReadOnlyAdmin):
    """Files are never edited: a new paper is a new upload through the library page."""

    list_display = ["title", "producer", "kind", "expires_on", "uploaded_at", "withdrawn_at"]
    list_filter = ["kind"]
    search_fields = ["title", "producer__name", "sha256"]
