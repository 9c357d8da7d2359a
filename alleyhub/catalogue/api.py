"""API for the service list (服务清单), mounted at /api/services."""

from ninja import Query, Router
from ninja.pagination import paginate

from alleyhub.core.pagination import BoundedPageNumberPagination

from . import selectors
from .schemas import ServiceDetailOut, ServiceFilters, ServiceOut

router = Router(tags=["catalogue"])


@router.get("", response=list[ServiceOut], summary="List services of the service list")
@paginate(BoundedPageNumberPagination)
def service_list(request, filters: Query[ServiceFilters]):
    params = {k: getattr(v, "value", v) for k, v in filters.dict(exclude_none=True).items() if v != ""}
    return selectors.service_list_for_user(user=request.user, **params)


@router.get("/{service_id}", response=ServiceDetailOut, summary="One service")
def service_detail(request, service_id: int):
    return selectors.service_get_for_user(pk=service_id, user=request.user)
