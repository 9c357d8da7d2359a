"""API for the service list (服务清单), mounted at /api/services. Writes mirror the outcome
endpoints: POST creates a draft, PATCH changes the fields sent (`version` or If-Match: 409 when
stale), POST …/{action} publishes, archives or confirms."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alleyhub.accounts.selectors import api_actor
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.api_inputs import optional_body_openapi
from alleyhub.core.models import PublishableListing
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.schemas import ListingOut
from alleyhub.core.transitions import expected_version_from
from alleyhub.directory.listing_api import Action, act, with_etag, write_data
from alleyhub.directory.models import Organization

from . import selectors, services
from .schemas import ActionIn, ServiceCreateIn, ServiceDetailOut, ServiceFilters, ServiceOut, ServiceUpdateIn

router = Router(tags=["catalogue"])

NULLABLE = {"expires_on"}
REQUIRED = {"category", "is_free"}


@router.get("", response=list[ServiceOut], summary="List services of the service list")
@paginate(BoundedPageNumberPagination)
def service_list(request, filters: Query[ServiceFilters]):
    params = {k: getattr(v, "value", v) for k, v in filters.dict(exclude_none=True).items() if v != ""}
    return selectors.service_list_for_user(user=request.user, **params)


@router.get("/{service_id}", response=ServiceDetailOut, summary="One service")
def service_detail(request, response: HttpResponse, service_id: int):
    return with_etag(response, selectors.service_get_for_user(pk=service_id, user=request.user))


@router.post("", response={201: ServiceDetailOut}, auth=api_auth_required, summary="Create a draft service")
def service_create(request: HttpRequest, payload: ServiceCreateIn) -> Status:
    owner = get_object_or_404(Organization, pk=payload.owner_id)
    data, _ = write_data(payload, nullable=NULLABLE, m2m_names=(), required=REQUIRED)
    return Status(201, services.service_create(actor=api_actor(request), owner=owner, **data))


@router.patch(
    "/{service_id}",
    response=ServiceDetailOut,
    auth=api_auth_required,
    summary="Change a service (only the fields sent; `version` or If-Match: 409 when stale)",
)
def service_update(
    request: HttpRequest, response: HttpResponse, service_id: int, payload: ServiceUpdateIn
) -> PublishableListing:
    service = selectors.service_get_for_user(pk=service_id, user=request.user)
    expected_version = expected_version_from(request, payload.version)
    data, _ = write_data(payload, nullable=NULLABLE, m2m_names=(), required=REQUIRED)
    service = services.service_update(
        service=service, actor=api_actor(request), expected_version=expected_version, **data
    )
    return with_etag(response, service)


@router.post(
    "/{service_id}/{action}",
    response=ListingOut,
    auth=api_auth_required,
    summary="Publish, archive or confirm a service (`version` or If-Match: 409 when stale)",
    openapi_extra=optional_body_openapi(ActionIn),
)
def service_action(request: HttpRequest, response: HttpResponse, service_id: int, action: Action):
    return act(
        request,
        response,
        getter=selectors.service_get_for_user,
        listing_id=service_id,
        action=action,
        body=ActionIn,
    )
