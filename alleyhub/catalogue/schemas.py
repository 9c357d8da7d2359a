from datetime import date

from ninja import Field, Schema

from alleyhub.core.schemas import ID_MAX, ListingOut, Text
from alleyhub.directory.models import LifecycleStage

from .models import ServiceCategory


class ServiceOut(ListingOut):
    category: str
    description: str
    stages: list[str]
    is_free: bool


class ServiceDetailOut(ServiceOut):
    description_zh: str
    description_en: str
    eligibility_zh: str
    eligibility_en: str
    how_to_apply_zh: str
    how_to_apply_en: str
    fee_zh: str
    fee_en: str
    contact_name: str
    contact_phone: str
    contact_email: str


class ServiceFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    category: ServiceCategory | None = None
    stage: LifecycleStage | None = None
    free: bool | None = None
    owner_id: int | None = Field(None, ge=1, le=ID_MAX)


# --- writes ---------------------------------------------------------------------------------------

VERSION_HELP = "The version you saw (or send If-Match); a stale one gets 409 Conflict"


class ServiceIn(Schema):
    language: str | None = Field(None, pattern="^(zh|en)$")
    category: ServiceCategory | None = None
    title_zh: Text | None = Field(None, max_length=200)
    title_en: Text | None = Field(None, max_length=200)
    description_zh: Text | None = Field(None, max_length=20_000)
    description_en: Text | None = Field(None, max_length=20_000)
    stages: list[LifecycleStage] | None = Field(None, max_length=4)
    eligibility_zh: Text | None = Field(None, max_length=20_000)
    eligibility_en: Text | None = Field(None, max_length=20_000)
    how_to_apply_zh: Text | None = Field(None, max_length=20_000)
    how_to_apply_en: Text | None = Field(None, max_length=20_000)
    is_free: bool | None = None
    fee_zh: Text | None = Field(None, max_length=200)
    fee_en: Text | None = Field(None, max_length=200)
    contact_name: Text | None = Field(None, max_length=50)
    contact_phone: Text | None = Field(None, max_length=30)
    contact_email: Text | None = Field(None, max_length=254)
    expires_on: date | None = None


class ServiceCreateIn(ServiceIn):
    owner_id: int = Field(..., ge=1, le=ID_MAX)
    category: ServiceCategory


class ServiceUpdateIn(ServiceIn):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)


class ActionIn(Schema):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)
