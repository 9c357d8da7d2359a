"""Writes for listings. Every function checks the actor's right first, validates with
`full_clean()`, writes in one transaction (M2M included) and leaves an audit entry in it.

The status services (`listing_publish`, `listing_archive`, `listing_confirm`) work for every
PublishableListing (outcomes, demands, investor profiles, services, space units)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import ListingStatus, PublishableListing

from .models import TechDemand, TechOutcome
from .selectors import can_edit_for_organization, can_edit_listing

L = TypeVar("L", bound=PublishableListing)

OUTCOME_FIELDS = {
    "language",
    "title_zh",
    "title_en",
    "summary_zh",
    "summary_en",
    "applications_zh",
    "applications_en",
    "confidential_details",
    "trl",
    "ip_status",
    "patent_numbers",
    "cooperation_modes",
    "price_min",
    "price_max",
    "keywords",
    "expires_on",
}
DEMAND_FIELDS = {
    "language",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "confidential_details",
    "budget_min",
    "budget_max",
    "deadline",
    "wanted_modes",
    "min_trl",
    "keywords",
    "expires_on",
}

# Allowed status transitions are data: action -> (states it may start from, state it leads to).
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "publish": (frozenset({ListingStatus.DRAFT, ListingStatus.ARCHIVED}), ListingStatus.PUBLISHED),
    "archive": (frozenset({ListingStatus.DRAFT, ListingStatus.PUBLISHED}), ListingStatus.ARCHIVED),
}


def _require_edit(*, actor, organization_id: int | None) -> None:
    if not can_edit_for_organization(user=actor, organization_id=organization_id):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))


def _check_fields(data: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ApplicationError(
            _("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))}, status=422
        )


def _save_with_m2m(obj, *, m2m: dict[str, Iterable | None]) -> None:
    obj.full_clean()
    obj.save()
    for name, values in m2m.items():
        if values is not None:
            getattr(obj, name).set(values)


def _changed(obj, data: dict[str, Any]) -> list[str]:
    return sorted(k for k, v in data.items() if getattr(obj, k) != v)


# --- outcomes -------------------------------------------------------------------------------------


@transaction.atomic
def outcome_create(
    *, actor, owner, industries: Iterable | None = None, inventors: Iterable | None = None, **data: Any
) -> TechOutcome:
    """Create a draft outcome for `owner`. Raises PermissionDenied, ValidationError."""
    _require_edit(actor=actor, organization_id=owner.pk)
    _check_fields(data, OUTCOME_FIELDS)
    outcome = TechOutcome(owner=owner, created_by=actor, status=ListingStatus.DRAFT, **data)
    _save_with_m2m(outcome, m2m={"industries": industries, "inventors": inventors})
    audit_record(actor=actor, target=outcome, code="listings.outcome.created", data={"owner": owner.pk})
    return outcome


@transaction.atomic
def outcome_update(
    *,
    outcome: TechOutcome,
    actor,
    industries: Iterable | None = None,
    inventors: Iterable | None = None,
    **data: Any,
) -> TechOutcome:
    """Change fields of an outcome. Raises PermissionDenied, ValidationError."""
    _require_edit(actor=actor, organization_id=outcome.owner_id)
    _check_fields(data, OUTCOME_FIELDS)
    changed = _changed(outcome, data)
    for name, value in data.items():
        setattr(outcome, name, value)
    _save_with_m2m(outcome, m2m={"industries": industries, "inventors": inventors})
    audit_record(actor=actor, target=outcome, code="listings.outcome.updated", data={"fields": changed})
    return outcome


# --- demands --------------------------------------------------------------------------------------


@transaction.atomic
def demand_create(*, actor, owner, industries: Iterable | None = None, **data: Any) -> TechDemand:
    """Create a draft demand for `owner`. Raises PermissionDenied, ValidationError."""
    _require_edit(actor=actor, organization_id=owner.pk)
    _check_fields(data, DEMAND_FIELDS)
    demand = TechDemand(owner=owner, created_by=actor, status=ListingStatus.DRAFT, **data)
    _save_with_m2m(demand, m2m={"industries": industries})
    audit_record(actor=actor, target=demand, code="listings.demand.created", data={"owner": owner.pk})
    return demand


@transaction.atomic
def demand_update(
    *, demand: TechDemand, actor, industries: Iterable | None = None, **data: Any
) -> TechDemand:
    """Change fields of a demand. Raises PermissionDenied, ValidationError."""
    _require_edit(actor=actor, organization_id=demand.owner_id)
    _check_fields(data, DEMAND_FIELDS)
    changed = _changed(demand, data)
    for name, value in data.items():
        setattr(demand, name, value)
    _save_with_m2m(demand, m2m={"industries": industries})
    audit_record(actor=actor, target=demand, code="listings.demand.updated", data={"fields": changed})
    return demand


# --- status changes (any listing) -----------------------------------------------------------------


def _audit_code(listing: PublishableListing, action: str) -> str:
    return f"{listing._meta.app_label}.{listing._meta.model_name}.{action}"


def _transition(*, listing: L, actor, action: str) -> L:
    if not can_edit_listing(user=actor, listing=listing):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))
    # Lock the row so two clicks cannot both pass the state check.
    type(listing).objects.select_for_update().filter(pk=listing.pk).first()
    listing.refresh_from_db(fields=["status"])
    sources, target = TRANSITIONS[action]
    if listing.status not in sources:
        raise ApplicationError(
            _("当前状态为“%(status)s”，不能执行此操作。") % {"status": listing.get_status_display()},
            {"current_status": listing.status},
            status=409,
        )
    if target == ListingStatus.PUBLISHED:
        deadline = getattr(listing, "deadline", None)
        if deadline and deadline < timezone.localdate():
            raise ApplicationError(_("截止日期已过，请先修改截止日期再发布。"), status=422)
        if listing.expires_on and listing.expires_on < timezone.localdate():
            raise ApplicationError(_("有效期已过，请先修改有效期再发布。"), status=422)
    previous = listing.status
    now = timezone.now()
    listing.status = target
    if target == ListingStatus.PUBLISHED:
        listing.published_at = listing.published_at or now
        listing.last_confirmed_at = now
    try:
        listing.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            _("条目信息不完整，无法发布。"), {"errors": exc.message_dict}, status=422
        ) from exc
    listing.save()
    audit_record(
        actor=actor, target=listing, code=_audit_code(listing, action), data={"from": previous, "to": target}
    )
    return listing


@transaction.atomic
def listing_publish(*, listing: L, actor) -> L:
    """Draft or archived -> published; sets published_at (first time) and last_confirmed_at.
    Raises PermissionDenied, ApplicationError (409 wrong state, 422 expired / past deadline)."""
    return _transition(listing=listing, actor=actor, action="publish")


@transaction.atomic
def listing_archive(*, listing: L, actor) -> L:
    """Draft or published -> archived. Raises PermissionDenied, ApplicationError (409)."""
    return _transition(listing=listing, actor=actor, action="archive")


@transaction.atomic
def listing_confirm(*, listing: L, actor) -> L:
    """The owner says the listing is still current: last_confirmed_at = now.
    Raises PermissionDenied, ApplicationError (409 when archived, 422 when expired)."""
    if not can_edit_listing(user=actor, listing=listing):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))
    if listing.status == ListingStatus.ARCHIVED:
        raise ApplicationError(_("已归档的条目无需确认。"), {"current_status": listing.status}, status=409)
    if listing.expires_on and listing.expires_on < timezone.localdate():
        raise ApplicationError(_("有效期已过，请先修改有效期再确认。"), status=422)
    listing.last_confirmed_at = timezone.now()
    listing.save(update_fields=["last_confirmed_at", "updated_at"])
    audit_record(actor=actor, target=listing, code=_audit_code(listing, "confirmed"))
    return listing
