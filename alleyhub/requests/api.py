"""API for enterprise requests (mounted at /api/requests). Every endpoint needs a signed-in user or
a token; reads and writes go through the same selectors and services as the pages."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.transitions import etag_for, expected_version_from
from alleyhub.directory.models import Organization, OrganizationKind

from . import selectors, services
from .deadlines import current_deadline
from .models import Action, EnterpriseRequest
from .schemas import ActionIn, RequestDetailOut, RequestIn, RequestListOut
from .selectors import RequestListParams

router = Router(tags=["requests"], auth=api_auth_required)


class RequestFilters(Schema):
    scope: str = "all"
    status: str | None = None
    sort: str = "newest"


def _ref(org: Organization) -> dict[str, Any]:
    return {"id": org.pk, "name": org.name}


def _deadline(req: EnterpriseRequest) -> dict[str, Any] | None:
    d = current_deadline(req)
    return {"kind": d.kind, "due": d.due, "colour": d.colour} if d else None


def _list_out(req: EnterpriseRequest) -> dict[str, Any]:
    return {
        "id": req.pk,
        "title": req.title,
        "category": req.category,
        "category_label": req.get_category_display(),
        "status": req.status,
        "status_label": req.get_status_display(),
        "organization": _ref(req.organization),
        "responsible_unit": _ref(req.responsible_unit),
        "submitted_at": req.submitted_at,
        "accept_due_at": req.accept_due_at,
        "answer_due_at": req.answer_due_at,
        "deadline": _deadline(req),
        "version": req.version,
    }


def _detail_out(req: EnterpriseRequest, user: Any) -> dict[str, Any]:
    return {
        **_list_out(req),
        "description": req.description,
        "contact_preference": req.contact_preference,
        "cooperating_units": [_ref(u) for u in req.cooperating_units.all()],
        "accepted_at": req.accepted_at,
        "answered_at": req.answered_at,
        "answer": req.answer,
        "closed_at": req.closed_at,
        "actions": selectors.request_actions_for_user(request=req, user=user),
        "timeline": [
            {
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "actor": str(e.actor) if e.actor else None,
                "note": e.note,
                "at": e.at,
            }
            for e in selectors.request_timeline(request=req)
        ],
        "attachments": [
            {
                "id": a.pk,
                "name": a.original_name,
                "size": a.size,
                "content_type": a.content_type,
                "url": reverse("requests:attachment", args=[a.pk]),
            }
            for a in req.attachments.all()
        ],
        "ratings": [
            {"score": r.score, "comment": r.comment, "created_at": r.created_at} for r in req.ratings.all()
        ],
    }


@router.get("/", response=list[RequestListOut], summary="Requests I may see")
@paginate(BoundedPageNumberPagination)
def request_list(
    request, filters: Query[RequestFilters]
) -> QuerySet[EnterpriseRequest] | list[EnterpriseRequest]:
    """scope: `mine` (my enterprise's), `unit` (my unit's, or every open one for the task force), `all`;
    status: one status; sort: `newest` or `deadline` (running deadlines first, red → yellow → green,
    as the unit inbox shows them). The same rows as the pages for the same parameters."""
    params = RequestListParams(scope=filters.scope, status=filters.status or "", sort=filters.sort)
    return selectors.request_list(user=request.user, params=params)


@router.get("/{request_id}", response=RequestDetailOut, summary="One request with its timeline")
def request_detail(request, request_id: int, response: HttpResponse) -> dict[str, Any]:
    """The response carries an ETag (the version) to send back as If-Match with an action."""
    req = selectors.request_get_for_user(request_id=request_id, user=request.user)
    response["ETag"] = etag_for(req)
    return _detail_out(req, request.user)


@router.post("/", response={201: RequestDetailOut}, summary="Submit a request for my enterprise")
def request_submit(request, payload: RequestIn) -> Status:
    orgs = selectors.submitter_organizations(request.user)
    if payload.organization_id is not None:
        org = get_object_or_404(Organization, pk=payload.organization_id, kind=OrganizationKind.ENTERPRISE)
    elif orgs.count() == 1:
        org = orgs.get()
    else:
        raise ApplicationError(_("请指定提交诉求的企业（organization_id）。"), status=422)
    req = services.request_submit(
        organization=org,
        actor=request.user,
        category=payload.category,
        title=payload.title,
        description=payload.description,
        contact_preference=payload.contact_preference,
    )
    return Status(201, _detail_out(req, request.user))


@router.post("/{request_id}/attachments", response={201: RequestDetailOut}, summary="Attach a file (≤ 10 MB)")
def attachment_add(request, request_id: int, file: File[UploadedFile]) -> Status:
    req = selectors.request_get_for_user(request_id=request_id, user=request.user, for_write=True)
    services.attachment_add(request=req, uploaded=file, actor=request.user)
    return Status(201, _detail_out(req, request.user))


def _act(request, response: HttpResponse, request_id: int, action: str, payload: ActionIn) -> dict[str, Any]:
    """Take `action`; the version the client saw is `version` in the body or an If-Match header
    (a stale one is 409 problem JSON, code "conflict")."""
    unit = None
    if payload.responsible_unit_id is not None:
        unit = get_object_or_404(Organization, pk=payload.responsible_unit_id)
    coop = list(
        Organization.objects.filter(
            pk__in=payload.cooperating_unit_ids, kind=OrganizationKind.GOVERNMENT_UNIT
        )
    )
    req = services.request_act(
        request_id=request_id,
        action=action,
        actor=request.user,
        note=payload.note,
        expected_version=expected_version_from(request, payload.version),
        score=payload.score,
        responsible_unit=unit,
        cooperating_units=coop,
    )
    response["ETag"] = etag_for(req)
    return _detail_out(req, request.user)


@router.post(
    "/{request_id}/accept", response=RequestDetailOut, summary="Accept (unit in charge / task force)"
)
def request_accept(request, request_id: int, payload: ActionIn, response: HttpResponse) -> dict[str, Any]:
    return _act(request, response, request_id, Action.ACCEPT, payload)


@router.post("/{request_id}/start", response=RequestDetailOut, summary="Start working on it")
def request_start(request, request_id: int, payload: ActionIn, response: HttpResponse) -> dict[str, Any]:
    return _act(request, response, request_id, Action.START, payload)


@router.post("/{request_id}/answer", response=RequestDetailOut, summary="Answer (note = the answer)")
def request_answer(request, request_id: int, payload: ActionIn, response: HttpResponse) -> dict[str, Any]:
    return _act(request, response, request_id, Action.ANSWER, payload)


@router.post(
    "/{request_id}/return", response=RequestDetailOut, summary="Return for re-routing (note = reason)"
)
def request_return(request, request_id: int, payload: ActionIn, response: HttpResponse) -> dict[str, Any]:
    return _act(request, response, request_id, Action.RETURN, payload)


@router.post("/{request_id}/reroute", response=RequestDetailOut, summary="Re-route (task force)")
def request_reroute(request, request_id: int, payload: ActionIn, response: HttpResponse) -> dict[str, Any]:
    return _act(request, response, request_id, Action.REROUTE, payload)


@router.post(
    "/{request_id}/close", response=RequestDetailOut, summary="Close and rate (enterprise; score 1–5)"
)
def request_close(request, request_id: int, payload: ActionIn, response: HttpResponse) -> dict[str, Any]:
    return _act(request, response, request_id, Action.CLOSE, payload)


@router.post("/{request_id}/reopen", response=RequestDetailOut, summary="Reopen within 7 days of the answer")
def request_reopen(request, request_id: int, payload: ActionIn, response: HttpResponse) -> dict[str, Any]:
    return _act(request, response, request_id, Action.REOPEN, payload)
