from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import InvestorProfile, TechDemand, TechOutcome
from .selectors import stale_q


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
    """Shared admin for every PublishableListing (also used by the catalogue and spaces apps)."""

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
        return obj.is_stale

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TechOutcome)
class TechOutcomeAdmin(ListingAdmin):
    list_display = ["__str__", "owner", "trl", "ip_status", "status", "expires_on", "stale"]
    list_filter = [
        "status",
        "trl",
        "ip_status",
        ("industries", admin.RelatedOnlyFieldListFilter),
        StaleListFilter,
    ]
    search_fields = [*ListingAdmin.search_fields, "keywords", "patent_numbers"]
    autocomplete_fields = ["owner", "industries", "inventors"]


@admin.register(TechDemand)
class TechDemandAdmin(ListingAdmin):
    list_display = ["__str__", "owner", "budget_min", "budget_max", "deadline", "status", "stale"]
    list_filter = ["status", "min_trl", ("industries", admin.RelatedOnlyFieldListFilter), StaleListFilter]
    search_fields = [*ListingAdmin.search_fields, "keywords"]
    autocomplete_fields = ["owner", "industries"]


@admin.register(InvestorProfile)
class InvestorProfileAdmin(ListingAdmin):
    list_display = ["__str__", "owner", "ticket_min", "ticket_max", "status", "stale"]
    list_filter = ["status", ("sectors", admin.RelatedOnlyFieldListFilter), StaleListFilter]
    autocomplete_fields = ["owner", "sectors"]
