from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from alleyhub.accounts.models import Membership, PersonalAccessToken, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "role", "title"]


class TokenInline(admin.TabularInline):
    model = PersonalAccessToken
    extra = 0
    can_delete = False
    fields = readonly_fields = ("name", "created_at", "last_used_at", "expires_at", "revoked_at")

    def has_add_permission(self, request, obj=None):
        # Tokens are issued by their owner (my account page or the API), never typed in here.
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "display_name",
        "email",
        "role",
        "is_demo",
        "is_staff",
        "is_active",
        "last_login",
    ]
    list_filter = ["role", "is_demo", "is_staff", "is_superuser", "is_active", "preferred_language"]
    search_fields = ["username", "display_name", "first_name", "last_name", "email", "phone"]
    inlines = [MembershipInline, TokenInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("平台"),
            {
                "fields": (
                    "role",
                    "display_name",
                    "phone",
                    "job_title",
                    "languages_spoken",
                    "preferred_language",
                    "is_demo",
                    "contact_consent_at",
                    "signed_up_at",
                    "email_verified_at",
                )
            },
        ),
    )
    readonly_fields = ["signed_up_at", "email_verified_at"]
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("平台"), {"fields": ("role", "display_name", "email")}),
    )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "title", "created_at"]
    list_filter = ["role", "organization__kind"]
    search_fields = ["user__username", "user__display_name", "organization__name_zh", "organization__name_en"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "expires_at"]
    search_fields = ["name", "user__username"]
    autocomplete_fields = ["user"]
    readonly_fields = ["token_hash", "created_at", "last_used_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False
