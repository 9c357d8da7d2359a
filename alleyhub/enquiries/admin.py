from django.contrib import admin

from .models import Enquiry, EnquiryMessage, ServiceForm


class EnquiryMessageInline(admin.TabularInline):
    model = EnquiryMessage
    extra = 0
    readonly_fields = ["created_at", "author", "side", "action", "body"]
    can_delete = False


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "provider", "contact_name", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = [
        "contact_name",
        "contact_email",
        "provider__name_zh",
        "service__title_zh",
        "space_unit__title_zh",
    ]
    list_select_related = ["provider", "service", "space_unit"]
    raw_id_fields = ["service", "space_unit", "provider", "applicant", "applicant_organization"]
    readonly_fields = ["created_at", "updated_at", "contact_shared_at", "version"]
    inlines = [EnquiryMessageInline]


@admin.register(ServiceForm)
class ServiceFormAdmin(admin.ModelAdmin):
    list_display = ["service", "updated_by", "updated_at"]
    raw_id_fields = ["service", "updated_by"]
