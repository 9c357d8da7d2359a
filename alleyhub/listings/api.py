"""API for technology outcomes, technology demands and investor profiles (mounted at /api/).

Each list endpoint calls the same selector with the same parameters as its page. Detail responses
carry the listing's `version` and an `ETag`; changes take `version` in the body or `If-Match`
(core.transitions), and a stale one is answered 409 problem JSON."""

from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from alleyhub.accounts.selectors import api_actor
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.api_inputs import optional_body, optional_body_openapi
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import PublishableListing
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.transitions import etag_for, expected_version_from
from alleyhub.directory.listing_api import write_data
from alleyhub.directory.models import Industry, Organization

from . import selectors, services
from .models import InvestorProfile, TechDemand, TechOutcome
from .schemas import (
    ActionIn,
    DemandCreateIn,
    DemandDetailOut,
    DemandFilters,
    DemandListOut,
    DemandUpdateIn,
    InvestorCreateIn,
    InvestorDetailOut,
    InvestorFilters,
    InvestorOut,
    InvestorUpdateIn,
    ListingOut,
    OutcomeCreateIn,
    OutcomeDetailOut,
    OutcomeFilters,
    OutcomeListOut,
    OutcomeUpdateIn,
)

router = Router(tags=["listings"])

NULLABLE = {
    "price_min",
    "price_max",
    "budget_min",
    "budget_max",
    "deadline",
    "min_trl",
    "expires_on",
    "ticket_min",
    "ticket_max",
}


def _write_data(payload: Schema) -> tuple[dict[str, Any], dict[str, Any]]:
    """Plain fields and M2M fields from a write payload (only the fields that were sent)."""
    data = payload.dict(exclude_unset=True)
    data.pop("owner_id", None)
    data.pop("version", None)
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


def _with_etag(response: HttpResponse, listing: PublishableListing) -> PublishableListing:
    response["ETag"] = etag_for(listing)
    return listing


# --- outcomes -------------------------------------------------------------------------------------


@router.get("/outcomes", response=list[OutcomeListOut], summary="List technology outcomes")
@paginate(BoundedPageNumberPagination)
def outcome_list(request: HttpRequest, filters: Query[OutcomeFilters]) -> QuerySet[TechOutcome]:
    params = selectors.OutcomeListParams.from_values(filters.dict())
    return selectors.outcome_list(user=request.user, params=params)


@router.get("/outcomes/{outcome_id}", response=OutcomeDetailOut, summary="One technology outcome")
def outcome_detail(request: HttpRequest, response: HttpResponse, outcome_id: int) -> PublishableListing:
    return _with_etag(response, selectors.outcome_get_for_user(pk=outcome_id, user=request.user))


@router.post(
    "/outcomes", response={201: OutcomeDetailOut}, auth=api_auth_required, summary="Create a draft outcome"
)
def outcome_create(request: HttpRequest, payload: OutcomeCreateIn) -> Status:
    owner = get_object_or_404(Organization, pk=payload.owner_id)
    data, m2m = _write_data(payload)
    return Status(201, services.outcome_create(actor=api_actor(request), owner=owner, **data, **m2m))


@router.patch(
    "/outcomes/{outcome_id}",
    response=OutcomeDetailOut,
    auth=api_auth_required,
    summary="Change an outcome (only the fields sent; `version` or If-Match: 409 when stale)",
)
def outcome_update(
    request: HttpRequest, response: HttpResponse, outcome_id: int, payload: OutcomeUpdateIn
) -> PublishableListing:
    outcome = selectors.outcome_get_for_user(pk=outcome_id, user=request.user)
    expected_version = expected_version_from(request, payload.version)
    data, m2m = _write_data(payload)
    outcome = services.outcome_update(
        outcome=outcome, actor=api_actor(request), expected_version=expected_version, **data, **m2m
    )
    return _with_etag(response, outcome)


# --- demands --------------------------------------------------------------------------------------


@router.get("/demands", response=list[DemandListOut], summary="List technology demands")
@paginate(BoundedPageNumberPagination)
def demand_list(request: HttpRequest, filters: Query[DemandFilters]) -> QuerySet[TechDemand]:
    params = selectors.DemandListParams.from_values(filters.dict())
    return selectors.demand_list(user=request.user, params=params)


@router.get("/demands/{demand_id}", response=DemandDetailOut, summary="One technology demand")
def demand_detail(request: HttpRequest, response: HttpResponse, demand_id: int) -> PublishableListing:
    return _with_etag(response, selectors.demand_get_for_user(pk=demand_id, user=request.user))


