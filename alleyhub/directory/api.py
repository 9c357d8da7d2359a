"""API for the directory: organisations (/api/organizations), people (/api/people), and
organisations running themselves — registration, review, profile, members, invitations
(/api/organizations/…) and join requests (/api/join-requests). Writes call directory.services;
permission checks are the selectors the pages use."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from alleyhub.accounts.models import Membership
from alleyhub.accounts.selectors import api_actor
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.api_inputs import optional_body, optional_body_openapi
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.transitions import etag_for, expected_version_from
from alleyhub.directory import selectors, services
from alleyhub.directory.models import Industry, Invitation, JoinRequest, Organization
from alleyhub.directory.schemas import (
    DecisionIn,
    InvitationAcceptIn,
    InvitationIn,
    InvitationOut,
    JoinRequestFilters,
    JoinRequestIn,
    JoinRequestOut,
    MemberOut,
    MemberRoleIn,
    OrganizationFilters,
    OrganizationOut,
    OrganizationRegisterIn,
    OrganizationUpdateIn,
    PersonDetailOut,
    PersonFilters,
    PersonOut,
    ReviewIn,
)

router = Router(tags=["directory"])
people_router = Router(tags=["directory"])
join_router = Router(tags=["directory"])

MAX_ID = 2**63 - 1


@router.get("", response=list[OrganizationOut], summary="List organisations")
@paginate(BoundedPageNumberPagination)
def organization_list(request, filters: Query[OrganizationFilters]):
    """Published organisations (and, for operators and members, unpublished ones they may see),
    filtered by kind, industry (including sub-industries), stage, subdistrict and text."""
    industry = None
    if filters.industry:
        industry = Industry.objects.filter(code=filters.industry).first()
        if industry is None:
            raise ValidationError({"industry": [_("未知的产业领域代码。")]})
    return selectors.organization_list(
        user=request.user,
        kind=filters.kind or "",
        industry=industry,
        stage=filters.stage or "",
        subdistrict=filters.subdistrict or "",
        q=filters.q or "",
    )


def _organization(ident: str, user) -> Organization:
    if ident.isdigit():
        if len(ident) > 18 or int(ident) > MAX_ID:
            raise Http404
        return selectors.organization_get_for_user(user=user, pk=int(ident))
    if len(ident) > (Organization._meta.get_field("slug").max_length or 50):
        raise Http404
    return selectors.organization_get_for_user(user=user, slug=ident)


def _managed(ident: str, user) -> Organization:
    return selectors.organization_get_for_manage(user=user, slug=_organization(ident, user).slug)


def _industries(codes: list[str] | None) -> list[Industry] | None:
    if codes is None:
        return None
    industries = list(Industry.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {i.code for i in industries})
    if unknown:
        raise ApplicationError(_("未知的产业领域：%(codes)s") % {"codes": ", ".join(unknown)}, status=422)
    return industries


@router.get("/{ident}", response=OrganizationOut, summary="One organisation, by slug or id")
def organization_detail(request, response: HttpResponse, ident: Path[str]):
    org = _organization(ident, request.user)
    response["ETag"] = etag_for(org)
    return org


@router.post(
    "",
    response={201: OrganizationOut},
    auth=api_auth_required,
    summary="Register a new organisation (you become its admin; it waits for an operator)",
)
def organization_register(request: HttpRequest, payload: OrganizationRegisterIn) -> Status:
    data: dict[str, Any] = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    data["industries"] = _industries(data.pop("industries", None))
    data["kind"] = str(getattr(data["kind"], "value", data["kind"]))
    if "stage" in data:
        data["stage"] = str(getattr(data["stage"], "value", data["stage"]))
    return Status(201, services.organization_register(actor=api_actor(request), **data))


@router.patch(
    "/{ident}",
    response=OrganizationOut,
    auth=api_auth_required,
    summary="Change an organisation's profile (admins, operators; `version` or If-Match: 409 when stale)",
)
def organization_update(
    request: HttpRequest, response: HttpResponse, ident: Path[str], payload: OrganizationUpdateIn
):
    org = _managed(ident, request.user)
    expected_version = expected_version_from(request, payload.version)
    data = payload.dict(exclude_unset=True)
    data.pop("version", None)
    industries = _industries(data.pop("industries", None))
    for name, value in list(data.items()):
        if value is None and name not in ("founded_year", "employees"):
            data[name] = ""
        else:
            data[name] = getattr(value, "value", value)
    org = services.organization_update(
        organization=org,
        actor=api_actor(request),
        expected_version=expected_version,
        industries=industries,
        **data,
    )
    response["ETag"] = etag_for(org)
    return org


@router.post(
    "/{ident}/review",
    response=OrganizationOut,
    auth=api_auth_required,
    summary="Approve or reject a registered organisation (operators)",
)
def organization_review(request: HttpRequest, ident: Path[str], payload: ReviewIn):
    org = _organization(ident, request.user)
    return services.organization_review(
        organization=org, action=payload.action, actor=api_actor(request), note=payload.note or ""
    )


@router.get(
    "/{ident}/members", response=list[MemberOut], auth=api_auth_required, summary="Members and their roles"
)
def member_list(request: HttpRequest, ident: Path[str]):
    return list(selectors.organization_members(organization=_managed(ident, request.user)))


@router.patch(
    "/{ident}/members/{membership_id}",
    response=MemberOut,
    auth=api_auth_required,
    summary="Set a member's role (the last admin stays admin: 409)",
)
def member_role(request: HttpRequest, ident: Path[str], membership_id: Path[int], payload: MemberRoleIn):
    membership = _membership(ident, membership_id, request.user)
    return services.membership_set_role(membership=membership, role=payload.role, actor=api_actor(request))


@router.delete(
    "/{ident}/members/{membership_id}",
    response={204: None},
    auth=api_auth_required,
    summary="Remove a member (never the last admin: 409)",
)
def member_remove(request: HttpRequest, ident: Path[str], membership_id: Path[int]):
    membership = _membership(ident, membership_id, request.user)
    services.membership_remove(membership=membership, actor=api_actor(request))
    return Status(204, None)


def _membership(ident: str, membership_id: int, user) -> Membership:
    if not (0 < membership_id <= MAX_ID):
        raise Http404
    return selectors.membership_get_for_manage(
        user=user, slug=_organization(ident, user).slug, pk=membership_id
    )


@router.get(
    "/{ident}/invitations",
    response=list[InvitationOut],
    auth=api_auth_required,
    summary="Pending invitations",
)
def invitation_list(request: HttpRequest, ident: Path[str]):
    return list(selectors.organization_invitations(organization=_managed(ident, request.user)))


@router.post(
    "/{ident}/invitations",
    response={201: InvitationOut},
    auth=api_auth_required,
    summary="Invite a colleague by e-mail (a single-use link, valid 7 days)",
)
def invitation_create(request: HttpRequest, ident: Path[str], payload: InvitationIn) -> Status:
    org = _managed(ident, request.user)
    invitation = services.invitation_create(
        organization=org,
        email=payload.email,
        role=payload.role,
        actor=api_actor(request),
        base_url=request.build_absolute_uri("/"),
    )
    return Status(201, invitation)


@router.delete(
    "/{ident}/invitations/{invitation_id}",
    response=InvitationOut,
    auth=api_auth_required,
    summary="Revoke a pending invitation",
)
def invitation_revoke(request: HttpRequest, ident: Path[str], invitation_id: Path[int]) -> Invitation:
    if not (0 < invitation_id <= MAX_ID):
        raise Http404
    invitation = selectors.invitation_get_for_manage(
        user=request.user, slug=_organization(ident, request.user).slug, pk=invitation_id
    )
    return services.invitation_revoke(invitation=invitation, actor=api_actor(request))


@join_router.post(
    "/invitations/accept",
    response=MemberOut,
    auth=api_auth_required,
    summary="Accept an invitation (the token of its link; only the invited address)",
)
def invitation_accept(request: HttpRequest, payload: InvitationAcceptIn) -> Membership:
    return services.invitation_accept(token=payload.token, actor=api_actor(request))


@join_router.get(
    "/join-requests",
    response=list[JoinRequestOut],
    auth=api_auth_required,
    summary="Your join requests (scope=mine) or those you may decide (scope=to_decide)",
)
@paginate(BoundedPageNumberPagination)
def join_request_list(request: HttpRequest, filters: Query[JoinRequestFilters]):
    if filters.scope == "to_decide":
        return selectors.join_requests_to_decide(user=request.user)
    return selectors.join_requests_for_user(user=request.user).select_related("user")


@join_router.post(
    "/join-requests",
    response={201: JoinRequestOut},
    auth=api_auth_required,
    summary="Ask to join an organisation (its admins, or operators, decide)",
)
def join_request_create(request: HttpRequest, payload: JoinRequestIn) -> Status:
    if payload.organization_id > MAX_ID:
        raise Http404
    org = selectors.organization_get_for_user(user=request.user, pk=payload.organization_id)
    join = services.join_request_create(
        organization=org, actor=api_actor(request), message=payload.message or ""
    )
    return Status(201, join)


@join_router.post(
    "/join-requests/{join_request_id}/{action}",
    response=JoinRequestOut,
    auth=api_auth_required,
    summary="approve / reject (the organisation's admins, operators) or withdraw (the requester)",
    openapi_extra=optional_body_openapi(DecisionIn),
)
def join_request_action(request: HttpRequest, join_request_id: Path[int], action: Path[str]) -> JoinRequest:
    if not (0 < join_request_id <= MAX_ID):
        raise Http404
    join = selectors.join_request_get_for_user(user=request.user, pk=join_request_id)
    payload = optional_body(request, DecisionIn)
    return services.join_request_decide(
        join=join,
        action=action,
        actor=api_actor(request),
        note=payload.note or "",
        expected_version=expected_version_from(request, payload.version),
    )


@people_router.get("", response=list[PersonOut], summary="List people")
@paginate(BoundedPageNumberPagination)
def person_list(request, filters: Query[PersonFilters]):
    organization = None
    if filters.organization:
        organization = selectors.organization_get_for_user(user=request.user, slug=filters.organization)
    return selectors.person_list(
        user=request.user, kind=filters.kind or "", q=filters.q or "", organization=organization
    ).prefetch_related("industries")


@people_router.get("/{person_id}", response=PersonDetailOut, summary="One person")
def person_detail(request, person_id: Path[int]):
    if person_id < 1 or person_id > MAX_ID:
        raise Http404
    return selectors.person_get_for_user(user=request.user, pk=person_id)
