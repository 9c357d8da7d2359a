from django import forms
from django.contrib import admin

from .kpis import choices as computation_choices
from .models import ActionPlan, Kpi, KpiTarget, KpiValue, PlanItem, ProgressUpdate


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "slug", "year_start", "year_end")


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    # Read-only here: edits go through the plan pages (services roll progress up and audit).
    list_display = ("code", "title_zh", "kind", "lead_unit", "status", "progress", "due_date")
    list_filter = ("plan", "kind", "status")
    search_fields = ("code", "title_zh", "title_en")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ("item", "unit", "progress", "status", "created_at")
    list_filter = ("status",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


class KpiTargetInline(admin.TabularInline):
    model = KpiTarget
    extra = 1


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    # Indicators and their targets are configuration: operators edit them here.
    list_display = ("code", "name_zh", "source", "computation", "responsible_unit", "direction")
    inlines = [KpiTargetInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "computation":
            # Only registered computations (plans.kpis.COMPUTATIONS) can be chosen.
            return forms.ChoiceField(
                label=db_field.verbose_name, required=False, choices=[("", "—"), *computation_choices()]
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(KpiValue)
class KpiValueAdmin(admin.ModelAdmin):
    list_display = ("kpi", "year", "month", "value", "unit", "status")
    list_filter = ("status", "kpi")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
