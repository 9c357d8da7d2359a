"""API for enquiries (mounted at /api/enquiries): the same selectors and services as the pages.
Every endpoint needs a signed-in user or a token; session writes need the CSRF token."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.transitions import etag_for, expected_version_from
from alleyhub.directory.models import Organization

from . import selectors, services
from .models import Action, Enquiry, EnquiryKind
from .schemas import (
    EnquiryActionIn,
    EnquiryDetailOut,
    EnquiryListOut,
    ServiceEnquiryIn,
    ServiceQuestionsIn,
    ServiceQuestionsOut,
    SpaceEnquiryIn,
)
from .selectors import EnquiryListParams

router = Router(tags=["enquiries"], auth=api_auth_required)


class EnquiryFilters(Schema):
    scope: str = "mine"
    status: str | None = None
    kind: str | None = None
    listing: str | None = None


def _list_out(e: Enquiry) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": e.kind,
        "kind_label": e.get_kind_display(),
        "target_id": e.service_id or e.space_unit_id,
        "target_title": e.target_title,
        "provider": {"id": e.provider_id, "name": e.provider.name},
        "status": e.status,
        "status_label": e.get_status_display(),
        "created_at": e.created_at,
        "version": e.version,
    }


def _detail_out(e: Enquiry, user: Any) -> dict[str, Any]:
    return {
        **_list_out(e),
        "message": e.message,
        "answers": e.answers,
        "proposed_at": e.proposed_at,
        "party_size": e.party_size,
        "contact_name": e.contact_name,
        "contact_email": e.contact_email,
        "contact_phone": e.contact_phone,
        "contact_shared_at": e.contact_shared_at,
        "answered_at": e.answered_at,
        "closed_at": e.closed_at,
        "actions": selectors.enquiry_actions_for_user(enquiry=e, user=user),
        "thread": [
            {
                "side": m.side,
                "action": m.action,
                "author": str(m.author) if m.author else None,
                "body": m.body,
                "at": m.created_at,
            }
            for m in selectors.enquiry_thread(enquiry=e)
        ],
    }


def _organization(request, pk: int | None) -> Organization | None:
    if pk is None:
        return None
    return get_object_or_404(Organization, pk=pk, pk__in=user_organization_ids(request.user))


@router.get(
    "/", response=list[EnquiryListOut], summary="Enquiries I sent (scope=mine) or received (scope=inbox)"
)
@paginate(BoundedPageNumberPagination)
def enquiry_list(request, filters: Query[EnquiryFilters]) -> QuerySet[Enquiry]:
    """scope: `mine` (sent by me) or `inbox` (sent to my organisations); status, kind, listing
    (`service:<id>` / `space:<id>`) as on the pages."""
    params = EnquiryListParams(
        scope=filters.scope,
        status=filters.status or "",
        kind=filters.kind or "",
        listing=filters.listing or "",
    )
    return selectors.enquiry_list(user=request.user, params=params)


@router.get("/{enquiry_id}", response=EnquiryDetailOut, summary="One enquiry with its thread")
def enquiry_detail(request, enquiry_id: int, response: HttpResponse) -> dict[str, Any]:
    enquiry = selectors.enquiry_get_for_user(pk=enquiry_id, user=request.user)
    response["ETag"] = etag_for(enquiry)
    return _detail_out(enquiry, request.user)


@router.post("/services/{service_id}", response={201: EnquiryDetailOut}, summary="Apply for a service")
def enquiry_create_for_service(request, service_id: int, payload: ServiceEnquiryIn) -> Status:
    target = selectors.target_get_for_user(kind=EnquiryKind.SERVICE, pk=service_id, user=request.user)
    enquiry = services.enquiry_create(
        target=target,
        actor=request.user,
        consent=payload.consent,
        message=payload.message,
        answers=payload.answers,
        applicant_organization=_organization(request, payload.applicant_organization_id),
    )
    return Status(201, _detail_out(enquiry, request.user))


@router.post(
    "/spaces/{unit_id}", response={201: EnquiryDetailOut}, summary="Enquire about a space unit / book a visit"
)
def enquiry_create_for_space(request, unit_id: int, payload: SpaceEnquiryIn) -> Status:
    target = selectors.target_get_for_user(kind=EnquiryKind.SPACE, pk=unit_id, user=request.user)
    enquiry = services.enquiry_create(
        target=target,
        actor=request.user,
        consent=payload.consent,
        message=payload.message,
        proposed_at=payload.proposed_at,
        party_size=payload.party_size,
        applicant_organization=_organization(request, payload.applicant_organization_id),
    )
    return Status(201, _detail_out(enquiry, request.user))


def _act(
    request, response: HttpResponse, enquiry_id: int, action: str, payload: EnquiryActionIn
) -> dict[str, Any]:
    enquiry = services.enquiry_act(
        enquiry_id=enquiry_id,
        action=action,
        actor=request.user,
        body=payload.body,
        expected_version=expected_version_from(request, payload.version),
    )
    response["ETag"] = etag_for(enquiry)
    return _detail_out(selectors.enquiry_get_for_user(pk=enquiry.pk, user=request.user), request.user)


@router.post(
    "/{enquiry_id}/answer", response=EnquiryDetailOut, summary="Answer (provider; body = the answer)"
)
def enquiry_answer(
    request, enquiry_id: int, payload: EnquiryActionIn, response: HttpResponse
) -> dict[str, Any]:
    return _act(request, response, enquiry_id, Action.ANSWER, payload)


@router.post(
    "/{enquiry_id}/reply", response=EnquiryDetailOut, summary="Write back (applicant; body required)"
)
def enquiry_reply(
    request, enquiry_id: int, payload: EnquiryActionIn, response: HttpResponse
) -> dict[str, Any]:
    return _act(request, response, enquiry_id, Action.REPLY, payload)


@router.post("/{enquiry_id}/close", response=EnquiryDetailOut, summary="Close (provider)")
def enquiry_close(
    request, enquiry_id: int, payload: EnquiryActionIn, response: HttpResponse
) -> dict[str, Any]:
    return _act(request, response, enquiry_id, Action.CLOSE, payload)


@router.post("/{enquiry_id}/withdraw", response=EnquiryDetailOut, summary="Withdraw (applicant)")
def enquiry_withdraw(
    request, enquiry_id: int, payload: EnquiryActionIn, response: HttpResponse
) -> dict[str, Any]:
    return _act(request, response, enquiry_id, Action.WITHDRAW, payload)


@router.get(
    "/services/{service_id}/questions", response=ServiceQuestionsOut, summary="A service's application form"
)
def service_questions(request, service_id: int) -> dict[str, Any]:
    service = selectors.service_get_for_user(pk=service_id, user=request.user)
    return {"service_id": service.pk, "questions": selectors.service_questions(service=service)}


@router.put(
    "/services/{service_id}/questions",
    response=ServiceQuestionsOut,
    summary="Set a service's application form (provider)",
)
def service_questions_set(request, service_id: int, payload: ServiceQuestionsIn) -> dict[str, Any]:
    service = selectors.service_get_for_user(pk=service_id, user=request.user)
    form = services.service_form_set(service=service, questions=payload.questions, actor=request.user)
    return {"service_id": service.pk, "questions": form.questions}
