from django.contrib import admin

from ocop.certificates.models import Certificate, ConsumerReport, Inspection, Revocation
from ocop.lib.admin import ReadOnlyAdmin


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    """Issued certificates are never edited (house rule 4): they are read here only."""

    list_display = ["number", "product_name", "stars", "authority_name", "valid_from", "state"]
    list_filter = ["state", "authority", "stars", "province"]
    search_fields = ["number", "code", "product_name", "producer_name"]


@admin.register(Revocation)
class RevocationAdmin(ReadOnlyAdmin):
    list_display = ["code", "certificate", "ground", "state", "trigger_date", "decision_number"]
    list_filter = ["state", "ground"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["code", "province", "kind", "planned_on", "state"]
    list_filter = ["state", "kind"]


@admin.register(ConsumerReport)
class ConsumerReportAdmin(ReadOnlyAdmin):
    list_display = ["code", "province", "kind", "created_at", "state"]
    list_filter = ["state", "kind", "province"]
    exclude = ["client_key"]
