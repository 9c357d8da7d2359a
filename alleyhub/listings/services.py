"""Writes for listings (outcomes, demands, investor profiles). Every function checks the actor's
right first, validates with `full_clean()`, writes in one transaction (M2M included) and leaves an
audit entry in it.

The shared machinery — create / change under a version check, the status moves (`listing_publish`,
`listing_archive`, `listing_confirm`, for every PublishableListing) and attachments — lives in
`alleyhub.directory.listing_services`, used by the catalogue and spaces too; it is re-exported here
under the names listings has always used."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from alleyhub.accounts.models import User
from alleyhub.directory.listing_services import LISTING_MOVES as LISTING_MOVES
from alleyhub.directory.listing_services import attachment_add as attachment_add
from alleyhub.directory.listing_services import attachment_remove as attachment_remove
from alleyhub.directory.listing_services import listing_archive as listing_archive
from alleyhub.directory.listing_services import listing_confirm as listing_confirm
from alleyhub.directory.listing_services import (
    listing_create,
    listing_update,
)
from alleyhub.directory.listing_services import listing_publish as listing_publish
from alleyhub.directory.models import Industry, Organization, OrganizationKind, Person

from .models import InvestorProfile, TechDemand, TechOutcome

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
INVESTOR_FIELDS = {
    "language",
    "title_zh",
    "title_en",
    "thesis_zh",
    "thesis_en",
    "stages",
    "ticket_min",
    "ticket_max",
    "portfolio",
    "expires_on",
}
# Investor profiles are kept by investors' members (operators may create one for any organisation).
INVESTOR_OWNER_KINDS = frozenset({OrganizationKind.INVESTOR})
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
    return listing_create(
        TechOutcome,
        actor=actor,
        owner=owner,
        allowed=OUTCOME_FIELDS,
        m2m={"industries": industries, "inventors": inventors},
        data=data,
        code="listings.outcome.created",
    )


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
    return listing_update(
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
    return listing_create(
        TechDemand,
        actor=actor,
        owner=owner,
        allowed=DEMAND_FIELDS,
        m2m={"industries": industries},
        data=data,
        code="listings.demand.created",
    )


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
    return listing_update(
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


# --- investors ------------------------------------------------------------------------------------


@transaction.atomic
def investor_create(
    *, actor: User, owner: Organization, sectors: Iterable[Industry] | None = None, **data: Any
) -> InvestorProfile:
    """Create a draft investor profile for `owner` (an investor organisation, unless the actor is
    an operator). Raises PermissionDenied, ValidationError, ApplicationError (422 unknown fields)."""
    return listing_create(
        InvestorProfile,
        actor=actor,
        owner=owner,
        allowed=INVESTOR_FIELDS,
        m2m={"sectors": sectors},
        data=data,
        code="listings.investorprofile.created",
        owner_kinds=INVESTOR_OWNER_KINDS,
    )


def investor_update(
    *,
    investor: InvestorProfile,
    actor: User,
    expected_version: int | None = None,
    sectors: Iterable[Industry] | None = None,
    **data: Any,
) -> InvestorProfile:
    """Change the given fields of an investor profile, as it is stored now. Raises
    PermissionDenied, ValidationError, ConflictError (409, stale `expected_version`),
    ApplicationError (422) for unknown fields."""
    return listing_update(
        InvestorProfile,
        pk=investor.pk,
        owner_id=investor.owner_id,
        actor=actor,
        allowed=INVESTOR_FIELDS,
        expected_version=expected_version,
        m2m={"sectors": sectors},
        data=data,
        code="listings.investorprofile.updated",
    )
