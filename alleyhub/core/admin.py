from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alleyhub.core.lists import stale_q
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


class StaleListFilter(admin.SimpleListFilter):
    """Expired, or not confirmed for 180 days — the entries to chase for an update."""

    title = _("是否过时")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", _("过时")), ("no", _("有效"))]

    def queryset(self, request, queryset):
        condition = stale_q(today=timezone.localdate(), confirmed_before=timezone.now() - timedelta(days=180))
        if self.value() == "yes":
            return queryset.filter(condition)
        if self.value() == "no":
            return queryset.exclude(condition)
        return queryset


class ListingAdmin(admin.ModelAdmin):
    """Shared admin for every PublishableListing (listings, the catalogue, spaces)."""

    list_display = ["__str__", "owner", "status", "expires_on", "last_confirmed_at", "stale"]
    list_filter = ["status", StaleListFilter, "language"]
    search_fields = ["title_zh", "title_en", "owner__name_zh", "owner__name_en", "owner__short_name"]
    autocomplete_fields = ["owner"]
    date_hierarchy = "created_at"
    list_select_related = ["owner"]
    readonly_fields = ["created_at", "updated_at", "created_by"]
    list_per_page = 50

    @admin.display(boolean=True, description=_("过时"))
    def stale(self, obj):
        return obj.needs_attention

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
