from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Field, Schema

from alleyhub.core.schemas import ID_MAX, Text, choices_json_schema
from alleyhub.directory.models import LifecycleStage, OrganizationKind, Person
from alleyhub.directory.selectors import SEARCH_MAX_LENGTH, person_contact_visible


def _signed_in(context) -> bool:
    request = (context or {}).get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and getattr(user, "is_authenticated", False))


class IndustryOut(Schema):
    code: str
    name_zh: str
    name_en: str
    parent: str | None = Field(None, description="code of the parent industry")

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class OrganizationFilters(Schema):
    kind: OrganizationKind | None = None
    industry: str | None = Field(None, max_length=60, description="industry code; includes sub-industries")
    stage: LifecycleStage | None = None
    subdistrict: str | None = Field(None, max_length=50)
    q: str | None = Field(None, max_length=SEARCH_MAX_LENGTH, description="text in names and descriptions")


class OrganizationOut(Schema):
    id: int
    slug: str
    kind: str
    kind_label: str
    name: str
    name_zh: str
    name_en: str
    short_name: str
    language: str
    stage: str
    industries: list[str] = Field(description="industry codes")
    description: str
    description_zh: str
    description_en: str
    website: str
    founded_year: int | None
    employees: int | None
    address: str
    subdistrict: str
    latitude: Decimal | None
    longitude: Decimal | None
    credit_code: str
    is_published: bool
    status: str = Field(description="pending / approved / rejected (operators' review)")
    version: int
    url: str
    updated_at: datetime
    contact_name: str | None = Field(None, description="only for signed-in users")
    contact_email: str | None = Field(None, description="only for signed-in users")
    contact_phone: str | None = Field(None, description="only for signed-in users")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_industries(obj) -> list[str]:
        return [i.code for i in obj.industries.all()]

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.localized("description")

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("directory:detail", args=[obj.slug])

    @staticmethod
    def resolve_contact_name(obj, context) -> str | None:
        return obj.contact_name if _signed_in(context) else None

    @staticmethod
    def resolve_contact_email(obj, context) -> str | None:
        return obj.contact_email if _signed_in(context) else None

    @staticmethod
    def resolve_contact_phone(obj, context) -> str | None:
        return obj.contact_phone if _signed_in(context) else None


PersonKind = Annotated[Person.Kind, choices_json_schema(Person.Kind, "PersonKind")]


class PersonFilters(Schema):
    kind: PersonKind | None = None
    organization: str | None = Field(None, max_length=80, description="organisation slug")
    q: str | None = Field(None, max_length=SEARCH_MAX_LENGTH)


class AffiliationOut(Schema):
    organization: str = Field(description="organisation slug")
    organization_name: str
    position: str
    is_primary: bool


class PersonOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    name_zh: str
    name_en: str
    title: str
    bio: str
    expertise: str
    industries: list[str]
    url: str
    email: str | None = Field(None, description="only for signed-in users, when the person agreed")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.localized("name")

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.localized("title")

    @staticmethod
    def resolve_bio(obj) -> str:
        return obj.localized("bio")

    @staticmethod
    def resolve_industries(obj) -> list[str]:
        return [i.code for i in obj.industries.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("directory:person_detail", args=[obj.pk])

    @staticmethod
    def resolve_email(obj, context) -> str | None:
        request = (context or {}).get("request")
        if person_contact_visible(person=obj, user=getattr(request, "user", None)) and obj.email:
            return obj.email
        return None


class PersonDetailOut(PersonOut):
    affiliations: list[AffiliationOut]

    @staticmethod
    def resolve_affiliations(obj) -> list[dict]:
        return [
            {
                "organization": a.organization.slug,
                "organization_name": a.organization.name,
                "position": a.position,
                "is_primary": a.is_primary,
            }
            for a in getattr(obj, "visible_affiliations", [])
        ]


# --- organisations running themselves -------------------------------------------------------------

VERSION_HELP = "The version you saw (or send If-Match); a stale one gets 409 Conflict"
MemberRole = Literal["admin", "member"]


class OrganizationRegisterIn(Schema):
    kind: OrganizationKind
    credit_code: Text = Field(..., min_length=18, max_length=18, description="GB 32100, checked")
    name_zh: Text | None = Field(None, max_length=200)
    name_en: Text | None = Field(None, max_length=200)
    short_name: Text | None = Field(None, max_length=60)
    address: Text | None = Field(None, max_length=200)
    stage: LifecycleStage | None = None
    industries: list[Text] | None = Field(None, max_length=50, description="industry codes")


class OrganizationUpdateIn(Schema):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)
    language: str | None = Field(None, pattern="^(zh|en)$")
    name_zh: Text | None = Field(None, max_length=200)
    name_en: Text | None = Field(None, max_length=200)
    short_name: Text | None = Field(None, max_length=60)
    description_zh: Text | None = Field(None, max_length=20_000)
    description_en: Text | None = Field(None, max_length=20_000)
    stage: LifecycleStage | None = None
    website: Text | None = Field(None, max_length=200)
    founded_year: int | None = Field(None, ge=1800, le=2100)
    employees: int | None = Field(None, ge=0, le=10_000_000)
    address: Text | None = Field(None, max_length=200)
    subdistrict: Text | None = Field(None, max_length=50)
    contact_name: Text | None = Field(None, max_length=50)
    contact_email: Text | None = Field(None, max_length=254)
    contact_phone: Text | None = Field(None, max_length=30)
    industries: list[Text] | None = Field(None, max_length=50, description="industry codes")


class ReviewIn(Schema):
    action: Literal["approve", "reject"]
    note: Text | None = Field(None, max_length=1000, description="required to reject")


class MemberOut(Schema):
    id: int
    user_id: int
    name: str
    email: str
    role: str
    title: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.user)

    @staticmethod
    def resolve_email(obj) -> str:
        return obj.user.email


class MemberRoleIn(Schema):
    role: MemberRole


class InvitationIn(Schema):
    email: Text = Field(..., max_length=254)
    role: MemberRole = "member"


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    status: str
    expires_at: datetime


class InvitationAcceptIn(Schema):
    token: Text = Field(..., max_length=500)


class JoinRequestIn(Schema):
    organization_id: int = Field(..., ge=1, le=ID_MAX)
    message: Text | None = Field(None, max_length=1000)


class JoinRequestOut(Schema):
    id: int
    organization_id: int
    organization: str = Field(description="organisation slug")
    user_id: int
    user: str
    message: str
    status: str
    decision_note: str
    version: int
    created_at: datetime

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_user(obj) -> str:
        return str(obj.user)


class JoinRequestFilters(Schema):
    scope: Literal["mine", "to_decide"] = "mine"


class DecisionIn(Schema):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)
    note: Text | None = Field(None, max_length=1000)


class ListingAttachmentOut(Schema):
    """A file attached to a listing (any kind of `/api/listings/{kind}/…`)."""

    id: int
    title: str = Field(description="what the file is, as the uploader described it")
    original_name: str
    size: int = Field(description="bytes")
    mime_type: str
    confidential: bool = Field(
        description="only the owner's members, operators and those granted the listing's confidential part see it"
    )
    created_at: datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj) -> str:
        return reverse("api:listing_attachment_download", kwargs={"attachment_id": obj.pk})
