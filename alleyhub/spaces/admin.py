from django.contrib import admin

from alleyhub.core.admin import ListingAdmin, StaleListFilter

from .models import Building, RenewalSite, SpaceUnit


class SpaceUnitInline(admin.TabularInline):
    model = SpaceUnit
    fk_name = "building"
    extra = 0
    fields = ["title_zh", "kind", "floor", "area_sqm", "rent_per_sqm_day", "status", "owner"]
    autocomplete_fields = ["owner"]
    show_change_link = True


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "subdistrict", "operator", "address"]
    list_filter = ["subdistrict"]
    search_fields = ["name_zh", "name_en", "slug", "address", "operator__name_zh"]
    autocomplete_fields = ["operator"]
    prepopulated_fields = {"slug": ["name_en"]}
    date_hierarchy = "created_at"
    inlines = [SpaceUnitInline]


@admin.register(SpaceUnit)
class SpaceUnitAdmin(ListingAdmin):
    list_display = [
        "__str__",
        "building",
        "kind",
        "area_sqm",
        "rent_per_sqm_day",
        "available_from",
        "status",
        "stale",
    ]
    list_filter = ["status", "kind", "building__subdistrict", StaleListFilter]
    search_fields = [*ListingAdmin.search_fields, "building__name_zh", "building__name_en"]
    autocomplete_fields = ["owner", "building"]
    list_select_related = ["owner", "building"]


@admin.register(RenewalSite)
class RenewalSiteAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "stage",
        "site_area_sqm",
        "floor_area_sqm",
        "start_year",
        "target_year",
        "lead_unit",
    ]
    list_filter = ["stage"]
    search_fields = ["name_zh", "name_en", "address", "lead_unit__name_zh"]
    autocomplete_fields = ["lead_unit"]
    prepopulated_fields = {"slug": ["name_en"]}
    date_hierarchy = "created_at"
