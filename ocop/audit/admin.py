from django.contrib import admin

from ocop.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "verb", "object_repr", "ip_address"]
    list_filter = ["verb"]
    search_fields = ["actor_label", "object_repr", "verb"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
