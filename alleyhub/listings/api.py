"""API for technology outcomes, technology demands and investor profiles (mounted at /api/)."""

from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.directory.models import Industry, Organization

from . import selectors, services
from .schemas import (
    DemandCreateIn,
    DemandDetailOut,
    DemandFilters,
    DemandIn,
    DemandListOut,
    InvestorDetailOut,
    InvestorFilters,
    InvestorOut,
    ListingOut,
    OutcomeCreateIn,
    OutcomeDetailOut,
    OutcomeFilters,
    OutcomeIn,
    OutcomeListOut,
)

router = Router(tags=["listings"])

NULLABLE = {"price_min", "price_max", "budget_min", "budget_max", "deadline", "min_trl", "expires_on"}


def _filters(schema) -> dict:
    return {
        k: getattr(v, "value", v)
        for k, v in schema.dict(exclude_none=True).items()
        if v is not False and v != ""
    }


def _write_data(payload) -> tuple[dict, dict]:
    """Plain fields and M2M fields from a write payload (only the fields that were sent)."""
    data = payload.dict(exclude_unset=True)
    data.pop("owner_id", None)
    m2m = {}
    if "industries" in data:
        codes = data.pop("industries") or []
        industries = list(Industry.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {i.code for i in industries})
        if unknown:
            raise ApplicationError(_("未知的产业领域：%(codes)s") % {"codes": ", ".join(unknown)}, status=422)
        m2m["industries"] = industries
    for name, value in list(data.items()):
        if isinstance(value, list):
            data[name] = [getattr(v, "value", v) for v in value]
        elif value is None and name not in NULLABLE:
            if name == "trl":
                raise ApplicationError(_("技术成熟度须在 1 到 9 之间。"), status=422)
            data[name] = ""
        else:
            data[name] = getattr(value, "value", value)
    return data, m2m


# --- outcomes -------------------------------------------------------------------------------------


@router.get("/outcomes", response=list[OutcomeListOut], summary="List technology outcomes")
@paginate(BoundedPageNumberPagination)
def outcome_list(request, filters: Query[OutcomeFilters]):
    return selectors.outcome_list_for_user(user=request.user, **_filters(filters))


@router.get("/outcomes/{outcome_id}", response=OutcomeDetailOut, summary="One technology outcome")
def outcome_detail(request, outcome_id: int):
    return selectors.outcome_get_for_user(pk=outcome_id, user=request.user)


@router.post(
    "/outcomes", response={201: OutcomeDetailOut}, auth=api_auth_required, summary="Create a draft outcome"
)
def outcome_create(request, payload: OutcomeCreateIn):
    owner = get_object_or_404(Organization, pk=payload.owner_id)
    data, m2m = _write_data(payload)
    return Status(201, services.outcome_create(actor=request.user, owner=owner, **data, **m2m))


@router.patch(
    "/outcomes/{outcome_id}", response=OutcomeDetailOut, auth=api_auth_required, summary="Change an outcome"
)
def outcome_update(request, outcome_id: int, payload: OutcomeIn):
    outcome = selectors.outcome_get_for_user(pk=outcome_id, user=request.user)
    data, m2m = _write_data(payload)
    return services.outcome_update(outcome=outcome, actor=request.user, **data, **m2m)


# --- demands --------------------------------------------------------------------------------------


@router.get("/demands", response=list[DemandListOut], summary="List technology demands")
@paginate(BoundedPageNumberPagination)
def demand_list(request, filters: Query[DemandFilters]):
    return selectors.demand_list_for_user(user=request.user, **_filters(filters))


@router.get("/demands/{demand_id}", response=DemandDetailOut, summary="One technology demand")
def demand_detail(request, demand_id: int):
    return selectors.demand_get_for_user(pk=demand_id, user=request.user)


@router.post(
    "/demands", response={201: DemandDetailOut}, auth=api_auth_required, summary="Create a draft demand"
)
def demand_create(request, payload: DemandCreateIn):
    owner = get_object_or_404(Organization, pk=payload.owner_id)
    data, m2m = _write_data(payload)
    return Status(201, services.demand_create(actor=request.user, owner=owner, **data, **m2m))


@router.patch(
    "/demands/{demand_id}", response=DemandDetailOut, auth=api_auth_required, summary="Change a demand"
)
def demand_update(request, demand_id: int, payload: DemandIn):
    demand = selectors.demand_get_for_user(pk=demand_id, user=request.user)
    data, m2m = _write_data(payload)
    return services.demand_update(demand=demand, actor=request.user, **data, **m2m)


# --- investors ------------------------------------------------------------------------------------


@router.get("/investors", response=list[InvestorOut], summary="List investor profiles")
@paginate(BoundedPageNumberPagination)
def investor_list(request, filters: Query[InvestorFilters]):
    return selectors.investor_list_for_user(user=request.user, **_filters(filters))


@router.get("/investors/{investor_id}", response=InvestorDetailOut, summary="One investor profile")
def investor_detail(request, investor_id: int):
    return selectors.investor_get_for_user(pk=investor_id, user=request.user)


# --- status actions -------------------------------------------------------------------------------

_GETTERS = {
    "outcomes": selectors.outcome_get_for_user,
    "demands": selectors.demand_get_for_user,
    "investors": selectors.investor_get_for_user,
}
_ACTIONS = {
    "publish": services.listing_publish,
    "archive": services.listing_archive,
    "confirm": services.listing_confirm,
}


Action = Literal["publish", "archive", "confirm"]


def _act(request, kind: str, listing_id: int, action: str):
    listing = _GETTERS[kind](pk=listing_id, user=request.user)
    return _ACTIONS[action](listing=listing, actor=request.user)


@router.post(
    "/outcomes/{outcome_id}/{action}",
    response=ListingOut,
    auth=api_auth_required,
    summary="Publish, archive or confirm an outcome",
)
def outcome_action(request, outcome_id: int, action: Action):
    return _act(request, "outcomes", outcome_id, action)


@router.post(
    "/demands/{demand_id}/{action}",
    response=ListingOut,
    auth=api_auth_required,
    summary="Publish, archive or confirm a demand",
)
def demand_action(request, demand_id: int, action: Action):
    return _act(request, "demands", demand_id, action)


@router.post(
    "/investors/{investor_id}/{action}",
    response=ListingOut,
    auth=api_auth_required,
    summary="Publish, archive or confirm an investor profile",
)
def investor_action(request, investor_id: int, action: Action):
    return _act(request, "investors", investor_id, action)
