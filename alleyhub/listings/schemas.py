"""API schemas for listings. Confidential fields exist only on detail schemas and are filled only
for users allowed to see them (`selectors.can_view_confidential`); for everybody else they are null."""

from datetime import date

from ninja import Field, Schema
from pydantic import model_validator

from alleyhub.core.schemas import ID_MAX, ListingOut, Text, range_in_order
from alleyhub.directory.models import LifecycleStage, OrganizationKind

from . import selectors
from .models import CooperationMode, IPStatus

AMOUNT_MAX = 10**15
VERSION_HELP = "The version you saw (or send If-Match); a stale one gets 409 Conflict"


class IndustryOut(Schema):
    code: str
    name: str = Field(..., alias="localized_name")


def _confidential(obj, context) -> str | None:
    request = context.get("request") if context else None
    user = getattr(request, "user", None)
    if selectors.can_view_confidential(user=user, listing=obj):
        return obj.confidential_details
    return None


# --- outcomes -------------------------------------------------------------------------------------


class OutcomeListOut(ListingOut):
    summary: str
    trl: int
    ip_status: str
    cooperation_modes: list[str]
    price_min: int | None
    price_max: int | None
    keywords: str
    industries: list[IndustryOut]


class OutcomeDetailOut(OutcomeListOut):
    summary_zh: str
    summary_en: str
    applications_zh: str
    applications_en: str
    patent_numbers: str
    confidential_details: str | None = None

    @staticmethod
    def resolve_confidential_details(obj, context) -> str | None:
        return _confidential(obj, context)


class OutcomeFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    industry: Text | None = Field(None, max_length=60)
    trl: int | None = Field(None, ge=1, le=9)
    trl_min: int | None = Field(None, ge=1, le=9)
    trl_max: int | None = Field(None, ge=1, le=9)
    mode: CooperationMode | None = None
    ip_status: IPStatus | None = None
    owner_kind: OrganizationKind | None = None
    owner_id: int | None = Field(None, ge=1, le=ID_MAX)

    @model_validator(mode="after")
    def _ranges_inrange_in_order(self):
        return range_in_order("trl_min", "trl_max", "TRL 下限不能高于上限。")(self)


# --- demands --------------------------------------------------------------------------------------


class DemandListOut(ListingOut):
    description: str
    budget_min: int | None
    budget_max: int | None
    deadline: date | None
    wanted_modes: list[str]
    min_trl: int | None
    keywords: str
    industries: list[IndustryOut]


class DemandDetailOut(DemandListOut):
    description_zh: str
    description_en: str
    confidential_details: str | None = None

    @staticmethod
    def resolve_confidential_details(obj, context) -> str | None:
        return _confidential(obj, context)


class DemandFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    industry: Text | None = Field(None, max_length=60)
    mode: CooperationMode | None = None
    budget_min: int | None = Field(None, ge=0, le=AMOUNT_MAX)
    budget_max: int | None = Field(None, ge=0, le=AMOUNT_MAX)
    open_only: bool = False
    deadline_after: date | None = None
    owner_kind: OrganizationKind | None = None
    owner_id: int | None = Field(None, ge=1, le=ID_MAX)

    @model_validator(mode="after")
    def _ranges_inrange_in_order(self):
        return range_in_order("budget_min", "budget_max", "预算下限不能高于上限。")(self)


# --- investors ------------------------------------------------------------------------------------


class InvestorOut(ListingOut):
    thesis: str
    stages: list[str]
    ticket_min: int | None
    ticket_max: int | None
    sectors: list[IndustryOut]


class InvestorDetailOut(InvestorOut):
    thesis_zh: str
    thesis_en: str
    portfolio: str


class InvestorFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    sector: Text | None = Field(None, max_length=60)
    stage: LifecycleStage | None = None
    ticket: int | None = Field(None, ge=0, le=AMOUNT_MAX)


# --- writes ---------------------------------------------------------------------------------------


class _ListingIn(Schema):
    language: str | None = Field(None, pattern="^(zh|en)$")
    title_zh: Text | None = Field(None, max_length=200)
    title_en: Text | None = Field(None, max_length=200)
    keywords: Text | None = Field(None, max_length=300)
    confidential_details: Text | None = Field(None, max_length=20_000)
    expires_on: date | None = None
    industries: list[Text] | None = Field(None, max_length=50, description="industry codes")


class OutcomeIn(_ListingIn):
    summary_zh: Text | None = Field(None, max_length=20_000)
    summary_en: Text | None = Field(None, max_length=20_000)
    applications_zh: Text | None = Field(None, max_length=20_000)
    applications_en: Text | None = Field(None, max_length=20_000)
    trl: int | None = Field(None, ge=1, le=9)
    ip_status: IPStatus | None = None
    patent_numbers: Text | None = Field(None, max_length=300)
    cooperation_modes: list[CooperationMode] | None = Field(None, max_length=4)
    price_min: int | None = Field(None, ge=0, le=AMOUNT_MAX)
    price_max: int | None = Field(None, ge=0, le=AMOUNT_MAX)


class OutcomeCreateIn(OutcomeIn):
    owner_id: int = Field(..., ge=1, le=ID_MAX)
    trl: int = Field(..., ge=1, le=9)


class DemandIn(_ListingIn):
    description_zh: Text | None = Field(None, max_length=20_000)
    description_en: Text | None = Field(None, max_length=20_000)
    budget_min: int | None = Field(None, ge=0, le=AMOUNT_MAX)
    budget_max: int | None = Field(None, ge=0, le=AMOUNT_MAX)
    deadline: date | None = None
    wanted_modes: list[CooperationMode] | None = Field(None, max_length=4)
    min_trl: int | None = Field(None, ge=1, le=9)


class OutcomeUpdateIn(OutcomeIn):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)


class DemandUpdateIn(DemandIn):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)


class ActionIn(Schema):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)


class DemandCreateIn(DemandIn):
    owner_id: int = Field(..., ge=1, le=ID_MAX)


class InvestorIn(Schema):
    language: str | None = Field(None, pattern="^(zh|en)$")
    title_zh: Text | None = Field(None, max_length=200)
    title_en: Text | None = Field(None, max_length=200)
    thesis_zh: Text | None = Field(None, max_length=20_000)
    thesis_en: Text | None = Field(None, max_length=20_000)
    stages: list[LifecycleStage] | None = Field(None, max_length=4)
    ticket_min: int | None = Field(None, ge=0, le=AMOUNT_MAX)
    ticket_max: int | None = Field(None, ge=0, le=AMOUNT_MAX)
    portfolio: Text | None = Field(None, max_length=20_000)
    expires_on: date | None = None
    sectors: list[Text] | None = Field(None, max_length=50, description="industry codes")


class InvestorCreateIn(InvestorIn):
    owner_id: int = Field(..., ge=1, le=ID_MAX)


class InvestorUpdateIn(InvestorIn):
    version: int | None = Field(None, ge=1, description=VERSION_HELP)
