"""Writes for listings. Every function checks the actor's right first, validates with
`full_clean()`, writes in one transaction (M2M included) and leaves an audit entry in it.

The status services (`listing_publish`, `listing_archive`, `listing_confirm`) work for every
PublishableListing (outcomes, demands, investor profiles, services, space units).

Every write to an existing listing goes through core.transitions: the row is locked, the version
the editor saw is checked (`expected_version`; a stale one is a ConflictError, 409), only the
given fields are written and the version goes up (`versioned_save`). So two people changing
different fields both keep their change, and nobody overwrites a change they never saw."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alleyhub.accounts.models import User
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import ListingStatus, PublishableListing
from alleyhub.core.transitions import (
    Transition,
    TransitionTable,
    lock_for_update,
    version_check,
    versioned_save,
)
from alleyhub.directory.models import Industry, Organization, Person

from .models import TechDemand, TechOutcome
from .selectors import can_edit_for_organization, can_edit_listing

L = TypeVar("L", bound=PublishableListing)
E = TypeVar("E", TechOutcome, TechDemand)

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

# Allowed status changes are data (core.transitions). "confirm" keeps the state, so it is not a
# move in this table: `listing_confirm` refuses archived listings itself.
LISTING_MOVES = TransitionTable(
    (
        Transition(
            action="publish",
            sources=frozenset({ListingStatus.DRAFT, ListingStatus.ARCHIVED}),
            target=ListingStatus.PUBLISHED,
            label=gettext_lazy("发布"),
        ),
        Transition(
            action="archive",
            sources=frozenset({ListingStatus.DRAFT, ListingStatus.PUBLISHED}),
            target=ListingStatus.ARCHIVED,
            label=gettext_lazy("归档"),
        ),
    ),
    field="status",
)


def _require_edit(*, actor: User, organization_id: int | None) -> None:
    if not can_edit_for_organization(user=actor, organization_id=organization_id):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))


def _check_fields(data: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ApplicationError(
            _("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))}, status=422
        )


def _set_m2m(obj: PublishableListing, m2m: dict[str, Iterable[Any] | None]) -> None:
    for name, values in m2m.items():
        if values is not None:
            getattr(obj, name).set(values)


def _m2m_changed(obj: PublishableListing, m2m: dict[str, Iterable[Any] | None]) -> list[str]:
    """The M2M fields whose new members differ from the stored ones (None: not given)."""
    changed = []
    for name, values in m2m.items():
        if values is None:
            continue
        wanted = {getattr(v, "pk", v) for v in values}
        stored = set(getattr(obj, name).values_list("pk", flat=True))
        if wanted != stored:
            changed.append(name)
    return changed


def _update(
    model: type[E],
    *,
    pk: int,
    owner_id: int,
    actor: User,
    allowed: set[str],
    expected_version: int | None,
    m2m: dict[str, Iterable[Any] | None],
    data: dict[str, Any],
    code: str,
) -> E:
    """Change only the given fields of a listing, under its row lock and version check, so two
    people changing different fields both keep their change and a stale form is a conflict."""
    _require_edit(actor=actor, organization_id=owner_id)
    _check_fields(data, allowed)
    m2m = {name: None if values is None else list(values) for name, values in m2m.items()}
    with transaction.atomic():
        listing: E = lock_for_update(model._default_manager.all(), pk=pk)
        version_check(listing, expected_version)
        changed = sorted(k for k, v in data.items() if getattr(listing, k) != v)
        for name in changed:
            setattr(listing, name, data[name])
        listing.full_clean()
        changed_m2m = _m2m_changed(listing, m2m)
        if changed or changed_m2m:
            versioned_save(listing, update_fields=changed)
            _set_m2m(listing, {name: m2m[name] for name in changed_m2m})
        audit_record(actor=actor, target=listing, code=code, data={"fields": changed + changed_m2m})
    return listing


# --- outcomes -------------------------------------------------------------------------------------


@transaction.atomic
def outcome_create(
    *,
    actor: User,
    owner: Organization,
    industries: Iterable[Industry] | None = None,
    inventors: Iterable[Person] | None = None,
    **data: Any,
) -> TechOutcome:
    """Create a draft outcome for `owner`. Raises PermissionDenied, ValidationError."""
    _require_edit(actor=actor, organization_id=owner.pk)
    _check_fields(data, OUTCOME_FIELDS)
    outcome = TechOutcome(owner=owner, created_by=actor, status=ListingStatus.DRAFT, **data)
    outcome.full_clean()
    outcome.save()
    _set_m2m(outcome, {"industries": industries, "inventors": inventors})
    audit_record(actor=actor, target=outcome, code="listings.outcome.created", data={"owner": owner.pk})
    return outcome


def outcome_update(
    *,
    outcome: TechOutcome,
    actor: User,
    expected_version: int | None = None,
    industries: Iterable[Industry] | None = None,
    inventors: Iterable[Person] | None = None,
    **data: Any,
) -> TechOutcome:
    """Change the given fields of an outcome (only those; None for a M2M means "leave it"), as it
    is stored now. `expected_version`: the version the editor saw (None: do not check).
    Returns the outcome as saved. Raises PermissionDenied, ValidationError, ConflictError (409)
    when the outcome changed since `expected_version`, ApplicationError (422) for unknown fields."""
    return _update(
        TechOutcome,
        pk=outcome.pk,
        owner_id=outcome.owner_id,
        actor=actor,
        allowed=OUTCOME_FIELDS,
        expected_version=expected_version,
        m2m={"industries": industries, "inventors": inventors},
        data=data,
        code="listings.outcome.updated",
    )


# --- demands --------------------------------------------------------------------------------------


@transaction.atomic
def demand_create(
    *, actor: User, owner: Organization, industries: Iterable[Industry] | None = None, **data: Any
) -> TechDemand:
    """Create a draft demand for `owner`. Raises PermissionDenied, ValidationError."""
    _require_edit(actor=actor, organization_id=owner.pk)
    _check_fields(data, DEMAND_FIELDS)
    demand = TechDemand(owner=owner, created_by=actor, status=ListingStatus.DRAFT, **data)
    demand.full_clean()
    demand.save()
    _set_m2m(demand, {"industries": industries})
    audit_record(actor=actor, target=demand, code="listings.demand.created", data={"owner": owner.pk})
    return demand


def demand_update(
    *,
    demand: TechDemand,
    actor: User,
    expected_version: int | None = None,
    industries: Iterable[Industry] | None = None,
    **data: Any,
) -> TechDemand:
    """Change the given fields of a demand (only those), as it is stored now. Returns the demand
    as saved. Raises PermissionDenied, ValidationError, ConflictError (409, stale
    `expected_version`), ApplicationError (422) for unknown fields."""
    return _update(
        TechDemand,
        pk=demand.pk,
        owner_id=demand.owner_id,
        actor=actor,
        allowed=DEMAND_FIELDS,
        expected_version=expected_version,
        m2m={"industries": industries},
        data=data,
        code="listings.demand.updated",
    )


# --- status changes (any listing) -----------------------------------------------------------------


def _audit_code(listing: PublishableListing, action: str) -> str:
    return f"{listing._meta.app_label}.{listing._meta.model_name}.{action}"


def _locked(listing: L, *, actor: User, expected_version: int | None) -> L:
    """`listing` as stored now, locked for this transaction, after the right and version checks."""
    if not can_edit_listing(user=actor, listing=listing):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))
    locked: L = lock_for_update(type(listing)._default_manager.all(), pk=listing.pk)
    version_check(locked, expected_version)
    return locked


def _transition(*, listing: L, actor: User, action: str, expected_version: int | None) -> L:
    listing = _locked(listing, actor=actor, expected_version=expected_version)
    move = LISTING_MOVES.check(listing, action)
    if move.target == ListingStatus.PUBLISHED:
        deadline = getattr(listing, "deadline", None)
        if deadline and deadline < timezone.localdate():
            raise ApplicationError(_("截止日期已过，请先修改截止日期再发布。"), status=422)
        if listing.expires_on and listing.expires_on < timezone.localdate():
            raise ApplicationError(_("有效期已过，请先修改有效期再发布。"), status=422)
    previous = listing.status
    now = timezone.now()
    listing.status = move.target
    if move.target == ListingStatus.PUBLISHED:
        listing.published_at = listing.published_at or now
        listing.last_confirmed_at = now
    try:
        listing.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            _("条目信息不完整，无法发布。"), {"errors": exc.message_dict}, status=422
        ) from exc
    versioned_save(listing, update_fields=["status", "published_at", "last_confirmed_at"])
    audit_record(
        actor=actor,
        target=listing,
        code=_audit_code(listing, action),
        data={"from": previous, "to": move.target},
    )
    return listing


@transaction.atomic
def listing_publish(*, listing: L, actor: User, expected_version: int | None = None) -> L:
    """Draft or archived -> published; sets published_at (first time) and last_confirmed_at.
    Returns the listing as saved. Raises PermissionDenied, ConflictError (409 stale
    `expected_version`), ApplicationError (409 wrong state, 422 expired / past deadline)."""
    return _transition(listing=listing, actor=actor, action="publish", expected_version=expected_version)


@transaction.atomic
def listing_archive(*, listing: L, actor: User, expected_version: int | None = None) -> L:
    """Draft or published -> archived. Returns the listing as saved. Raises PermissionDenied,
    ConflictError (409 stale `expected_version`), ApplicationError (409 wrong state)."""
    return _transition(listing=listing, actor=actor, action="archive", expected_version=expected_version)


@transaction.atomic
def listing_confirm(*, listing: L, actor: User, expected_version: int | None = None) -> L:
    """The owner says the listing is still current: last_confirmed_at = now. Returns the listing
    as saved. Raises PermissionDenied, ConflictError (409 stale `expected_version`),
    ApplicationError (409 when archived, 422 when expired)."""
    listing = _locked(listing, actor=actor, expected_version=expected_version)
    if listing.status == ListingStatus.ARCHIVED:
        raise ApplicationError(_("已归档的条目无需确认。"), {"current_status": listing.status}, status=409)
    if listing.expires_on and listing.expires_on < timezone.localdate():
        raise ApplicationError(_("有效期已过，请先修改有效期再确认。"), status=422)
    listing.last_confirmed_at = timezone.now()
    versioned_save(listing, update_fields=["last_confirmed_at"])
    audit_record(actor=actor, target=listing, code=_audit_code(listing, "confirmed"))
    return listing
