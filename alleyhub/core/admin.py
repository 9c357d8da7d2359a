from django.contrib import admin

from alleyhub.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail is append-only: readable here, never edited or deleted."""

    list_display = ["at", "actor", "code", "target_type", "target_id", "ip_address"]
    list_filter = ["code", "target_type"]
    search_fields = ["code", "target_type", "target_id", "actor__username"]
    date_hierarchy = "at"
    list_select_related = ["actor"]
    readonly_fields = ["at", "actor", "code", "target_type", "target_id", "data", "ip_address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
