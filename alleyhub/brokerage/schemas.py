from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.urls import reverse
from ninja import Field, Schema

from alleyhub.core.schemas import choices_json_schema

from .models import CaseActivity, SupplyKind
from .selectors import CASE_SORTS, CaseListParams, allowed_next_stages
from .transitions import CloseReason, ContractType, Stage

CaseStage = Annotated[Stage, choices_json_schema(Stage, "CaseStage")]
ActivityKind = Annotated[CaseActivity.Kind, choices_json_schema(CaseActivity.Kind, "ActivityKind")]


class UserRefOut(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class CaseOut(Schema):
    id: int
    title: str
    stage: str
    stage_label: str
    version: int
    demand_org_id: int
    demand_org: str
    demand_id: int | None
    supply_kind: str
    outcome_id: int | None
    expert_id: int | None
    investor_id: int | None
    supply: str
    broker: UserRefOut
    co_brokers: list[UserRefOut]
    last_activity_at: datetime
    stage_entered_at: datetime
    close_reason: str
    contract_type: str
    contract_amount: Decimal | None
    contract_date: date | None
    source_match_id: int | None
    supply_accepted_at: datetime | None = Field(
        None, description="When the supply side's organisation agreed to the case"
    )
    demand_accepted_at: datetime | None = Field(
        None, description="When the demand side's organisation agreed to the case"
    )
    flagged: bool
    allowed_next_stages: list[str]
    url: str

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_demand_org(obj) -> str:
        return str(obj.demand_org)

    @staticmethod
    def resolve_supply(obj) -> str:
        return str(obj.supply_object)

    @staticmethod
    def resolve_co_brokers(obj) -> list:
        return list(obj.co_brokers.all())

    @staticmethod
    def resolve_flagged(obj) -> bool:
        return obj.flagged_at is not None

    @staticmethod
    def resolve_allowed_next_stages(obj) -> list[str]:
        return allowed_next_stages(stage=obj.stage)

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class CaseCreateIn(Schema):
    demand_org_id: int
    demand_id: int | None = None
    outcome_id: int | None = None
    expert_id: int | None = None
    investor_id: int | None = None
    broker_id: int | None = Field(None, description="defaults to the caller when the caller is a broker")
    co_broker_ids: list[int] = Field(default_factory=list, max_length=20)
    title: str = Field("", max_length=200)
    note: str = Field("", max_length=2000)


class CaseFromMatchIn(Schema):
    broker_id: int | None = None


class CaseMoveIn(Schema):
    to_stage: CaseStage
    version: int | None = Field(
        None,
        ge=1,
        description="the version you saw (or send it as If-Match); a different current version is a 409",
    )
    note: str = Field("", max_length=2000)
    close_reason: CloseReason | None = None
    contract_type: ContractType | None = None
    contract_amount: Decimal | None = Field(None, ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)
    contract_date: date | None = None


class CaseFilters(Schema):
    """The API's side of selectors.CaseListParams (the board and "my cases" read the same
    parameters from their address)."""

    stage: CaseStage | None = None
    supply_kind: SupplyKind | None = None
    broker_id: int | None = Field(None, description="responsible broker or co-broker")
    q: str | None = Field(None, max_length=100, description="words in the title or the demand side's name")
    stale: bool = Field(False, description="only cases idle longer than their stage's reminder period")
    brokered: bool = Field(False, description="only cases I am the broker or a co-broker of")
    sort: str = Field(CaseListParams.sort, description=f"one of: {', '.join(CASE_SORTS)}")

    def params(self) -> CaseListParams:
        return CaseListParams(
            q=self.q or "",
            stage=self.stage.value if self.stage else "",
            supply_kind=self.supply_kind.value if self.supply_kind else "",
            broker_id=self.broker_id,
            stale=self.stale,
            brokered=self.brokered,
            sort=self.sort,
        )


class ActivityIn(Schema):
    kind: ActivityKind
    text: str = Field("", max_length=5000)


class ActivityOut(Schema):
    id: int
    kind: str
    text: str
    occurred_at: datetime
    author: str | None
    file_name: str
    file_size: int | None
    file_url: str | None

    @staticmethod
    def resolve_author(obj) -> str | None:
        return str(obj.author) if obj.author else None

    @staticmethod
    def resolve_file_url(obj: Any, context: Any) -> str | None:
        # Only for those allowed to open it (set by the endpoint).
        if not obj.file or not getattr(obj, "file_visible", False):
            return None
        return reverse("brokerage:file_download", kwargs={"pk": obj.pk})


class AcceptanceOut(Schema):
    case_id: int
    accepted_at: datetime
    ip_address: str | None
    terms_version: str


class RatingIn(Schema):
    score: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=2000)


class CaseRatingOut(Schema):
    case_id: int
    score: int
    comment: str


class StageFigureOut(Schema):
    stage: str
    label: str
    reached: int | None = None
    advanced: int | None = None
    rate: float | None = None
    days: float | None = None
    samples: int | None = None


class BrokerFiguresOut(Schema):
    broker: UserRefOut
    rank: int | None = None
    gold: bool = False
    open_cases: int
    total_cases: int
    signed_count: int
    signed_amount: Decimal
    closed_count: int
    win_rate: float | None
    rating_avg: float | None
    rating_count: int
    conversion: list[StageFigureOut]
    median_days: list[StageFigureOut]

    @staticmethod
    def resolve_conversion(obj) -> list:
        return [{**row, "label": str(row["label"])} for row in obj.conversion]

    @staticmethod
    def resolve_median_days(obj) -> list:
        return [{**row, "label": str(row["label"])} for row in obj.median_days]
