"""API for spaces, mounted at /api/spaces: units (/spaces), buildings (/spaces/buildings) and the
urban-renewal pipeline (/spaces/renewal-sites)."""

from ninja import Query, Router
from ninja.pagination import paginate

from alleyhub.core.pagination import BoundedPageNumberPagination

from . import selectors
from .schemas import (
    BuildingFilters,
    BuildingOut,
    RenewalFilters,
    RenewalSiteOut,
    UnitFilters,
    UnitOut,
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


@router.get("/{unit_id}", response=UnitOut, summary="One space unit")
def unit_detail(request, unit_id: int):
    return selectors.unit_get_for_user(pk=unit_id, user=request.user)
