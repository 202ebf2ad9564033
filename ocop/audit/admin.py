from django.contrib import admin

from ocop.audit.models import AuditEntry
from ocop.lib.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "verb", "object_repr", "ip_address"]
    list_filter = ["verb"]
    search_fields = ["actor_label", "object_repr", "verb"]
    date_hierarchy = "at"
