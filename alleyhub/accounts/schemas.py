from datetime import datetime

from ninja import Field, Schema


class MembershipOut(Schema):
    organization: str = Field(description="organisation slug")
    organization_name: str
    role: str

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    role: str
    role_label: str
    preferred_language: str
    is_operator: bool
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_display_name(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_role_label(obj) -> str:
        return str(obj.get_role_display())

    @staticmethod
    def resolve_memberships(obj) -> list:
        return list(obj.memberships.select_related("organization"))


class TokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    is_active: bool


class TokenCreateIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    expires_in_days: int | None = Field(90, ge=1, le=3650, description="null: never expires")


class TokenCreatedOut(TokenOut):
    token: str = Field(description="the plain token; shown only in this response")
