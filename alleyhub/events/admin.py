from django.contrib import admin

from .models import (
    CalendarFeed,
    Event,
    EventFeedback,
    EventSeries,
    Registration,
    RegistrationQuestion,
    Session,
)


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "kind"]
    search_fields = ["name_zh", "name_en", "slug"]
    filter_horizontal = ["organizers"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    autocomplete_fields = ["speaker"]


class QuestionInline(admin.TabularInline):
    model = RegistrationQuestion
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "series", "starts_at", "status", "capacity"]
    list_filter = ["status", "kind", "series"]
    search_fields = ["title_zh", "title_en"]
    autocomplete_fields = ["organizers", "speakers", "industries", "venue"]
    date_hierarchy = "starts_at"
    inlines = [SessionInline, QuestionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "status", "source", "checked_in_at", "created_at"]
    list_filter = ["status", "source"]
    search_fields = ["name", "email", "phone", "organization_name"]
    raw_id_fields = ["event", "user", "checked_in_by"]
    readonly_fields = ["ticket_secret", "consent_at", "consent_version", "consent_ip"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "updated_at"]
    raw_id_fields = ["user"]
    exclude = ["token"]


@admin.register(EventFeedback)
class EventFeedbackAdmin(admin.ModelAdmin):
    list_display = ["registration", "rating", "created_at"]
    raw_id_fields = ["registration"]
