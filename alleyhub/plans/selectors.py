"""Reads for the plan and the KPIs, shared by the pages, the API and (later) the dashboards and
reports. Every `*_get_for_user` fetches and authorises in one call (PermissionDenied / Http404).

Who reads: signed-in platform staff — operators, the task force and government-unit staff.
Who writes: see services (owners edit the tree; units post updates on their items).

Selectors meant for dashboards and reports (docs/plan.md lists them): `progress_by_task`,
`progress_by_unit`, `late_items`, `stale_items`, `kpi_actual_vs_target`, `kpi_trend`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import Membership, Role
from alleyhub.core.uploads import StoredFile
from alleyhub.directory.models import Organization, OrganizationKind

from .kpis import COMPUTATIONS
from .models import (
    CLOSED_STATUSES,
    ActionPlan,
    ItemStatus,
    Kpi,
    KpiSource,
    KpiValue,
    PlanItem,
    PlanItemEvent,
    ProgressUpdate,
    UpdateEvidence,
    UpdateStatus,
)
from .transitions import ITEM_MOVES, OWNER, REVIEW_MOVES, UNIT

STALE_DAYS = 30

# --- who ----------------------------------------------------------------------------------------


def is_plan_owner(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role in (Role.OPERATOR, Role.TASK_FORCE))
    )


def is_plan_reader(user) -> bool:
    return is_plan_owner(user) or bool(
        user is not None and user.is_authenticated and user.is_active and user.role == Role.UNIT_STAFF
    )


def require_reader(user) -> None:
    if not is_plan_reader(user):
        raise PermissionDenied(_("行动方案仅对街区运营方、工作专班和政府部门工作人员开放。"))


def user_unit_ids(user) -> set[int]:
    """The government units `user` is a member of."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(user=user, organization__kind=OrganizationKind.GOVERNMENT_UNIT).values_list(
            "organization_id", flat=True
        )
    )


def user_units(user) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=user_unit_ids(user)).order_by("pk")


def item_roles(*, item: PlanItem, user) -> set[str]:
    """OWNER for operators and the task force; UNIT for staff of the lead or a cooperating unit."""
    roles: set[str] = set()
    if is_plan_owner(user):
        roles.add(OWNER)
    if user is not None and user.is_authenticated and user.role == Role.UNIT_STAFF:
        units = user_unit_ids(user)
        if item.lead_unit_id in units or item.cooperating_units.filter(pk__in=units).exists():
            roles.add(UNIT)
    return roles


def kpi_roles(*, kpi: Kpi, user) -> set[str]:
    roles: set[str] = set()
    if is_plan_owner(user):
        roles.add(OWNER)
    if (
        user is not None
        and user.is_authenticated
        and user.role == Role.UNIT_STAFF
        and kpi.responsible_unit_id in user_unit_ids(user)
    ):
        roles.add(UNIT)
    return roles


# --- items --------------------------------------------------------------------------------------


def default_plan() -> ActionPlan | None:
    return ActionPlan.objects.order_by("year_start", "pk").first()


@dataclass(frozen=True)
class PlanFilter:
    """The filters the /plan/ page and the API share."""

    plan: str = ""  # slug; empty: every plan
    unit: int | None = None  # lead or cooperating unit
    status: str = ""
    kind: str = ""
    year: int | None = None  # items running in that year (start…due overlaps it)
    flag: str = ""  # "late" | "stale"
    q: str = ""
    mine: bool = False  # only the items of the user's own units (lead or cooperating)


def _year_q(year: int) -> Q:
    return (Q(start_date__isnull=True) | Q(start_date__lte=date(year, 12, 31))) & (
        Q(due_date__isnull=True) | Q(due_date__gte=date(year, 1, 1))
    )


