"""Reads and permission checks for technology outcomes, technology demands and investor profiles.
Pages and the API share these functions, so the rules for drafts and confidential fields live in
one place.

Visibility follows the rules of every listing (`alleyhub.directory.ownership`, shared with the
catalogue and spaces):
- published listings: everybody;
- drafts: members of the owner organisation and operators;
- archived listings: never in lists; their detail page only for owner members and operators.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from alleyhub.accounts.selectors import user_organization_ids as user_organization_ids
from alleyhub.core.lists import OWNER_SEARCH, json_list_contains, ordered_by_relevance, range_overlaps_q
from alleyhub.core.lists import stale_q as stale_q
from alleyhub.core.models import PublishableListing, live_q
from alleyhub.core.search import substring_q
from alleyhub.directory.models import Industry
from alleyhub.directory.ownership import can_edit_for_organization as can_edit_for_organization
from alleyhub.directory.ownership import (
    can_edit_listing,
    is_operator,
    listing_get_for_user,
    listing_visible_queryset,
)
from alleyhub.directory.ownership import editable_organizations as editable_organizations
from alleyhub.directory.ownership import visibility_q as visibility_q

from .hooks import confidential_access
from .models import InvestorProfile, TechDemand, TechOutcome

# Listings' views, services, forms and API import the ownership rules (alleyhub.directory.ownership)
# and the list helpers (alleyhub.core.lists) from here, as the names they have always used.


def can_view_confidential(*, user, listing: PublishableListing) -> bool:
    """True for members of the owner organisation, operators (and the task force, who see
    everything) and whoever a registered grantor admits (`listings.hooks.confidential_access`:
    brokerage admits the people on a case the owner agreed to, once they accepted the case's
    confidentiality terms). Everybody else — anonymous visitors and other brokers included —
    never receives the confidential part."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if is_operator(user) or can_edit_listing(user=user, listing=listing):
        return True
    return any(grantor(user=user, listing=listing) for grantor in confidential_access.providers())


# --- shared filters -------------------------------------------------------------------------------


def industry_ids_with_descendants(code: str) -> list[int] | None:
    """The industry with this code and all its descendants; None when the code is unknown."""
    rows = list(Industry.objects.values_list("id", "parent_id", "code"))
    root = next((r[0] for r in rows if r[2] == code), None)
    if root is None:
        return None
    children: dict[int, list[int]] = {}
    for pk, parent, _code in rows:
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    found, stack = [], [root]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def filter_by_industry(qs: QuerySet, *, code: str | None, field: str = "industries") -> QuerySet:
    if not code:
        return qs
    ids = industry_ids_with_descendants(code)
    if ids is None:
        return qs.none()
    # A subquery on the id keeps rows unique without DISTINCT (which breaks ordering on some fields).
    matching = qs.model.objects.filter(**{f"{field}__in": ids}).values("id")
    return qs.filter(id__in=matching)


def text_search_q(q: str, fields: list[str]) -> Q:
    """Every whitespace-separated term must appear in one of the fields."""
    return substring_q(q, fields)


# --- technology outcomes --------------------------------------------------------------------------


def outcome_list_for_user(
    *,
    user,
    q: str | None = None,
    industry: str | None = None,
    trl: int | None = None,
    trl_min: int | None = None,
    trl_max: int | None = None,
    mode: str | None = None,
    ip_status: str | None = None,
    owner_kind: str | None = None,
    owner_id: int | None = None,
) -> QuerySet[TechOutcome]:
    qs = listing_visible_queryset(TechOutcome, user=user).select_related("owner")
    if trl is not None:
        qs = qs.filter(trl=trl)
    if trl_min is not None:
        qs = qs.filter(trl__gte=trl_min)
    if trl_max is not None:
        qs = qs.filter(trl__lte=trl_max)
    if mode:
        qs = qs.filter(json_list_contains("cooperation_modes", mode))
    if ip_status:
        qs = qs.filter(ip_status=ip_status)
    if owner_kind:
        qs = qs.filter(owner__kind=owner_kind)
    if owner_id:
        qs = qs.filter(owner_id=owner_id)
    qs = filter_by_industry(qs, code=industry)
    fields = ["title_zh", "title_en", "summary_zh", "summary_en", "keywords", "patent_numbers", *OWNER_SEARCH]
    return ordered_by_relevance(qs.prefetch_related("industries"), q=q, kind="outcome", fields=fields)


def outcome_get_for_user(*, pk, user) -> TechOutcome:
    return listing_get_for_user(
        TechOutcome,
        pk=pk,
        user=user,
        queryset=TechOutcome.objects.prefetch_related("industries", "inventors"),
    )


# --- technology demands ---------------------------------------------------------------------------


def demand_list_for_user(
    *,
    user,
    q: str | None = None,
    industry: str | None = None,
    mode: str | None = None,
    budget_min: int | None = None,
    budget_max: int | None = None,
    deadline_after: date | None = None,
    open_only: bool = False,
    owner_kind: str | None = None,
    owner_id: int | None = None,
    today: date | None = None,
) -> QuerySet[TechDemand]:
    qs = listing_visible_queryset(TechDemand, user=user).select_related("owner")
    if mode:
        qs = qs.filter(json_list_contains("wanted_modes", mode))
    if budget_min is not None or budget_max is not None:
        qs = qs.filter(range_overlaps_q("budget_min", "budget_max", budget_min, budget_max))
    if open_only:
        qs = qs.filter(Q(deadline__isnull=True) | Q(deadline__gte=today or timezone.localdate()))
    if deadline_after is not None:
        qs = qs.filter(deadline__gte=deadline_after)
    if owner_kind:
        qs = qs.filter(owner__kind=owner_kind)
    if owner_id:
        qs = qs.filter(owner_id=owner_id)
    qs = filter_by_industry(qs, code=industry)
    fields = ["title_zh", "title_en", "description_zh", "description_en", "keywords", *OWNER_SEARCH]
    return ordered_by_relevance(qs.prefetch_related("industries"), q=q, kind="demand", fields=fields)


