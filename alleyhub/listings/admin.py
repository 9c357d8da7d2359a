from django.contrib import admin

from alleyhub.core.admin import ListingAdmin, StaleListFilter

from .models import InvestorProfile, TechDemand, TechOutcome


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
