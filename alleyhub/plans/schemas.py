from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class PlanUnitRef(Schema):
    id: int
    name: str


class PlanItemOut(Schema):
    id: int
    plan: str
    parent_id: int | None
    code: str
    kind: str
    kind_label: str
    title: str
    title_zh: str
    title_en: str
    lead_unit: PlanUnitRef | None
    lead_person: str
    start_date: date | None
    due_date: date | None
    status: str
    status_label: str
    weight: Decimal
    progress: Decimal
    computed_progress: Decimal | None
    progress_overridden: bool
    override_reason: str
    late: bool
    last_update_at: datetime | None
    version: int


class PlanTreeNodeOut(PlanItemOut):
    depth: int
    matched: bool


class PlanEvidenceOut(Schema):
    id: int
    name: str
    size: int
    url: str


class PlanUpdateOut(Schema):
    id: int
    item_id: int
    unit: PlanUnitRef
    author: str
    text: str
    progress: Decimal
    status: str
    status_label: str
    created_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str
    evidence: list[PlanEvidenceOut]
    version: int


class PlanEventOut(Schema):
    kind: str
    kind_label: str
    actor: str | None
    note: str
    data: dict[str, Any]
    at: datetime


class PlanItemDetailOut(PlanItemOut):
    description: str
    cooperating_units: list[PlanUnitRef]
    children: list[PlanItemOut]
    updates: list[PlanUpdateOut]
    timeline: list[PlanEventOut]
    actions: list[dict[str, Any]]
    links: dict[str, list[int]]


class PlanItemIn(Schema):
    """A new item (owners). Dates as YYYY-MM-DD; progress only for items without children."""

    plan: str = Field(description="the plan's slug")
    parent_id: int | None = None
    code: str = ""
    kind: str
    title_zh: str
    title_en: str = ""
    description: str = ""
    lead_unit_id: int | None = None
    cooperating_unit_ids: list[int] = []
    lead_person: str = ""
    start_date: date | None = None
    due_date: date | None = None
    weight: Decimal = Decimal(1)
    progress: Decimal | None = None
    position: int = 0
    links: dict[str, list[int]] = Field(
        default_factory=dict,
        description="ids by kind: organizations, buildings, space_units, renewal_sites, cases, services",
    )


class PlanItemPatch(Schema):
    """Only the fields given change. `parent_id: null` moves the item to the top level; leave
    it out to keep the parent."""

    version: int | None = None
    parent_id: int | None = None
    code: str | None = None
    kind: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    description: str | None = None
    lead_unit_id: int | None = None
    cooperating_unit_ids: list[int] | None = None
    lead_person: str | None = None
    start_date: date | None = None
    due_date: date | None = None
    weight: Decimal | None = None
    progress: Decimal | None = None
    position: int | None = None
    links: dict[str, list[int]] | None = Field(None, description="replaces the links of the kinds given")


class PlanOverrideIn(Schema):
    progress: Decimal | None = Field(None, description="null: back to the rolled-up figure")
    reason: str = ""
    version: int | None = None


class PlanActionIn(Schema):
    action: str
    note: str = ""
    version: int | None = None


class PlanUpdateIn(Schema):
    text: str
    progress: Decimal


class KpiOut(Schema):
    code: str
    name: str
    name_zh: str
    name_en: str
    unit: str
    direction: str
    source: str
    computation: str
    responsible_unit: PlanUnitRef | None
    year: int
    actual: Decimal | None
    target: Decimal | None
    ratio: Decimal | None
    met: bool | None


class KpiTrendPoint(Schema):
    period: str
    actual: Decimal | None
    target: Decimal | None


class KpiValueOut(Schema):
    id: int
    year: int
    month: int | None
    value: Decimal
    unit: PlanUnitRef
    entered_by: str
    note: str
    status: str
    review_note: str
    evidence_url: str | None
    created_at: datetime
    version: int


class KpiDetailOut(KpiOut):
    targets: dict[str, Decimal]
    trend: list[KpiTrendPoint]
    months: list[KpiTrendPoint]
    values: list[KpiValueOut]
    plan_item_ids: list[int]


class KpiValueIn(Schema):
    year: int
    month: int | None = None
    value: Decimal
    note: str = ""
