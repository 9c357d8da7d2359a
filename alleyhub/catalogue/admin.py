from django.contrib import admin

from alleyhub.core.admin import ListingAdmin, StaleListFilter

from .models import ServiceOffering


@admin.register(ServiceOffering)
class ServiceOfferingAdmin(ListingAdmin):
    list_display = ["__str__", "owner", "category", "is_free", "status", "expires_on", "stale"]
    list_filter = ["status", "category", "is_free", StaleListFilter]
    search_fields = [*ListingAdmin.search_fields, "description_zh", "contact_name"]
