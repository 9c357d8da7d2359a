"""API for events, mounted at /api/events: events (list with the page's filters, detail), one's
own registrations (register, list, cancel) and check-in for organiser staff. Refusals are problem
JSON (core.api_errors)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alleyhub.accounts.selectors import api_actor
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.http import client_ip
from alleyhub.core.pagination import BoundedPageNumberPagination

from . import selectors, services
from .models import Event, Registration
from .schemas import (
    EventCheckInIn,
    EventCheckInOut,
    EventDetailOut,
    EventListFilters,
    EventRegisterIn,
    EventRegistrationOut,
    EventSummaryOut,
)
from .tickets import secret_from_code

router = Router(tags=["events"])


@router.get("", response=list[EventSummaryOut], summary="List events (same filters as /events/)")
@paginate(BoundedPageNumberPagination)
def event_list(request: HttpRequest, filters: Query[EventListFilters]) -> QuerySet[Event]:
    params = {k: v for k, v in filters.dict(exclude_none=True).items() if v != ""}
    return selectors.event_list_for_user(user=request.user, **params)


@router.get(
    "/registrations", response=list[EventRegistrationOut], auth=api_auth_required, summary="My registrations"
)
@paginate(BoundedPageNumberPagination)
def event_registrations_mine(request: HttpRequest) -> QuerySet[Registration]:
    return selectors.registrations_of_user(user=api_actor(request))


@router.post(
    "/registrations/{registration_id}/cancel",
    response=EventRegistrationOut,
    auth=api_auth_required,
    summary="Cancel a registration (its registrant or organiser staff)",
)
def event_registration_cancel(request: HttpRequest, registration_id: int) -> Registration:
    actor = api_actor(request)
    registration = selectors.registration_get_for_user(pk=registration_id, user=actor)
    return services.registration_move(registration=registration, action="cancel", actor=actor)


@router.get("/{event_id}", response=EventDetailOut, summary="One event")
def event_detail(request: HttpRequest, event_id: int) -> Event:
    return selectors.event_get_for_user(pk=event_id, user=request.user)


@router.post(
    "/{event_id}/registrations",
    response={201: EventRegistrationOut},
    auth=api_auth_required,
    summary="Register for an event (confirmed, pending approval or on the waiting list)",
)
def event_registration_create(request: HttpRequest, event_id: int, payload: EventRegisterIn) -> Status:
    actor = api_actor(request)
    event = selectors.event_get_for_user(pk=event_id, user=actor)
    registration = services.registration_create(
        event=event,
        actor=actor,
        name=payload.name,
        phone=payload.phone,
        organization_name=payload.organization_name,
        answers=payload.answers,
        ip=client_ip(request),
    )
    return Status(201, registration)


@router.post(
    "/{event_id}/check-in",
    response=EventCheckInOut,
    auth=api_auth_required,
    summary="Check a ticket in (organiser staff); idempotent: a second scan says when and by whom",
)
def event_check_in(request: HttpRequest, event_id: int, payload: EventCheckInIn) -> dict:
    actor = api_actor(request)
    event = selectors.event_get_for_user(pk=event_id, user=actor, for_write=True)
    result = services.registration_check_in(event=event, actor=actor, secret=secret_from_code(payload.code))
    return {
        "already_checked_in": result.already,
        "message": result.message,
        "registration": result.registration,
    }
