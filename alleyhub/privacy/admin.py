from django.contrib import admin

from alleyhub.accounts.admin import UserAdmin
from alleyhub.accounts.models import User

from . import services
from .models import Consent, DataExport, DeletionRequest


class ErasingUserAdmin(UserAdmin):
    """Deleting a user in the admin is the erasure of `services.user_erase`: references that keep
    history (a request's submitter, a case's broker — PROTECT included) move to "已注销用户", so
    they never block the deletion."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, _protected = super().get_deleted_objects(objs, request)
        return deleted, model_count, perms_needed, []

    def delete_model(self, request, obj):
        services.user_erase(user=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for user in list(queryset):
            services.user_erase(user=user, actor=request.user)


admin.site.unregister(User)
admin.site.register(User, ErasingUserAdmin)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "version", "given_at", "withdrawn_at", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["user__username"]


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ["user", "status", "progress", "created_at", "expires_at", "downloaded_at"]
    list_filter = ["status"]
    exclude = ["file"]


@admin.register(DeletionRequest)
class DeletionRequestAdmin(ReadOnlyAdmin):
    list_display = ["user_ref", "user", "status", "created_at", "due_at", "done_at"]
    list_filter = ["status"]