@router.post(
    "/demands", response={201: DemandDetailOut}, auth=api_auth_required, summary="Create a draft demand"
)
def demand_create(request: HttpRequest, payload: DemandCreateIn) -> Status:
    owner = get_object_or_404(Organization, pk=payload.owner_id)
    data, m2m = _write_data(payload)
    return Status(201, services.demand_create(actor=api_actor(request), owner=owner, **data, **m2m))


@router.patch(
    "/demands/{demand_id}",
    response=DemandDetailOut,
    auth=api_auth_required,
    summary="Change a demand (only the fields sent; `version` or If-Match: 409 when stale)",
)
def demand_update(
    request: HttpRequest, response: HttpResponse, demand_id: int, payload: DemandUpdateIn
) -> PublishableListing:
    demand = selectors.demand_get_for_user(pk=demand_id, user=request.user)
    expected_version = expected_version_from(request, payload.version)
    data, m2m = _write_data(payload)
    demand = services.demand_update(
        demand=demand, actor=api_actor(request), expected_version=expected_version, **data, **m2m
    )
    return _with_etag(response, demand)


# --- investors ------------------------------------------------------------------------------------


@router.get("/investors", response=list[InvestorOut], summary="List investor profiles")
@paginate(BoundedPageNumberPagination)
def investor_list(request: HttpRequest, filters: Query[InvestorFilters]) -> QuerySet[InvestorProfile]:
    params = selectors.InvestorListParams.from_values(filters.dict())
    return selectors.investor_list(user=request.user, params=params)


@router.get("/investors/{investor_id}", response=InvestorDetailOut, summary="One investor profile")
def investor_detail(request: HttpRequest, response: HttpResponse, investor_id: int) -> PublishableListing:
    return _with_etag(response, selectors.investor_get_for_user(pk=investor_id, user=request.user))


@router.post(
    "/investors",
    response={201: InvestorDetailOut},
    auth=api_auth_required,
    summary="Create a draft investor profile",
)
def investor_create(request: HttpRequest, payload: InvestorCreateIn) -> Status:
    owner = get_object_or_404(Organization, pk=payload.owner_id)
    data, m2m = write_data(payload, nullable=NULLABLE, m2m_names=("sectors",))
    return Status(201, services.investor_create(actor=api_actor(request), owner=owner, **data, **m2m))


@router.patch(
    "/investors/{investor_id}",
    response=InvestorDetailOut,
    auth=api_auth_required,
    summary="Change an investor profile (only the fields sent; `version` or If-Match: 409 when stale)",
)
def investor_update(
    request: HttpRequest, response: HttpResponse, investor_id: int, payload: InvestorUpdateIn
) -> PublishableListing:
    investor = selectors.investor_get_for_user(pk=investor_id, user=request.user)
    expected_version = expected_version_from(request, payload.version)
    data, m2m = write_data(payload, nullable=NULLABLE, m2m_names=("sectors",))
    investor = services.investor_update(
        investor=investor, actor=api_actor(request), expected_version=expected_version, **data, **m2m
    )
    return _with_etag(response, investor)


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


def _act(
    request: HttpRequest, response: HttpResponse, kind: str, listing_id: int, action: str
) -> PublishableListing:
    listing = _GETTERS[kind](pk=listing_id, user=request.user)
    expected_version = expected_version_from(request, optional_body(request, ActionIn).version)
    listing = _ACTIONS[action](listing=listing, actor=api_actor(request), expected_version=expected_version)
    return _with_etag(response, listing)


@router.post(
    "/outcomes/{outcome_id}/{action}",
    response=ListingOut,
    auth=api_auth_required,
    summary="Publish, archive or confirm an outcome (`version` or If-Match: 409 when stale)",
    openapi_extra=optional_body_openapi(ActionIn),
)
def outcome_action(
    request: HttpRequest, response: HttpResponse, outcome_id: int, action: Action
) -> PublishableListing:
    return _act(request, response, "outcomes", outcome_id, action)


@router.post(
    "/demands/{demand_id}/{action}",
    response=ListingOut,
    auth=api_auth_required,
    summary="Publish, archive or confirm a demand (`version` or If-Match: 409 when stale)",
    openapi_extra=optional_body_openapi(ActionIn),
)
def demand_action(
    request: HttpRequest, response: HttpResponse, demand_id: int, action: Action
) -> PublishableListing:
    return _act(request, response, "demands", demand_id, action)


@router.post(
    "/investors/{investor_id}/{action}",
    response=ListingOut,
    auth=api_auth_required,
    summary="Publish, archive or confirm an investor profile (`version` or If-Match: 409 when stale)",
    openapi_extra=optional_body_openapi(ActionIn),
)
def investor_action(
    request: HttpRequest, response: HttpResponse, investor_id: int, action: Action
) -> PublishableListing:
    return _act(request, response, "investors", investor_id, action)
