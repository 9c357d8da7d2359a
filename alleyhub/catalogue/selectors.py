"""Reads for the service list (服务清单). Services follow the listing visibility rules
(published for everybody, drafts for the provider's members and operators)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from alleyhub.core.lists import OWNER_SEARCH, json_list_contains, ordered_by_relevance
from alleyhub.core.models import live_q
from alleyhub.directory.models import LifecycleStage
from alleyhub.directory.ownership import listing_get_for_user, listing_visible_queryset

from .models import ServiceCategory, ServiceOffering


def service_list_for_user(
    *,
    user,
    q: str | None = None,
    category: str | None = None,
    stage: str | None = None,
    free: bool | None = None,
    owner_id: int | None = None,
) -> QuerySet[ServiceOffering]:
    qs = listing_visible_queryset(ServiceOffering, user=user).select_related("owner")
    if category:
        qs = qs.filter(category=category)
    if stage:
        qs = qs.filter(json_list_contains("stages", stage))
    if free:
        qs = qs.filter(is_free=True)
    if owner_id:
        qs = qs.filter(owner_id=owner_id)
    fields = ["title_zh", "title_en", "description_zh", "description_en", "eligibility_zh", *OWNER_SEARCH]
    return ordered_by_relevance(
        qs, q=q, kind="service", fields=fields, default_order=("category", "title_zh", "title_en", "id")
    )


def service_get_for_user(*, pk, user) -> ServiceOffering:
    return listing_get_for_user(ServiceOffering, pk=pk, user=user)


@dataclass
class ServiceGroup:
    key: str
    label: str
    count: int
    items: list = field(default_factory=list)


GROUPINGS = ("category", "stage")


def service_groups(
    *, queryset: QuerySet[ServiceOffering], group_by: str, per_group: int = 10
) -> list[ServiceGroup]:
    """The service list grouped by category or by lifecycle stage (a service serving several stages
    appears under each). Each group carries its total count and its first `per_group` services;
    empty groups are left out."""
    if group_by == "stage":
        groups = [
            (value, label, queryset.filter(json_list_contains("stages", value)))
            for value, label in LifecycleStage.choices
        ]
    else:
        groups = [(value, label, queryset.filter(category=value)) for value, label in ServiceCategory.choices]
    out = []
    for key, label, qs in groups:
        count = qs.count()
        if count:
            out.append(ServiceGroup(key=key, label=str(label), count=count, items=list(qs[:per_group])))
    return out


def home_overview() -> dict:
    """The home page's count of published services."""
    return {"services": ServiceOffering.objects.filter(live_q()).count()}


def organization_services(organization) -> QuerySet[ServiceOffering]:
    return ServiceOffering.objects.filter(live_q(), owner=organization)