def late_q(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(due_date__lt=today) & ~Q(status__in=CLOSED_STATUSES)


def stale_q(now=None) -> Q:
    cutoff = (now or timezone.now()) - timedelta(days=STALE_DAYS)
    return (
        ~Q(status__in=CLOSED_STATUSES)
        & Q(created_at__lt=cutoff)
        & (Q(last_update_at__isnull=True) | Q(last_update_at__lt=cutoff))
    )


def item_list(*, user, params: PlanFilter = PlanFilter()) -> QuerySet[PlanItem]:
    """Items matching `params`, in tree order within each plan (position, id)."""
    require_reader(user)
    qs = PlanItem.objects.select_related("plan", "lead_unit", "parent")
    if params.plan:
        qs = qs.filter(plan__slug=params.plan)
    if params.unit:
        qs = qs.filter(Q(lead_unit_id=params.unit) | Q(cooperating_units=params.unit)).distinct()
    if params.mine:
        units = user_unit_ids(user)
        qs = qs.filter(Q(lead_unit_id__in=units) | Q(cooperating_units__in=units)).distinct()
    if params.status:
        qs = qs.filter(status=params.status)
    if params.kind:
        qs = qs.filter(kind=params.kind)
    if params.year:
        qs = qs.filter(_year_q(params.year))
    if params.flag == "late":
        qs = qs.filter(late_q())
    elif params.flag == "stale":
        qs = qs.filter(stale_q(), children=None)
    if params.q:
        qs = qs.filter(
            Q(title_zh__icontains=params.q) | Q(title_en__icontains=params.q) | Q(code__icontains=params.q)
        )
    return qs.order_by("plan__year_start", "plan_id", "position", "pk")


@dataclass
class TreeRow:
    item: PlanItem
    depth: int
    matched: bool = True  # False: shown only as the ancestor of a matching item
    has_children: bool = False
    late: bool = False


def _is_filtered(params: PlanFilter) -> bool:
    return any((params.unit, params.status, params.kind, params.year, params.flag, params.q, params.mine))


def plan_tree(*, user, params: PlanFilter = PlanFilter()) -> list[TreeRow]:
    """The items of the plan(s) as a depth-first list; with filters, the matching items plus the
    ancestors that place them in the tree (marked `matched=False`)."""
    require_reader(user)
    base = PlanItem.objects.select_related("lead_unit", "plan")
    if params.plan:
        base = base.filter(plan__slug=params.plan)
    items = list(base.order_by("plan__year_start", "plan_id", "position", "pk"))
    by_id = {i.pk: i for i in items}
    children: dict[int | None, list[PlanItem]] = {}
    for i in items:
        children.setdefault(i.parent_id if i.parent_id in by_id else None, []).append(i)
    if _is_filtered(params):
        matched = set(item_list(user=user, params=params).values_list("pk", flat=True))
        keep = set(matched)
        for pk in matched:
            node = by_id.get(pk)
            while node is not None and node.parent_id in by_id:
                keep.add(node.parent_id)
                node = by_id[node.parent_id]
    else:
        matched = keep = set(by_id)
    today = timezone.localdate()
    rows: list[TreeRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for i in children.get(parent_id, []):
            if i.pk not in keep:
                continue
            late = bool(i.due_date and i.due_date < today and i.status not in CLOSED_STATUSES)
            rows.append(TreeRow(i, depth, i.pk in matched, bool(children.get(i.pk)), late))
            walk(i.pk, depth + 1)

    walk(None, 0)
    return rows


def item_get_for_user(*, pk: int, user, for_write: bool = False) -> PlanItem:
    """The item; for_write: only its owners (operators, task force) — units act on an item
    through updates and status moves, which check their own capacity."""
    require_reader(user)
    item = PlanItem.objects.select_related("plan", "lead_unit", "parent").filter(pk=pk).first()
    if item is None:
        raise Http404
    if for_write and not is_plan_owner(user):
        raise PermissionDenied(_("只有街区运营方和工作专班可以编辑行动方案。"))
    return item


def item_ancestors(item: PlanItem) -> list[PlanItem]:
    chain: list[PlanItem] = []
    node = item.parent
    while node is not None and len(chain) < 50:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def item_timeline(*, item: PlanItem) -> list[PlanItemEvent]:
    """The item's events, newest first; status changes carry `old_label` / `new_label`."""
    labels = dict(ItemStatus.choices)
    events = list(item.events.select_related("actor").order_by("-at", "-pk"))
    for e in events:
        e.old_label = labels.get(e.data.get("old"), "")  # type: ignore[attr-defined]
        e.new_label = labels.get(e.data.get("new"), "")  # type: ignore[attr-defined]
    return events


def item_updates(*, item: PlanItem) -> list[ProgressUpdate]:
    return list(item.updates.select_related("unit", "author", "reviewed_by").prefetch_related("evidence"))


def item_actions_for_user(*, item: PlanItem, user) -> list[dict[str, Any]]:
    roles = item_roles(item=item, user=user)
    return (
        [
            {"action": t.action, "label": t.display(), "note_required": t.note_required}
            for t in ITEM_MOVES.allowed(item.status, roles)
        ]
        if roles
        else []
    )


def update_review_actions(*, update: ProgressUpdate, user) -> list[dict[str, Any]]:
    if not is_plan_owner(user):
        return []
    return [
        {"action": t.action, "label": t.display(), "note_required": t.note_required}
        for t in REVIEW_MOVES.allowed(update.status, {OWNER})
    ]


def can_post_update(*, item: PlanItem, user) -> bool:
    return UNIT in item_roles(item=item, user=user) and item.status not in CLOSED_STATUSES


def unit_items(*, user) -> QuerySet[PlanItem]:
    """My units' items (lead or cooperating), open ones first by due date."""
    require_reader(user)
    units = user_unit_ids(user)
    return (
        PlanItem.objects.filter(Q(lead_unit_id__in=units) | Q(cooperating_units__in=units))
        .distinct()
        .select_related("plan", "lead_unit", "parent")
        .order_by("due_date", "pk")
    )


def updates_pending(*, user) -> QuerySet[ProgressUpdate]:
    """Submitted updates waiting for the task force (owners only; empty for others)."""
    if not is_plan_owner(user):
        return ProgressUpdate.objects.none()
    return ProgressUpdate.objects.filter(status=UpdateStatus.SUBMITTED).select_related(
        "item", "unit", "author"
    )


def update_get_for_user(*, pk: int, user) -> ProgressUpdate:
    require_reader(user)
    update = ProgressUpdate.objects.select_related("item", "unit", "author").filter(pk=pk).first()
    if update is None:
        raise Http404
    return update


def evidence_for_download(*, pk: int, user) -> StoredFile:
    require_reader(user)
    row = UpdateEvidence.objects.filter(pk=pk).first()
    if row is None:
        raise Http404
    return StoredFile(row.file, row.original_name, row.content_type)


def kpi_evidence_for_download(*, pk: int, user) -> StoredFile:
    require_reader(user)
    row = KpiValue.objects.filter(pk=pk).exclude(evidence="").first()
    if row is None:
        raise Http404
    return StoredFile(row.evidence, row.evidence_name, row.evidence_type)


# --- for dashboards and reports -------------------------------------------------------------


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def progress_by_task(*, plan: ActionPlan) -> list[dict[str, Any]]:
    """One row per top-level item of `plan`: its progress (and the computed figure when it was
    set by hand), status, and how many items below it are late / done / in all."""
    items = list(PlanItem.objects.filter(plan=plan).values("pk", "parent_id", "status", "due_date"))
    parent = {i["pk"]: i["parent_id"] for i in items}
    today = timezone.localdate()

    def top(pk: int) -> int:
        while parent.get(pk):
            pk = parent[pk]
        return pk

    stats: dict[int, dict[str, int]] = {}
    for i in items:
        if i["parent_id"] is None:
            continue
        s = stats.setdefault(top(i["pk"]), {"items": 0, "late": 0, "done": 0})
        s["items"] += 1
        s["done"] += i["status"] == ItemStatus.DONE
        s["late"] += bool(i["due_date"] and i["due_date"] < today and i["status"] not in CLOSED_STATUSES)
    rows = []
    for item in (
        PlanItem.objects.filter(plan=plan, parent=None).select_related("lead_unit").order_by("position", "pk")
    ):
        rows.append(
            {
                "item": item,
                "progress": item.progress,
                "computed_progress": item.computed_progress,
                "overridden": item.progress_overridden,
                "status": item.status,
                **stats.get(item.pk, {"items": 0, "late": 0, "done": 0}),
            }
        )
    return rows


def progress_by_unit(*, plan: ActionPlan | None = None) -> list[dict[str, Any]]:
    """One row per lead unit: how many items it leads, their mean progress, how many are late,
    done, and waiting for review."""
    qs = PlanItem.objects.exclude(lead_unit=None).exclude(status=ItemStatus.DROPPED)
    if plan is not None:
        qs = qs.filter(plan=plan)
    today = timezone.localdate()
    by_unit: dict[int, dict[str, Any]] = {}
    for item in qs.select_related("lead_unit"):
        row = by_unit.setdefault(
            int(item.lead_unit_id or 0), {"unit": item.lead_unit, "items": 0, "late": 0, "done": 0, "_p": []}
        )
        row["items"] += 1
        row["_p"].append(item.progress)
        row["done"] += item.status == ItemStatus.DONE
        row["late"] += bool(item.due_date and item.due_date < today and item.status not in CLOSED_STATUSES)
    pending = {
        r["unit_id"]: r["n"]
        for r in ProgressUpdate.objects.filter(status=UpdateStatus.SUBMITTED)
        .values("unit_id")
        .annotate(n=Count("pk"))
    }
    for unit_id, row in by_unit.items():
        row["progress"] = _mean(row.pop("_p"))
        row["pending_updates"] = pending.get(unit_id, 0)
    return sorted(by_unit.values(), key=lambda r: (-r["late"], str(r["unit"])))


def late_items(*, plan: ActionPlan | None = None, today: date | None = None) -> QuerySet[PlanItem]:
    """Items past their due date and neither done nor dropped, most overdue first."""
    qs = PlanItem.objects.filter(late_q(today)).select_related("lead_unit", "plan")
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.order_by("due_date", "pk")


def stale_items(*, plan: ActionPlan | None = None, now=None) -> QuerySet[PlanItem]:
    """Open leaf items with no update for 30 days."""
    qs = PlanItem.objects.filter(stale_q(now), children=None).select_related("lead_unit", "plan")
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.order_by("last_update_at", "pk")


# --- KPIs ---------------------------------------------------------------------------------------


def kpi_list(*, user) -> QuerySet[Kpi]:
    require_reader(user)
    return (
        Kpi.objects.select_related("responsible_unit").prefetch_related("targets").order_by("position", "pk")
    )


def kpi_get_for_user(*, code: str, user) -> Kpi:
    require_reader(user)
    kpi = Kpi.objects.select_related("responsible_unit").filter(code=code).first()
    if kpi is None:
        raise Http404
    return kpi


def kpi_values(*, kpi: Kpi) -> QuerySet[KpiValue]:
    return kpi.values.select_related("unit", "entered_by", "reviewed_by").order_by("-year", "-month", "-pk")


def kpi_value_get_for_user(*, pk: int, user) -> KpiValue:
    require_reader(user)
    row = KpiValue.objects.select_related("kpi").filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def _period(year: int, month: int | None) -> tuple[date, date]:
    if month:
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
    else:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    return start, end


def kpi_actual(kpi: Kpi, year: int, month: int | None = None, *, today: date | None = None) -> Decimal | None:
    """The KPI's figure for a year (month None) or a month. Computed KPIs run their computation
    over the period (up to today); entered ones use the latest approved figure for the period —
    for a year, the yearly figure, else the latest approved month (monthly figures are
    year-to-date). None when there is nothing (a future period, nothing approved)."""
    today = today or timezone.localdate()
    start, end = _period(year, month)
    if start > today:
        return None
    if kpi.source == KpiSource.COMPUTED:
        comp = COMPUTATIONS.get(kpi.computation)
        if comp is None:
            return None
        return comp.fn(start, min(end, today + timedelta(days=1)))
    approved = kpi.values.filter(status=UpdateStatus.ACCEPTED, year=year)
    if month:
        row = approved.filter(month=month).order_by("-reviewed_at", "-pk").first()
    else:
        row = (
            approved.filter(month=None).order_by("-reviewed_at", "-pk").first()
            or approved.exclude(month=None).order_by("-month", "-reviewed_at", "-pk").first()
        )
    return row.value if row else None


def kpi_target(kpi: Kpi, year: int) -> Decimal | None:
    for t in kpi.targets.all():
        if t.year == year:
            return t.value
    return None


@dataclass
class KpiRow:
    kpi: Kpi
    year: int
    actual: Decimal | None
    target: Decimal | None
    ratio: Decimal | None = None  # actual/target in %, inverted for "down" KPIs
    met: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def kpi_row(kpi: Kpi, year: int, *, today: date | None = None) -> KpiRow:
    actual = kpi_actual(kpi, year, today=today)
    target = kpi_target(kpi, year)
    row = KpiRow(kpi, year, actual, target)
    if actual is not None and target:
        if kpi.direction == "down":
            row.met = actual <= target
            row.ratio = (target * 100 / actual).quantize(Decimal("0.1")) if actual else Decimal(100)
        else:
            row.met = actual >= target
            row.ratio = (actual * 100 / target).quantize(Decimal("0.1"))
    return row


def kpi_actual_vs_target(*, user, year: int | None = None) -> list[KpiRow]:
    """Every KPI's actual vs target for `year` (default: this year)."""
    year = year or timezone.localdate().year
    return [kpi_row(kpi, year) for kpi in kpi_list(user=user)]


def kpi_trend(
    *, kpi: Kpi, by: str = "year", year_from: int | None = None, year_to: int | None = None
) -> list[dict[str, Any]]:
    """The KPI's series: per year (`by="year"`, with the target) or per month of `year_to`
    (`by="month"`), as [{"period", "actual", "target"}]; future periods are left out."""
    today = timezone.localdate()
    year_to = year_to or today.year
    if by == "month":
        return [
            {
                "period": f"{year_to}-{m:02d}",
                "actual": kpi_actual(kpi, year_to, m, today=today),
                "target": None,
            }
            for m in range(1, 13)
            if date(year_to, m, 1) <= today
        ]
    years = sorted({t.year for t in kpi.targets.all()} | {today.year})
    year_from = year_from or (years[0] if years else today.year)
    return [
        {"period": str(y), "actual": kpi_actual(kpi, y, today=today), "target": kpi_target(kpi, y)}
        for y in range(year_from, year_to + 1)
    ]
