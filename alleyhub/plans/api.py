"""API for the plan and the KPIs (mounted at /api/plan). Reads for signed-in platform staff
(operators, the task force, unit staff); writes per role, through the same selectors and services
as the pages. Errors are problem JSON (core.api_errors)."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from alleyhub.brokerage.models import Case
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.transitions import etag_for, expected_version_from
from alleyhub.directory.models import Organization, OrganizationKind
from alleyhub.spaces.models import Building, RenewalSite, SpaceUnit

from . import selectors, services
from .models import CLOSED_STATUSES, ActionPlan, Kpi, KpiValue, PlanItem, ProgressUpdate
from .schemas import (
    KpiDetailOut,
    KpiOut,
    KpiValueIn,
    KpiValueOut,
    PlanActionIn,
    PlanItemDetailOut,
    PlanItemIn,
    PlanItemOut,
    PlanItemPatch,
    PlanOverrideIn,
    PlanTreeNodeOut,
    PlanUpdateIn,
    PlanUpdateOut,
)
from .selectors import PlanFilter

router = Router(tags=["plan"], auth=api_auth_required)


class PlanItemFilters(Schema):
    plan: str = ""
    unit: int | None = None
    status: str = ""
    kind: str = ""
    year: int | None = None
    flag: str = ""
    q: str = ""
    mine: bool = False


def _params(f: PlanItemFilters) -> PlanFilter:
    return PlanFilter(
        plan=f.plan, unit=f.unit, status=f.status, kind=f.kind, year=f.year, flag=f.flag, q=f.q, mine=f.mine
    )


def _unit(org: Organization | None) -> dict[str, Any] | None:
    return {"id": org.pk, "name": str(org)} if org else None


def _item(item: PlanItem) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "id": item.pk,
        "plan": item.plan.slug,
        "parent_id": item.parent_id,
        "code": item.code,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "title": item.title,
        "title_zh": item.title_zh,
        "title_en": item.title_en,
        "lead_unit": _unit(item.lead_unit),
        "lead_person": item.lead_person,
        "start_date": item.start_date,
        "due_date": item.due_date,
        "status": item.status,
        "status_label": item.get_status_display(),
        "weight": item.weight,
        "progress": item.progress,
        "computed_progress": item.computed_progress,
        "progress_overridden": item.progress_overridden,
        "override_reason": item.override_reason,
        "late": bool(item.due_date and item.due_date < today and item.status not in CLOSED_STATUSES),
        "last_update_at": item.last_update_at,
        "version": item.version,
    }


def _update(u: ProgressUpdate) -> dict[str, Any]:
    return {
        "id": u.pk,
        "item_id": u.item_id,
        "unit": _unit(u.unit),
        "author": str(u.author),
        "text": u.text,
        "progress": u.progress,
        "status": u.status,
        "status_label": u.get_status_display(),
        "created_at": u.created_at,
        "reviewed_by": str(u.reviewed_by) if u.reviewed_by else None,
        "reviewed_at": u.reviewed_at,
        "review_note": u.review_note,
        "evidence": [
            {
                "id": e.pk,
                "name": e.original_name,
                "size": e.size,
                "url": reverse("plans:evidence", args=[e.pk]),
            }
            for e in u.evidence.all()
        ],
        "version": u.version,
    }


def _detail(item: PlanItem, user) -> dict[str, Any]:
    item = PlanItem.objects.select_related("plan", "lead_unit").get(pk=item.pk)
    return {
        **_item(item),
        "description": item.description,
        "cooperating_units": [_unit(u) for u in item.cooperating_units.all()],
        "children": [
            _item(c) for c in item.children.select_related("plan", "lead_unit").order_by("position", "pk")
        ],
        "updates": [_update(u) for u in selectors.item_updates(item=item)],
        "timeline": [
            {
                "kind": e.kind,
                "kind_label": e.get_kind_display(),
                "actor": str(e.actor) if e.actor else None,
                "note": e.note,
                "data": e.data,
                "at": e.at,
            }
            for e in selectors.item_timeline(item=item)
        ],
        "actions": [
            {**a, "label": str(a["label"])} for a in selectors.item_actions_for_user(item=item, user=user)
        ],
        "links": {
            name: list(getattr(item, name).values_list("pk", flat=True))
            for name in ("organizations", "buildings", "space_units", "renewal_sites", "cases", "services")
        },
    }


def _units(ids: list[int]) -> list[Organization]:
    return list(Organization.objects.filter(pk__in=ids, kind=OrganizationKind.GOVERNMENT_UNIT))


LINK_MODELS = {
    "organizations": Organization,
    "buildings": Building,
    "space_units": SpaceUnit,
    "renewal_sites": RenewalSite,
    "cases": Case,
    "services": ServiceOffering,
}


def _link_objects(links: dict[str, list[int]] | None) -> dict[str, Any]:
    """The linked rows by kind; an unknown kind or id is a 422 (nothing is saved)."""
    out: dict[str, Any] = {}
    for name, ids in (links or {}).items():
        model = LINK_MODELS.get(name)
        if model is None:
            raise ApplicationError(_("未知的关联：%(name)s") % {"name": name}, status=422)
        rows = list(model._default_manager.filter(pk__in=ids))
        if len(rows) != len(set(ids)):
            raise ApplicationError(_("关联的对象不存在：%(name)s") % {"name": name}, status=422)
        out[name] = rows
    return out


@router.get("/items", response=list[PlanItemOut], summary="Plan items (filters as on /plan/)")
@paginate(BoundedPageNumberPagination)
def plan_item_list(request, filters: Query[PlanItemFilters]) -> list[dict[str, Any]]:
    return [_item(i) for i in selectors.item_list(user=request.user, params=_params(filters))]


@router.get("/tree", response=list[PlanTreeNodeOut], summary="The plan tree, depth-first, as /plan/ shows it")
def plan_tree(request, filters: Query[PlanItemFilters]) -> list[dict[str, Any]]:
    rows = selectors.plan_tree(user=request.user, params=_params(filters))
    return [{**_item(r.item), "depth": r.depth, "matched": r.matched} for r in rows]


@router.get("/items/{item_id}", response=PlanItemDetailOut, summary="One item with its updates and timeline")
def plan_item_detail(request, item_id: int, response: HttpResponse) -> dict[str, Any]:
    item = selectors.item_get_for_user(pk=item_id, user=request.user)
    response["ETag"] = etag_for(item)
    return _detail(item, request.user)


@router.post("/items", response={201: PlanItemDetailOut}, summary="Add an item (operators, task force)")
def plan_item_create(request, payload: PlanItemIn) -> Status:
    selectors.require_reader(request.user)
    plan = get_object_or_404(ActionPlan, slug=payload.plan)
    parent = get_object_or_404(PlanItem, pk=payload.parent_id) if payload.parent_id else None
    lead = get_object_or_404(Organization, pk=payload.lead_unit_id) if payload.lead_unit_id else None
    item = services.item_create(
        plan=plan,
        parent=parent,
        actor=request.user,
        progress=payload.progress,
        links={"cooperating_units": _units(payload.cooperating_unit_ids), **_link_objects(payload.links)},
        code=payload.code,
        kind=payload.kind,
        title_zh=payload.title_zh,
        title_en=payload.title_en,
        description=payload.description,
        lead_unit=lead,
        lead_person=payload.lead_person,
        start_date=payload.start_date,
        due_date=payload.due_date,
        weight=payload.weight,
        position=payload.position,
    )
    return Status(201, _detail(item, request.user))


@router.patch(
    "/items/{item_id}", response=PlanItemDetailOut, summary="Edit or move an item (operators, task force)"
)
def plan_item_update(request, item_id: int, payload: PlanItemPatch, response: HttpResponse) -> dict[str, Any]:
    item = selectors.item_get_for_user(pk=item_id, user=request.user, for_write=True)
    given = payload.model_dump(exclude_unset=True)
    fields: dict[str, Any] = {}
    for name in (
        "code",
        "kind",
        "title_zh",
        "title_en",
        "description",
        "lead_person",
        "start_date",
        "due_date",
        "weight",
        "position",
    ):
        if name in given:
            fields[name] = given[name]
    if "lead_unit_id" in given:
        fields["lead_unit"] = (
            get_object_or_404(Organization, pk=given["lead_unit_id"]) if given["lead_unit_id"] else None
        )
    parent: Any = "unchanged"
    if "parent_id" in given:
        parent = get_object_or_404(PlanItem, pk=given["parent_id"]) if given["parent_id"] else None
    links: dict[str, Any] = _link_objects(given.get("links"))
    if "cooperating_unit_ids" in given:
        links["cooperating_units"] = _units(given["cooperating_unit_ids"])
    item = services.item_update(
        item_id=item.pk,
        actor=request.user,
        expected_version=expected_version_from(request, payload.version),
        parent=parent,
        progress=given.get("progress"),
        links=links or None,
        **fields,
    )
    response["ETag"] = etag_for(item)
    return _detail(item, request.user)


@router.post(
    "/items/{item_id}/override",
    response=PlanItemDetailOut,
    summary="Set a parent's progress by hand (with a reason) or clear it",
)
def plan_item_override(
    request, item_id: int, payload: PlanOverrideIn, response: HttpResponse
) -> dict[str, Any]:
    item = selectors.item_get_for_user(pk=item_id, user=request.user, for_write=True)
    item = services.item_progress_override(
        item_id=item.pk,
        actor=request.user,
        progress=payload.progress,
        reason=payload.reason,
        expected_version=expected_version_from(request, payload.version),
    )
    response["ETag"] = etag_for(item)
    return _detail(item, request.user)


@router.post(
    "/items/{item_id}/status",
    response=PlanItemDetailOut,
    summary="Change the status (start, at_risk, done, drop…)",
)
def plan_item_status(request, item_id: int, payload: PlanActionIn, response: HttpResponse) -> dict[str, Any]:
    item = selectors.item_get_for_user(pk=item_id, user=request.user)
    item = services.item_move_status(
        item_id=item.pk,
        action=payload.action,
        actor=request.user,
        note=payload.note,
        expected_version=expected_version_from(request, payload.version),
    )
    response["ETag"] = etag_for(item)
    return _detail(item, request.user)


@router.get("/items/{item_id}/updates", response=list[PlanUpdateOut], summary="An item's progress updates")
def plan_update_list(request, item_id: int) -> list[dict[str, Any]]:
    item = selectors.item_get_for_user(pk=item_id, user=request.user)
    return [_update(u) for u in selectors.item_updates(item=item)]


@router.post(
    "/items/{item_id}/updates",
    response={201: PlanUpdateOut},
    summary="Post a progress update (the item's units; multipart with files)",
)
def plan_update_create(
    request,
    item_id: int,
    payload: Form[PlanUpdateIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status:
    item = selectors.item_get_for_user(pk=item_id, user=request.user)
    update = services.update_post(
        item=item, actor=request.user, text=payload.text, progress=payload.progress, files=files or []
    )
    return Status(201, _update(update))


@router.post(
    "/updates/{update_id}/review", response=PlanUpdateOut, summary="Accept or return an update (task force)"
)
def plan_update_review(request, update_id: int, payload: PlanActionIn) -> dict[str, Any]:
    update = selectors.update_get_for_user(pk=update_id, user=request.user)
    update = services.update_review(
        update_id=update.pk,
        action=payload.action,
        actor=request.user,
        note=payload.note,
        expected_version=expected_version_from(request, payload.version),
    )
    return _update(ProgressUpdate.objects.select_related("unit", "author", "reviewed_by").get(pk=update.pk))


# --- KPIs ---------------------------------------------------------------------------------------


def _kpi(kpi: Kpi, year: int) -> dict[str, Any]:
    row = selectors.kpi_row(kpi, year)
    return {
        "code": kpi.code,
        "name": kpi.name,
        "name_zh": kpi.name_zh,
        "name_en": kpi.name_en,
        "unit": kpi.unit,
        "direction": kpi.direction,
        "source": kpi.source,
        "computation": kpi.computation,
        "responsible_unit": _unit(kpi.responsible_unit),
        "year": year,
        "actual": row.actual,
        "target": row.target,
        "ratio": row.ratio,
        "met": row.met,
    }


def _value(v: KpiValue) -> dict[str, Any]:
    return {
        "id": v.pk,
        "year": v.year,
        "month": v.month,
        "value": v.value,
        "unit": _unit(v.unit),
        "entered_by": str(v.entered_by),
        "note": v.note,
        "status": v.status,
        "review_note": v.review_note,
        "evidence_url": reverse("plans:kpi_evidence", args=[v.pk]) if v.evidence else None,
        "created_at": v.created_at,
        "version": v.version,
    }


class KpiYearQuery(Schema):
    year: int | None = None


@router.get("/kpis", response=list[KpiOut], summary="KPIs with actual vs target for a year")
def kpi_list(request, q: Query[KpiYearQuery]) -> list[dict[str, Any]]:
    year = q.year or timezone.localdate().year
    return [_kpi(k, year) for k in selectors.kpi_list(user=request.user)]


@router.get("/kpis/{code}", response=KpiDetailOut, summary="One KPI with its trend and entered values")
def kpi_detail(request, code: str, q: Query[KpiYearQuery]) -> dict[str, Any]:
    kpi = selectors.kpi_get_for_user(code=code, user=request.user)
    year = q.year or timezone.localdate().year
    return {
        **_kpi(kpi, year),
        "targets": {str(t.year): t.value for t in kpi.targets.all()},
        "trend": selectors.kpi_trend(kpi=kpi, by="year"),
        "months": selectors.kpi_trend(kpi=kpi, by="month", year_to=year),
        "values": [_value(v) for v in selectors.kpi_values(kpi=kpi)],
        "plan_item_ids": list(kpi.plan_items.values_list("pk", flat=True)),
    }


@router.post(
    "/kpis/{code}/values",
    response={201: KpiValueOut},
    summary="Enter a figure (the KPI's unit; multipart with evidence)",
)
def kpi_value_create(
    request,
    code: str,
    payload: Form[KpiValueIn],
    evidence: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Status:
    kpi = selectors.kpi_get_for_user(code=code, user=request.user)
    row = services.kpi_value_enter(
        kpi=kpi,
        actor=request.user,
        year=payload.year,
        month=payload.month,
        value=payload.value,
        note=payload.note,
        evidence=evidence,
    )
    return Status(201, _value(row))


@router.post(
    "/kpi-values/{value_id}/review",
    response=KpiValueOut,
    summary="Approve or return an entered figure (task force)",
)
def kpi_value_review(request, value_id: int, payload: PlanActionIn) -> dict[str, Any]:
    row = selectors.kpi_value_get_for_user(pk=value_id, user=request.user)
    row = services.kpi_value_review(
        value_id=row.pk,
        action=payload.action,
        actor=request.user,
        note=payload.note,
        expected_version=expected_version_from(request, payload.version),
    )
    return _value(KpiValue.objects.select_related("unit", "entered_by").get(pk=row.pk))
