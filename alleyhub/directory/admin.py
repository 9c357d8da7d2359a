from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from alleyhub.accounts.models import Membership
from alleyhub.directory.models import Affiliation, Industry, Invitation, JoinRequest, Organization, Person


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["tree_name", "code", "name_en", "parent", "organization_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name_zh", "name_en", "keywords"]
    autocomplete_fields = ["parent"]
    ordering = ["code"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("parent__parent")
            .annotate(n_orgs=Count("organizations"))
        )

    @admin.display(description=_("名称（层级）"), ordering="code")
    def tree_name(self, obj: Industry) -> str:
        depth, node = 0, obj.parent
        while node is not None and depth < 5:
            depth += 1
            node = node.parent
        return f"{'— ' * depth}{obj.localized_name}"

    @admin.display(description=_("机构数"), ordering="n_orgs")
    def organization_count(self, obj) -> int:
        return obj.n_orgs


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "title"]


class AffiliationForOrganizationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "position", "is_primary", "start_date", "end_date"]


class AffiliationForPersonInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "position", "is_primary", "start_date", "end_date"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "stage",
        "subdistrict",
        "credit_code",
        "status",
        "is_published",
        "updated_at",
    ]
    list_filter = [
        "status",
        "kind",
        "stage",
        "is_published",
        "subdistrict",
        "language",
        ("industries", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_zh", "name_en", "short_name", "slug", "credit_code"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["industries"]
    inlines = [MembershipInline, AffiliationForOrganizationInline]
    # The approval state changes only through the operators' review (directory.services), which
    # notifies the registrant and re-indexes the listings.
    readonly_fields = ["status", "review_note", "registered_by", "created_at", "updated_at"]
    # Django 6 assumes https for scheme-less URLs; opt in now (and avoid the deprecation warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "kind",
                    "language",
                    "name_zh",
                    "name_en",
                    "short_name",
                    "slug",
                    "credit_code",
                    "is_published",
                    "status",
                    "review_note",
                    "registered_by",
                )
            },
        ),
        (
            _("概况"),
            {
                "fields": (
                    "stage",
                    "industries",
                    "description_zh",
                    "description_en",
                    "website",
                    "founded_year",
                    "employees",
                )
            },
        ),
        (_("地址"), {"fields": ("address", "subdistrict", "latitude", "longitude")}),
        (_("联系方式"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
        (_("记录"), {"fields": ("created_at", "updated_at")}),
    )


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "expertise", "is_published", "contact_consent", "user"]
    list_filter = [
        "kind",
        "is_published",
        "contact_consent",
        ("industries", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_zh", "name_en", "expertise", "email", "title_zh", "title_en"]
    autocomplete_fields = ["industries", "user"]
    inlines = [AffiliationForPersonInline]
    list_select_related = ["user"]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "position", "is_primary", "start_date", "end_date"]
    list_filter = ["is_primary", "organization__kind"]
    search_fields = [
        "person__name_zh",
        "person__name_en",
        "organization__name_zh",
        "organization__name_en",
        "position",
    ]
    autocomplete_fields = ["person", "organization"]
    list_select_related = ["person", "organization"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Read only: requests are decided on the members page or the review queue (services)."""

    list_display = ["user", "organization", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__username", "user__email", "organization__name_zh", "organization__name_en"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read only: the token is never shown here; admins invite from the members page."""

    list_display = ["email", "organization", "role", "status", "expires_at", "invited_by"]
    list_filter = ["status", "role"]
    search_fields = ["email", "organization__name_zh"]
    exclude = ["nonce"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
