"""What the members of an organisation may see and do with the listings it owns.

Every `PublishableListing` (outcomes, demands, investor profiles, services, space units) follows
these rules, which pages and the API share:
- published listings of approved organisations: everybody (`public_listing_q` /
  `listing_is_public` — the one definition of "public" that lists, search, detail pages, the
  home page's figures and the matching index use); a published listing of an organisation the
  operators have not approved yet (or rejected) is seen like a draft;
- drafts: members of the owner organisation, operators and the task force (who see everything);
- archived listings: never in lists; their detail page only for those who may see drafts;
- writes (create, edit, publish, archive): members of the owner organisation and operators only.
  The task force, government-unit staff and brokers read other organisations' listings but never
  write them (docs/permissions.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from alleyhub.accounts.models import Role
from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.core.models import ListingStatus, PublishableListing, live_q
from alleyhub.core.uploads import StoredFile
from alleyhub.directory.hooks import confidential_viewers
from alleyhub.directory.models import ListingAttachment, Organization, OrganizationStatus

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


def can_create_listing_for(*, user, organization: Organization, kinds: Iterable[str] | None = None) -> bool:
    """May `user` create a listing owned by `organization`? Members of the organisation when its
    kind is one of `kinds` (None: any kind; e.g. services only for service providers and
    functional platforms), and operators for any organisation (they enter what an office sends
    them, e.g. a government unit's policy service)."""
    if acts_for_every_organization(user):
        return True
    if not can_edit_for_organization(user=user, organization_id=organization.pk):
        return False
    return kinds is None or organization.kind in set(kinds)


def creatable_organizations(*, user, kinds: Iterable[str] | None = None) -> QuerySet[Organization]:
    """Organisations the user may create a listing of this kind for (operators: all)."""
    if acts_for_every_organization(user):
        return Organization.objects.all()
    qs = Organization.objects.filter(id__in=user_organization_ids(user))
    return qs if kinds is None else qs.filter(kind__in=list(kinds))


def editable_organizations(*, user):
    """Organisations the user may create listings for (operators: all)."""
    if acts_for_every_organization(user):
        return Organization.objects.all()
    return Organization.objects.filter(id__in=user_organization_ids(user))


def public_listing_q(prefix: str = "") -> Q:
    """Listings everybody may see: published, not expired (`core.models.live_q`: a listing leaves
    every public list the day after its `expires_on`, without a save), by an organisation the
    operators approved. `prefix` reaches the listing through a relation (e.g. "units__")."""
    return live_q(prefix=prefix) & Q(**{f"{prefix}owner__status": OrganizationStatus.APPROVED})


def listing_is_public(listing: PublishableListing) -> bool:
    """`public_listing_q` for one listing in memory."""
    return listing.is_live and listing.owner.status == OrganizationStatus.APPROVED


def visibility_q(*, user) -> Q:
    """Listings the user may see in lists: public ones, plus the drafts and not yet public
    published listings of their own organisations (all of them for operators). Archived listings
    are never listed."""
    not_archived = Q(status__in=(ListingStatus.PUBLISHED, ListingStatus.DRAFT))
    if is_operator(user):
        return not_archived
    org_ids = user_organization_ids(user)
    if org_ids:
        return public_listing_q() | (not_archived & Q(owner_id__in=org_ids))
    return public_listing_q()


def can_see_listing(*, user, listing: PublishableListing) -> bool:
    """Published listings of approved organisations: everybody — an expired one too (it has left
    the lists and the matching index, but a link to it still opens it, marked expired); drafts,
    archived ones and those of unapproved organisations: the owner's members, operators and the
    task force."""
    if listing.is_public and listing.owner.status == OrganizationStatus.APPROVED:
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


# --- attachments ------------------------------------------------------------------------------------


def can_view_confidential_part(*, user, listing: PublishableListing) -> bool:
    """Owner members and operators (and the task force), plus whoever a higher app admits for
    this listing (`directory.hooks.confidential_viewers`: listings registers its
    `confidential_access` grantors, e.g. the parties of a brokerage case)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if is_operator(user) or can_edit_listing(user=user, listing=listing):
        return True
    return any(check(user=user, listing=listing) for check in confidential_viewers.providers())


def listing_attachments(*, listing: PublishableListing, user) -> list[ListingAttachment]:
    """The attachments of a listing the user may see (the listing itself is already visible to
    them): confidential ones only for those who may see the confidential part."""
    qs = ListingAttachment.objects.filter(
        content_type=ContentType.objects.get_for_model(listing), object_id=listing.pk
    ).order_by("pk")
    if not can_view_confidential_part(user=user, listing=listing):
        qs = qs.filter(confidential=False)
    return list(qs)


def attachment_get_for_user(*, pk, user, for_write: bool = False) -> ListingAttachment:
    """One attachment the user may download (or, `for_write`, remove): its listing must be
    visible to them (a draft's files are not), a confidential file needs the right to the
    listing's confidential part. Raises Http404 for everything else, so nobody learns that a file
    exists; PermissionDenied for a visible file the user may not remove."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not (0 < pk < 2**63):
        raise Http404
    attachment = ListingAttachment.objects.select_related("content_type").filter(pk=pk).first()
    listing = attachment.listing if attachment else None
    if attachment is None or listing is None or not can_see_listing(user=user, listing=listing):
        raise Http404
    if attachment.confidential and not can_view_confidential_part(user=user, listing=listing):
        raise Http404
    if for_write and not can_edit_listing(user=user, listing=listing):
        raise PermissionDenied
    return attachment


def attachment_for_download(*, pk, user) -> StoredFile:
    """For `core.uploads.protected_file_view`."""
    attachment = attachment_get_for_user(pk=pk, user=user)
    return StoredFile(
        file=attachment.file, filename=attachment.original_name, content_type=attachment.mime_type
    )
