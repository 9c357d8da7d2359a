from django.contrib import admin

from .models import (
    Case,
    CaseActivity,
    CaseRating,
    CaseStageChange,
    ConfidentialityAcceptance,
    StageRule,
    StageTransition,
)


@admin.register(StageTransition)
class StageTransitionAdmin(admin.ModelAdmin):
    """The pipeline's rule book: which stage may follow which."""

    list_display = ["from_stage", "to_stage"]
    list_filter = ["from_stage"]


@admin.register(StageRule)
class StageRuleAdmin(admin.ModelAdmin):
    list_display = ["stage", "remind_after_days", "escalate_after_days"]
    list_editable = ["remind_after_days", "escalate_after_days"]


class StageChangeInline(admin.TabularInline):
    model = CaseStageChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_stage", "to_stage", "actor", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


class ActivityInline(admin.TabularInline):
    model = CaseActivity
    extra = 0
    can_delete = False
    fields = readonly_fields = ("kind", "author", "occurred_at", "text", "file_name", "file_size")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-mostly: stages change only through the pipeline (so that history, audit and
    notifications stay complete)."""

    list_display = ["title", "stage", "broker", "demand_org", "supply_kind", "last_activity_at", "flagged_at"]
    list_filter = ["stage", "supply_kind", "close_reason", "contract_type"]
    search_fields = [
        "title",
        "demand_org__name_zh",
        "demand_org__name_en",
        "broker__username",
        "broker__display_name",
    ]
    date_hierarchy = "created_at"
    raw_id_fields = [
        "demand_org",
        "demand",
        "outcome",
        "expert",
        "investor",
        "supply_org",
        "broker",
        "created_by",
    ]
    filter_horizontal = ["co_brokers"]
    readonly_fields = [
        "stage",
        "version",
        "stage_entered_at",
        "last_activity_at",
        "close_reason",
        "contract_type",
        "contract_amount",
        "contract_date",
        "source_match_id",
        "reminded_at",
        "flagged_at",
    ]
    inlines = [StageChangeInline, ActivityInline]


@admin.register(ConfidentialityAcceptance)
class ConfidentialityAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["case", "user", "accepted_at", "ip_address", "terms_version"]
    readonly_fields = ["case", "user", "accepted_at", "ip_address", "terms_version"]


@admin.register(CaseRating)
class CaseRatingAdmin(admin.ModelAdmin):
    list_display = ["case", "rater", "score", "created_at"]
    list_filter = ["score"]
    raw_id_fields = ["case", "rater"]