def demand_get_for_user(*, pk, user) -> TechDemand:
    return listing_get_for_user(
        TechDemand, pk=pk, user=user, queryset=TechDemand.objects.prefetch_related("industries")
    )


# --- investor profiles ----------------------------------------------------------------------------


def investor_list_for_user(
    *,
    user,
    q: str | None = None,
    sector: str | None = None,
    stage: str | None = None,
    ticket: int | None = None,
) -> QuerySet[InvestorProfile]:
    qs = listing_visible_queryset(InvestorProfile, user=user).select_related("owner")
    if stage:
        qs = qs.filter(json_list_contains("stages", stage))
    if ticket is not None:
        qs = qs.filter(range_overlaps_q("ticket_min", "ticket_max", ticket, ticket))
    qs = filter_by_industry(qs, code=sector, field="sectors")
    fields = ["title_zh", "title_en", "thesis_zh", "thesis_en", "portfolio", *OWNER_SEARCH]
    return ordered_by_relevance(qs.prefetch_related("sectors"), q=q, kind="investor", fields=fields)


def investor_get_for_user(*, pk, user) -> InvestorProfile:
    return listing_get_for_user(
        InvestorProfile, pk=pk, user=user, queryset=InvestorProfile.objects.prefetch_related("sectors")
    )


def industry_choices() -> list[tuple[str, str]]:
    """(code, label) for filter forms, children indented under their parents."""
    rows = list(Industry.objects.all())
    by_parent: dict[int | None, list[Industry]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    out: list[tuple[str, str]] = []

    def walk(parent_id, depth):
        for node in sorted(by_parent.get(parent_id, []), key=lambda n: n.code):
            out.append((node.code, "\u3000" * depth + node.localized_name))
            if depth < 5:
                walk(node.id, depth + 1)

    walk(None, 0)
    return out


# --- what other pages show of listings (registered in ListingsConfig.ready) -----------------------


def home_overview() -> dict:
    """The home page's listing figures and the latest published outcomes and demands."""
    live = live_q()
    return {
        "outcomes": TechOutcome.objects.filter(live).count(),
        "demands": TechDemand.objects.filter(live).count(),
        "investors": InvestorProfile.objects.filter(live).count(),
        "latest_outcomes": list(
            TechOutcome.objects.filter(live).select_related("owner").order_by("-published_at", "-pk")[:5]
        ),
        "latest_demands": list(
            TechDemand.objects.filter(live).select_related("owner").order_by("-published_at", "-pk")[:5]
        ),
    }


def organization_outcomes(organization) -> QuerySet[TechOutcome]:
    return TechOutcome.objects.filter(live_q(), owner=organization)


def organization_demands(organization) -> QuerySet[TechDemand]:
    return TechDemand.objects.filter(live_q(), owner=organization)


def organization_investor_profiles(organization) -> QuerySet[InvestorProfile]:
    return InvestorProfile.objects.filter(live_q(), owner=organization)


# --- the lists shared by pages and the API --------------------------------------------------------
# A list page and its API endpoint build the same parameters (the page from its filter form, the API
# from its query schema) and call the same selector, so both give the same rows in the same order.


def _list_values(cls: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """The known, non-empty parameters in `values` (enum members as their plain values)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {
        name: getattr(value, "value", value)
        for name, value in values.items()
        if name in names and value not in (None, "", [], False)
    }


@dataclasses.dataclass(frozen=True)
class OutcomeListParams:
    q: str | None = None
    industry: str | None = None
    trl: int | None = None
    trl_min: int | None = None
    trl_max: int | None = None
    mode: str | None = None
    ip_status: str | None = None
    owner_kind: str | None = None
    owner_id: int | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> OutcomeListParams:
        return cls(**_list_values(cls, values))


@dataclasses.dataclass(frozen=True)
class DemandListParams:
    q: str | None = None
    industry: str | None = None
    mode: str | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    deadline_after: date | None = None
    open_only: bool = False
    owner_kind: str | None = None
    owner_id: int | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> DemandListParams:
        return cls(**_list_values(cls, values))


@dataclasses.dataclass(frozen=True)
class InvestorListParams:
    q: str | None = None
    sector: str | None = None
    stage: str | None = None
    ticket: int | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> InvestorListParams:
        return cls(**_list_values(cls, values))


def outcome_list(*, user: Any, params: OutcomeListParams) -> QuerySet[TechOutcome]:
    """The outcomes list (page and API): what `user` may see, filtered and ordered by `params`."""
    return outcome_list_for_user(user=user, **dataclasses.asdict(params))


def demand_list(*, user: Any, params: DemandListParams) -> QuerySet[TechDemand]:
    """The demands list (page and API): what `user` may see, filtered and ordered by `params`."""
    return demand_list_for_user(user=user, **dataclasses.asdict(params))


def investor_list(*, user: Any, params: InvestorListParams) -> QuerySet[InvestorProfile]:
    """The investor list (page and API): what `user` may see, filtered and ordered by `params`."""
    return investor_list_for_user(user=user, **dataclasses.asdict(params))
