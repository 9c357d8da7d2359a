"""API for the directory: organisations (/api/organizations), people (/api/people), and
organisations running themselves — registration, review, profile, members, invitations
(/api/organizations/…) and join requests (/api/join-requests). Writes call directory.services;
permission checks are the selectors the pages use."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from alleyhub.accounts.models import Membership
from alleyhub.accounts.selectors import api_actor
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.api_inputs import optional_body, optional_body_openapi
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.transitions import etag_for, expected_version_from
from alleyhub.core.uploads import LISTING_FILES, file_response
from alleyhub.directory import listing_services, ownership, selectors, services
from alleyhub.directory.hooks import ListingKind, listing_kind
from alleyhub.directory.models import Industry, Invitation, JoinRequest, Organization
from alleyhub.directory.schemas import (
    DecisionIn,
    InvitationAcceptIn,
    InvitationIn,
    InvitationOut,
    JoinRequestFilters,
    JoinRequestIn,
    JoinRequestOut,
    ListingAttachmentOut,
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
attachments_router = Router(tags=["attachments"])

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


# --- attachments of listings (every kind in directory.hooks.listing_kinds) -----------------------
# One set of endpoints for outcomes, demands, investor profiles, services and space units, with the
# pages' rules (directory.ownership): a listing the caller may not see is a 404, its confidential
# files are left out for those who may not see its confidential part, and only those who may edit
# the listing (its owner's members, operators) upload and delete.

KIND_DESCRIPTION = "listing kind: outcome, demand, investor, service or unit"
FILE_OPENAPI: dict[str, Any] = {
    "responses": {
        200: {
            "description": "the file, as a download (Content-Disposition: attachment)",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}
_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
UPLOAD_OPENAPI: dict[str, Any] = {
    "responses": {
        400: {
            "description": "A file type that is not allowed, or content that does not match it",
            "content": _PROBLEM,
        },
        413: {"description": "The file is larger than 20 MB", "content": _PROBLEM},
    }
}


def _listing(kind: str, listing_id: int, user) -> Any:
    """The listing of a registered kind the user may see (Http404 otherwise, also for unknown kinds)."""
    found: ListingKind | None = listing_kind(kind)
    if found is None or not (0 < listing_id <= MAX_ID):
        raise Http404
    return found.get_for_user(pk=listing_id, user=user)


@attachments_router.get(
    "/listings/{kind}/{listing_id}/attachments",
    response=list[ListingAttachmentOut],
    summary="List a listing's attachments",
)
def listing_attachment_list(
    request: HttpRequest,
    listing_id: Path[int],
    kind: str = Path(..., description=KIND_DESCRIPTION),
) -> list[Any]:
    """The files of a listing the caller may see: confidential ones only for those who may see
    the listing's confidential part (its owner's members, operators, the task force, the parties
    granted access). A listing the caller may not see (a draft of another organisation) is a 404."""
    listing = _listing(kind, listing_id, request.user)
    return ownership.listing_attachments(listing=listing, user=request.user)


@attachments_router.post(
    "/listings/{kind}/{listing_id}/attachments",
    response={201: ListingAttachmentOut},
    auth=api_auth_required,
    openapi_extra=UPLOAD_OPENAPI,
    summary=f"Attach a file to a listing (≤ 20 MB; {LISTING_FILES.extensions_display().lower()})",
)
def listing_attachment_add(
    request: HttpRequest,
    file: File[UploadedFile],
    listing_id: Path[int],
    kind: str = Path(..., description=KIND_DESCRIPTION),
    title: str = Form("", max_length=200),
    confidential: bool = Form(False),
) -> Status:
    """Multipart upload by the listing's owner members and operators. The file is checked by its
    content (core.uploads LISTING_FILES): a wrong type or content is a 400, a too large file a
    413, a listing the caller may not see a 404, one they may see but not edit a 403."""
    listing = _listing(kind, listing_id, request.user)
    attachment = listing_services.attachment_add(
        listing=listing, actor=api_actor(request), uploaded=file, title=title, confidential=confidential
    )
    return Status(201, attachment)


@attachments_router.get(
    "/attachments/{attachment_id}/file",
    response={200: None},
    summary="Download an attachment",
    openapi_extra=FILE_OPENAPI,
)
def listing_attachment_download(request: HttpRequest, attachment_id: Path[int]) -> FileResponse:
    """The file (as a download), for whoever may see it: a published listing's public files for
    everybody, a draft's or a confidential file only for those the pages show it to (404 for
    everyone else, so nobody learns that it exists)."""
    return file_response(ownership.attachment_for_download(pk=attachment_id, user=request.user))


@attachments_router.delete(
    "/attachments/{attachment_id}",
    response={204: None},
    auth=api_auth_required,
    summary="Delete an attachment",
)
def listing_attachment_delete(request: HttpRequest, attachment_id: Path[int]) -> Status:
    """By the listing's owner members and operators (403 for others who see the file, 404 for
    those who do not)."""
    attachment = ownership.attachment_get_for_user(pk=attachment_id, user=request.user, for_write=True)
    listing_services.attachment_remove(attachment=attachment, actor=api_actor(request))
    return Status(204, None)
