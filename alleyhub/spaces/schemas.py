from datetime import date
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import model_validator

from alleyhub.core.schemas import ID_MAX, ListingOut, OwnerOut, Text, choices_json_schema, range_in_order

from .models import RenewalSite, SpaceKind


class BuildingBriefOut(Schema):
    id: int
    slug: str
    name: str
    address: str
    subdistrict: str


class BuildingOut(BuildingBriefOut):
    version: int
    name_zh: str
    name_en: str
    description: str
    facilities: list
    latitude: Decimal | None
    longitude: Decimal | None
    operator: OwnerOut | None
    unit_count: int = 0

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.localized("description")


class UnitOut(ListingOut):
    building: BuildingBriefOut
    kind: str
    floor: str
    description: str
    area_sqm: Decimal
    rent_per_sqm_day: Decimal
    monthly_rent: int
    available_from: date | None
    available_until: date | None
    facilities: list
    capacity: int | None


class RenewalSiteOut(Schema):
    id: int
    version: int
    slug: str
    name: str
    name_zh: str
    name_en: str
    address: str
    stage: str
    site_area_sqm: Decimal | None
    floor_area_sqm: Decimal | None
    planned_use: str
    lead_unit: OwnerOut | None
    start_year: int | None
    target_year: int | None

    @staticmethod
    def resolve_planned_use(obj) -> str:
        return obj.localized("planned_use")


class UnitFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    kind: SpaceKind | None = None
    area_min: Decimal | None = Field(None, gt=0, le=10**7)
    area_max: Decimal | None = Field(None, gt=0, le=10**7)
    rent_min: Decimal | None = Field(None, ge=0, le=10**5)
    rent_max: Decimal | None = Field(None, ge=0, le=10**5)
    available_on: date | None = None
    subdistrict: Text | None = Field(None, max_length=50)
    building: Text | None = Field(None, max_length=80, description="building slug")
    building_id: int | None = Field(None, ge=1, le=ID_MAX)

    @model_validator(mode="after")
    def _ranges_inrange_in_order(self):
        range_in_order("area_min", "area_max", "面积下限不能大于上限。")(self)
        return range_in_order("rent_min", "rent_max", "租金下限不能高于上限。")(self)


class BuildingFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    subdistrict: Text | None = Field(None, max_length=50)


RenewalStage = Annotated[RenewalSite.Stage, choices_json_schema(RenewalSite.Stage, "RenewalStage")]


class RenewalFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    stage: RenewalStage | None = None


# --- writes ---------------------------------------------------------------------------------------

VERSION_HELP = "The version you saw (or send If-Match); a stale one gets 409 Conflict"
Facilities = list[Annotated[Text, Field(min_length=1, max_length=50)]]


class UnitIn(Schema):
    language: str | None = Field(None, pattern="^(zh|en)$")
    building_id: int | None = Field(None, ge=1, le=ID_MAX)
    kind: SpaceKind | None = None
    title_zh: Text | None = Field(None, max_length=200)
    title_en: Text | None = Field(None, max_length=200)
    description_zh: Text | None = Field(None, max_length=20_000)
    description_en: Text | None = Field(None, max_length=20_000)
    floor: Text | None = Field(None, max_length=20)
    area_sqm: Decimal | None = Field(None, ge=1, le=10**7, decimal_places=2)
    rent_per_sqm_day: Decimal | None = Field(None, ge=0, le=10**5, decimal_places=2)
    available_from: date | None = None
    available_until: date | None = None
    facilities: Facilities | None = Field(None, max_length=30)
    capacity: int | None = Field(None, ge=0, le=10**6)
    expires_on: date | None = None


class UnitCreateIn(UnitIn):
    owner_id: int = Field(..., ge=1, le=ID_MAX)
    building_id: int = Field(..., ge=1, le=ID_MAX)
    kind: SpaceKind
    area_sqm: Decimal = Field(..., ge=1, le=10**7, decimal_places=2)
    rent_per_sqm_day: Decimal = Field(..., ge=0, le=10**5, decimal_places=2)


class UnitUpdateIn(UnitIn):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)


class ActionIn(Schema):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)


class BuildingIn(Schema):
    language: str | None = Field(None, pattern="^(zh|en)$")
    name_zh: Text | None = Field(None, max_length=200)
    name_en: Text | None = Field(None, max_length=200)
    operator_id: int | None = Field(None, ge=1, le=ID_MAX)
    address: Text | None = Field(None, max_length=200)
    subdistrict: Text | None = Field(None, max_length=50)
    description_zh: Text | None = Field(None, max_length=20_000)
    description_en: Text | None = Field(None, max_length=20_000)
    facilities: Facilities | None = Field(None, max_length=30)
    latitude: Decimal | None = Field(None, ge=-90, le=90, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, decimal_places=6)


class BuildingCreateIn(BuildingIn):
    slug: str = Field(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)
    address: Text = Field(..., min_length=1, max_length=200)


class BuildingUpdateIn(BuildingIn):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)


class RenewalSiteIn(Schema):
    language: str | None = Field(None, pattern="^(zh|en)$")
    name_zh: Text | None = Field(None, max_length=200)
    name_en: Text | None = Field(None, max_length=200)
    address: Text | None = Field(None, max_length=200)
    stage: RenewalStage | None = None
    site_area_sqm: Decimal | None = Field(None, ge=1, le=10**8, decimal_places=2)
    floor_area_sqm: Decimal | None = Field(None, ge=1, le=10**8, decimal_places=2)
    planned_use_zh: Text | None = Field(None, max_length=20_000)
    planned_use_en: Text | None = Field(None, max_length=20_000)
    lead_unit_id: int | None = Field(None, ge=1, le=ID_MAX)
    start_year: int | None = Field(None, ge=2000, le=2100)
    target_year: int | None = Field(None, ge=2000, le=2100)


class RenewalSiteCreateIn(RenewalSiteIn):
    slug: str = Field(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)


class RenewalSiteUpdateIn(RenewalSiteIn):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)
