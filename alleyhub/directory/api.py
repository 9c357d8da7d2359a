"""Read API for the directory: organisations (/api/organizations) and people (/api/people)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.pagination import paginate

from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.directory import selectors
from alleyhub.directory.models import Industry, Organization
from alleyhub.directory.schemas import (
    OrganizationFilters,
    OrganizationOut,
    PersonDetailOut,
    PersonFilters,
    PersonOut,
)

router = Router(tags=["directory"])
people_router = Router(tags=["directory"])

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


@router.get("/{ident}", response=OrganizationOut, summary="One organisation, by slug or id")
def organization_detail(request, ident: Path[str]):
    if ident.isdigit():
        if len(ident) > 18 or int(ident) > MAX_ID:
            raise Http404
        return selectors.organization_get_for_user(user=request.user, pk=int(ident))
    if len(ident) > (Organization._meta.get_field("slug").max_length or 50):
        raise Http404
    return selectors.organization_get_for_user(user=request.user, slug=ident)


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
