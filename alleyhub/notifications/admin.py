from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "code", "title", "created_at", "read_at", "email_state"]
    list_filter = ["code", "email_state", "language"]
    search_fields = ["title", "recipient__username", "dedup_key"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["dedup_key", "email_claimed_at", "emailed_at", "email_attempts"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_mode", "last_digest_on"]
    list_filter = ["email_mode"]
    raw_id_fields = ["user"]
