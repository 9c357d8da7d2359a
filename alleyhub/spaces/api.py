"""API for spaces, mounted at /api/spaces: units (/spaces; writes at /spaces/units), buildings
(/spaces/buildings) and the urban-renewal pipeline (/spaces/renewal-sites)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alleyhub.accounts.selectors import api_actor
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.api_inputs import optional_body_openapi
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.schemas import ListingOut
from alleyhub.core.transitions import etag_for, expected_version_from
from alleyhub.directory.listing_api import Action, act, with_etag, write_data
from alleyhub.directory.models import Organization

from . import selectors, services
from .models import Building
from .schemas import (
    ActionIn,
    BuildingCreateIn,
    BuildingFilters,
    BuildingOut,
    BuildingUpdateIn,
    RenewalFilters,
    RenewalSiteCreateIn,
    RenewalSiteOut,
    RenewalSiteUpdateIn,
    UnitCreateIn,
    UnitFilters,
    UnitOut,
    UnitUpdateIn,
)

router = Router(tags=["spaces"])


def _params(schema) -> dict:
    return {k: getattr(v, "value", v) for k, v in schema.dict(exclude_none=True).items() if v != ""}


@router.get("", response=list[UnitOut], summary="List space units")
@paginate(BoundedPageNumberPagination)
def unit_list(request, filters: Query[UnitFilters]):
    return selectors.unit_list_for_user(user=request.user, **_params(filters))


@router.get("/buildings", response=list[BuildingOut], summary="List buildings")
@paginate(BoundedPageNumberPagination)
def building_list(request, filters: Query[BuildingFilters]):
    return selectors.building_list(**_params(filters))


@router.get("/buildings/{slug}", response=BuildingOut, summary="One building")
def building_detail(request, slug: str):
    return selectors.building_get(slug=slug)


@router.get("/renewal-sites", response=list[RenewalSiteOut], summary="List urban-renewal sites")
@paginate(BoundedPageNumberPagination)
def renewal_site_list(request, filters: Query[RenewalFilters]):
    return selectors.renewal_site_list(**_params(filters))


@router.get("/renewal-sites/{slug}", response=RenewalSiteOut, summary="One urban-renewal site")
def renewal_site_detail(request, slug: str):
    return selectors.renewal_site_get(slug=slug[:80])


# --- writes ---------------------------------------------------------------------------------------
# Units mirror the outcome endpoints (POST draft, PATCH with `version` / If-Match, POST …/{action});
# buildings and renewal sites are written by operators (and a building by its operator's admins).

UNIT_NULLABLE = {"available_from", "available_until", "capacity", "expires_on"}
UNIT_REQUIRED = {"kind", "area_sqm", "rent_per_sqm_day", "building_id"}


def _related(data: dict, name: str, model: type, *, field: str) -> None:
    """Turn `<field>_id` in `data` into the object (404 for an unknown id, None stays None)."""
    if name in data:
        value = data.pop(name)
        data[field] = get_object_or_404(model, pk=value) if value is not None else None


@router.post("/units", response={201: UnitOut}, auth=api_auth_required, summary="Create a draft space unit")
def unit_create(request: HttpRequest, payload: UnitCreateIn) -> Status:
    owner = get_object_or_404(Organization, pk=payload.owner_id)
    data, _ = write_data(payload, nullable=UNIT_NULLABLE, m2m_names=(), required=UNIT_REQUIRED)
    _related(data, "building_id", Building, field="building")
    return Status(201, services.unit_create(actor=api_actor(request), owner=owner, **data))


@router.post("/buildings", response={201: BuildingOut}, auth=api_auth_required, summary="Create a building")
def building_create(request: HttpRequest, payload: BuildingCreateIn) -> Status:
    data, _ = write_data(payload, nullable={"latitude", "longitude", "operator_id"}, m2m_names=())
    _related(data, "operator_id", Organization, field="operator")
    return Status(201, services.building_create(actor=api_actor(request), **data))


@router.patch(
    "/buildings/{slug}",
    response=BuildingOut,
    auth=api_auth_required,
    summary="Change a building (`version` or If-Match: 409 when stale)",
)
def building_update(request: HttpRequest, response: HttpResponse, slug: str, payload: BuildingUpdateIn):
    building = selectors.building_get_for_user(slug=slug, user=request.user, for_write=True)
    expected_version = expected_version_from(request, payload.version)
    data, _ = write_data(payload, nullable={"latitude", "longitude", "operator_id"}, m2m_names=())
    _related(data, "operator_id", Organization, field="operator")
    building = services.building_update(
        building=building, actor=api_actor(request), expected_version=expected_version, **data
    )
    response["ETag"] = etag_for(building)
    return building


@router.post(
    "/renewal-sites", response={201: RenewalSiteOut}, auth=api_auth_required, summary="Create a renewal site"
)
def renewal_site_create(request: HttpRequest, payload: RenewalSiteCreateIn) -> Status:
    data, _ = write_data(payload, nullable=RENEWAL_NULLABLE, m2m_names=())
    _related(data, "lead_unit_id", Organization, field="lead_unit")
    return Status(201, services.renewal_site_create(actor=api_actor(request), **data))


@router.patch(
    "/renewal-sites/{slug}",
    response=RenewalSiteOut,
    auth=api_auth_required,
    summary="Change a renewal site or move it to another stage (`version` or If-Match: 409 when stale)",
)
def renewal_site_update(
    request: HttpRequest, response: HttpResponse, slug: str, payload: RenewalSiteUpdateIn
):
    site = selectors.renewal_site_get_for_user(slug=slug, user=request.user, for_write=True)
    expected_version = expected_version_from(request, payload.version)
    data, _ = write_data(payload, nullable=RENEWAL_NULLABLE, m2m_names=())
    _related(data, "lead_unit_id", Organization, field="lead_unit")
    site = services.renewal_site_update(
        site=site, actor=api_actor(request), expected_version=expected_version, **data
    )
    response["ETag"] = etag_for(site)
    return site


RENEWAL_NULLABLE = {"site_area_sqm", "floor_area_sqm", "lead_unit_id", "start_year", "target_year"}


@router.patch(
    "/units/{unit_id}",
    response=UnitOut,
    auth=api_auth_required,
    summary="Change a space unit or its availability (only the fields sent; `version` or If-Match)",
)
def unit_update(request: HttpRequest, response: HttpResponse, unit_id: int, payload: UnitUpdateIn):
    unit = selectors.unit_get_for_user(pk=unit_id, user=request.user)
    expected_version = expected_version_from(request, payload.version)
    data, _ = write_data(payload, nullable=UNIT_NULLABLE, m2m_names=(), required=UNIT_REQUIRED)
    _related(data, "building_id", Building, field="building")
    unit = services.unit_update(
        unit=unit, actor=api_actor(request), expected_version=expected_version, **data
    )
    return with_etag(response, unit)


@router.post(
    "/units/{unit_id}/{action}",
    response=ListingOut,
    auth=api_auth_required,
    summary="Publish, archive or confirm a space unit (`version` or If-Match: 409 when stale)",
    openapi_extra=optional_body_openapi(ActionIn),
)
def unit_action(request: HttpRequest, response: HttpResponse, unit_id: int, action: Action):
    return act(
        request,
        response,
        getter=selectors.unit_get_for_user,
        listing_id=unit_id,
        action=action,
        body=ActionIn,
    )


@router.get("/{unit_id}", response=UnitOut, summary="One space unit")
def unit_detail(request, response: HttpResponse, unit_id: int):
    return with_etag(response, selectors.unit_get_for_user(pk=unit_id, user=request.user))
