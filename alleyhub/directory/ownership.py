"""What the members of an organisation may see and do with the listings it owns.

Every `PublishableListing` (outcomes, demands, investor profiles, services, space units) follows
these rules, which pages and the API share:
- published listings: everybody;
- drafts: members of the owner organisation, operators and the task force (who see everything);
- archived listings: never in lists; their detail page only for those who may see drafts;
- writes (create, edit, publish, archive): members of the owner organisation and operators only.
  The task force, government-unit staff and brokers read other organisations' listings but never
  write them (docs/permissions.md).
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Q, QuerySet
from django.http import Http404

from alleyhub.accounts.models import Role
from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.core.models import ListingStatus, PublishableListing, live_q
from alleyhub.directory.models import Organization

L = TypeVar("L", bound=PublishableListing)


def is_operator(user) -> bool:
    """Sees everything: operators, the task force and superusers (`User.is_operator`)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_operator", False))


def acts_for_every_organization(user) -> bool:
    """May write for any organisation: the platform's operators and superusers — not the task
    force, government-unit staff or brokers, who only read what is not theirs."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or user.role == Role.OPERATOR)


def can_edit_for_organization(*, user, organization_id: int | None) -> bool:
    """Members of the organisation and operators may write listings owned by it."""
    if organization_id is None:
        return False
    return acts_for_every_organization(user) or organization_id in user_organization_ids(user)


def can_edit_listing(*, user, listing: PublishableListing) -> bool:
    return can_edit_for_organization(user=user, organization_id=listing.owner_id)


def editable_organizations(*, user):
    """Organisations the user may create listings for (operators: all)."""
    if acts_for_every_organization(user):
        return Organization.objects.all()
    return Organization.objects.filter(id__in=user_organization_ids(user))


def visibility_q(*, user) -> Q:
    """Listings the user may see in lists: published ones that have not expired (`live_q`: the
    day after `expires_on` a listing leaves every public list, without a save), plus drafts and
    expired ones of their own organisations (all of them for operators, who chase renewals).
    Archived listings are never listed."""
    live = live_q()
    own = Q(status__in=[ListingStatus.PUBLISHED, ListingStatus.DRAFT])
    if is_operator(user):
        return live | own
    org_ids = user_organization_ids(user)
    if org_ids:
        return live | (own & Q(owner_id__in=org_ids))
    return live


def can_see_listing(*, user, listing: PublishableListing) -> bool:
    """Published listings: everybody; drafts and archived ones: the owner's members, operators
    and the task force."""
    if listing.status == ListingStatus.PUBLISHED:
        return True
    return is_operator(user) or can_edit_listing(user=user, listing=listing)


def listing_visible_queryset(model: type[L], *, user) -> QuerySet[L]:
    return model._default_manager.filter(visibility_q(user=user))


def listing_get_for_user(model: type[L], *, pk, user, queryset: QuerySet | None = None) -> L:
    """Fetch one listing the user may see, or raise Http404 (also for ids that are not numbers,
    so that nobody learns that a draft exists)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not (0 < pk < 2**63):
        raise Http404
    qs = queryset if queryset is not None else model._default_manager.all()
    listing = qs.select_related("owner").filter(pk=pk).first()
    if listing is None:
        raise Http404
    if can_see_listing(user=user, listing=listing):
        return listing
    raise Http404
