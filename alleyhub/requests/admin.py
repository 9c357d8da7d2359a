from django.contrib import admin

from .models import (
    CategoryDeadline,
    EnterpriseRequest,
    Escalation,
    RequestAttachment,
    RequestEvent,
    RoutingRule,
)


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    """Operators edit routing here; a change applies to requests submitted afterwards only
    (each request keeps a snapshot of its routing)."""

    list_display = ("category", "industry", "subdistrict", "responsible_unit", "priority", "is_active")
    list_filter = ("category", "is_active")
    list_editable = ("priority", "is_active")
    autocomplete_fields = ()
    filter_horizontal = ("cooperating_units",)


@admin.register(CategoryDeadline)
class CategoryDeadlineAdmin(admin.ModelAdmin):
    list_display = ("category", "accept_days", "answer_days")


class EventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_status", "to_status", "actor", "note", "at")

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = RequestAttachment
    extra = 0
    can_delete = False
    readonly_fields = ("original_name", "size", "content_type", "uploaded_by")
    exclude = ("file",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EnterpriseRequest)
class EnterpriseRequestAdmin(admin.ModelAdmin):
    """Read-mostly: status changes go through the pages or the API (services), never here."""

    list_display = ("pk", "title", "organization", "category", "status", "responsible_unit", "submitted_at")
    list_filter = ("status", "category", "responsible_unit")
    search_fields = ("title", "description", "organization__name_zh")
    readonly_fields = [f.name for f in EnterpriseRequest._meta.concrete_fields] + ["cooperating_units"]
    inlines = [EventInline, AttachmentInline]

    def has_add_permission(self, request):
        return False


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ("request", "kind", "due_at", "unit", "created_at", "resolved_at")
    list_filter = ("kind", "unit")
