"""Reads and permission checks for listings. Pages and the API share these functions, so the rules
for drafts and confidential fields live in one place.

Visibility of any listing (TechOutcome, TechDemand, InvestorProfile, and — through the same helpers —
ServiceOffering and SpaceUnit):
- published listings: everybody;
- drafts: members of the owner organisation and operators;
- archived listings: never in lists; their detail page only for owner members and operators.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

from django.db.models import Q, QuerySet
from django.http import Http404

from alleyhub.core.models import ListingStatus, PublishableListing
from alleyhub.core.search import is_ranked, ranked_text_filter, substring_q
from alleyhub.directory.models import Industry

from .models import InvestorProfile, TechDemand, TechOutcome

L = TypeVar("L", bound=PublishableListing)


# --- who is who -----------------------------------------------------------------------------------


def user_organization_ids(user) -> frozenset[int]:
    """Ids of the organisations the user is a member of (memoised on the user object per request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_alleyhub_org_ids", None)
    if cached is None:
        from alleyhub.accounts.models import Membership

        cached = frozenset(Membership.objects.filter(user=user).values_list("organization_id", flat=True))
        user._alleyhub_org_ids = cached
    return cached


def _is_operator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_operator", False))


def can_edit_for_organization(*, user, organization_id: int | None) -> bool:
    """Members of the organisation and operators may write listings owned by it."""
    if organization_id is None:
        return False
    return _is_operator(user) or organization_id in user_organization_ids(user)


def can_edit_listing(*, user, listing: PublishableListing) -> bool:
    return can_edit_for_organization(user=user, organization_id=listing.owner_id)


def can_view_confidential(*, user, listing: PublishableListing) -> bool:
    """True for members of the owner organisation, operators and the parties of a case about the
    listing. Everybody else — anonymous visitors included — never receives the confidential part."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if can_edit_listing(user=user, listing=listing):
        return True
    from alleyhub.brokerage.selectors import user_is_party_to_listing_case

    return bool(user_is_party_to_listing_case(user=user, listing=listing))


def editable_organizations(*, user):
    """Organisations the user may create listings for (operators: all)."""
    from alleyhub.directory.models import Organization

    if _is_operator(user):
        return Organization.objects.all()
    return Organization.objects.filter(id__in=user_organization_ids(user))


# --- visibility -----------------------------------------------------------------------------------


def visibility_q(*, user) -> Q:
    """Listings the user may see in lists: published ones, plus drafts of their own organisations
    (all drafts for operators). Archived listings are never listed."""
    published = Q(status=ListingStatus.PUBLISHED)
    if _is_operator(user):
        return published | Q(status=ListingStatus.DRAFT)
    org_ids = user_organization_ids(user)
    if org_ids:
        return published | Q(status=ListingStatus.DRAFT, owner_id__in=org_ids)
    return published


def listing_visible_queryset(model: type[L], *, user) -> QuerySet[L]:
    return model.objects.filter(visibility_q(user=user))


def listing_get_for_user(model: type[L], *, pk, user, queryset: QuerySet | None = None) -> L:
    """Fetch one listing the user may see, or raise Http404 (also for ids that are not numbers,
    so that nobody learns that a draft exists)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not (0 < pk < 2**63):
        raise Http404
    qs = queryset if queryset is not None else model.objects.all()
    listing = qs.select_related("owner").filter(pk=pk).first()
    if listing is None:
        raise Http404
    if listing.status == ListingStatus.PUBLISHED or can_edit_listing(user=user, listing=listing):
        return listing
    raise Http404


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


def json_list_contains(field: str, value: str) -> Q:
    """`value` is one of the strings in a JSON list field. Works on SQLite and PostgreSQL alike
    (JSON containment is not available on SQLite); values are plain identifiers, so matching the
    quoted value in the JSON text is exact."""
    return Q(**{f"{field}__icontains": f'"{value}"'})


def text_search_q(q: str, fields: list[str]) -> Q:
    """Every whitespace-separated term must appear in one of the fields."""
    return substring_q(q, fields)


def ordered_by_relevance(
    qs: QuerySet, *, q: str | None, kind: str, fields: list[str], default_order=("-published_at", "-id")
) -> QuerySet:
    """With a text query: what the matching engine finds (best first) or what contains the text;
    without one: `qs` in its default order."""
    if not q:
        return qs.order_by(*default_order)
    qs = ranked_text_filter(qs, q=q, kind=kind, fields=fields)
    return qs.order_by("search_rank", *default_order) if is_ranked(qs) else qs.order_by(*default_order)


def range_overlaps_q(field_min: str, field_max: str, low, high) -> Q:
    """Rows whose [field_min, field_max] range (either end may be open) overlaps [low, high]."""
    condition = Q()
    if low is not None:
        condition &= Q(**{f"{field_max}__isnull": True}) | Q(**{f"{field_max}__gte": low})
    if high is not None:
        condition &= Q(**{f"{field_min}__isnull": True}) | Q(**{f"{field_min}__lte": high})
    return condition


def stale_q(*, today: date, confirmed_before) -> Q:
    """Listings that are expired or were last confirmed before `confirmed_before` (or never)."""
    return (
        Q(expires_on__lt=today)
        | Q(last_confirmed_at__isnull=True)
        | Q(last_confirmed_at__lt=confirmed_before)
    )


OWNER_SEARCH = ["owner__name_zh", "owner__name_en", "owner__short_name"]


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
    from django.utils import timezone

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
