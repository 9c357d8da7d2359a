"""Reads for spaces: buildings (public), space units (listing visibility rules) and the
urban-renewal pipeline (public)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from alleyhub.core.lists import OWNER_SEARCH, ordered_by_relevance
from alleyhub.core.models import live_q
from alleyhub.core.search import substring_q
from alleyhub.directory.ownership import listing_get_for_user, listing_visible_queryset

from .models import Building, RenewalSite, SpaceUnit


def building_list(*, q: str | None = None, subdistrict: str | None = None) -> QuerySet[Building]:
    """Buildings with the number of published units in each."""
    qs = Building.objects.select_related("operator").annotate(
        unit_count=Count("units", filter=live_q(prefix="units__"))
    )
    if subdistrict:
        qs = qs.filter(subdistrict=subdistrict)
    if q:
        qs = qs.filter(substring_q(q, ["name_zh", "name_en", "address", "description_zh", "description_en"]))
    return qs.order_by("name_zh", "name_en", "id")


def building_get(*, slug: str) -> Building:
    """One building (with `unit_count`), or Http404."""
    if not slug or "\x00" in slug:
        raise Http404
    building = building_list().filter(slug=slug[:80]).first()
    if building is None:
        raise Http404
    return building


def subdistrict_choices() -> list[tuple[str, str]]:
    values = (
        Building.objects.exclude(subdistrict="")
        .order_by("subdistrict")
        .values_list("subdistrict", flat=True)
        .distinct()
    )
    return [(v, v) for v in values]


def unit_list_for_user(
    *,
    user,
    q: str | None = None,
    kind: str | None = None,
    area_min=None,
    area_max=None,
    rent_min=None,
    rent_max=None,
    available_on: date | None = None,
    subdistrict: str | None = None,
    building: str | None = None,
    building_id: int | None = None,
) -> QuerySet[SpaceUnit]:
    qs = listing_visible_queryset(SpaceUnit, user=user).select_related("building", "owner")
    if kind:
        qs = qs.filter(kind=kind)
    if area_min is not None:
        qs = qs.filter(area_sqm__gte=area_min)
    if area_max is not None:
        qs = qs.filter(area_sqm__lte=area_max)
    if rent_min is not None:
        qs = qs.filter(rent_per_sqm_day__gte=rent_min)
    if rent_max is not None:
        qs = qs.filter(rent_per_sqm_day__lte=rent_max)
    if available_on is not None:
        # Free on that day: the window has started (or is open) and has not ended.
        qs = qs.filter(Q(available_from__isnull=True) | Q(available_from__lte=available_on)).filter(
            Q(available_until__isnull=True) | Q(available_until__gte=available_on)
        )
    if subdistrict:
        qs = qs.filter(building__subdistrict=subdistrict)
    if building:
        qs = qs.filter(building__slug=building)
    if building_id:
        qs = qs.filter(building_id=building_id)
    fields = [
        "title_zh",
        "title_en",
        "description_zh",
        "description_en",
        "building__name_zh",
        "building__name_en",
        *OWNER_SEARCH,
    ]
    return ordered_by_relevance(
        qs, q=q, kind="space", fields=fields, default_order=("building__name_zh", "floor", "id")
    )


def unit_get_for_user(*, pk, user) -> SpaceUnit:
    return listing_get_for_user(
        SpaceUnit, pk=pk, user=user, queryset=SpaceUnit.objects.select_related("building")
    )


def renewal_site_list(*, stage: str | None = None, q: str | None = None) -> QuerySet[RenewalSite]:
    qs = RenewalSite.objects.select_related("lead_unit")
    if stage:
        qs = qs.filter(stage=stage)
    if q:
        qs = qs.filter(substring_q(q, ["name_zh", "name_en", "address", "planned_use_zh", "planned_use_en"]))
    return qs.order_by("name_zh", "name_en", "id")


def renewal_pipeline() -> list[tuple[str, str, list[RenewalSite]]]:
    """(stage, label, sites) in pipeline order, every stage present even when empty."""
    sites = list(renewal_site_list())
    return [
        (value, str(label), [s for s in sites if s.stage == value])
        for value, label in RenewalSite.Stage.choices
    ]


def renewal_site_get(*, slug: str) -> RenewalSite:
    if not slug or "\x00" in slug:
        raise Http404
    site = RenewalSite.objects.select_related("lead_unit").filter(slug=slug[:80]).first()
    if site is None:
        raise Http404
    return site


def home_overview() -> dict:
    """The home page's space figures (published units and their area), buildings and renewal sites."""
    units = SpaceUnit.objects.filter(live_q()).aggregate(n=Count("pk"), area=Sum("area_sqm"))
    return {
        "space_units": units["n"] or 0,
        "space_area": units["area"] or 0,
        "buildings": list(Building.objects.order_by("name_zh")[:12]),
        "renewal_sites": list(RenewalSite.objects.order_by("name_zh")[:8]),
    }


def organization_spaces(organization) -> QuerySet[SpaceUnit]:
    return SpaceUnit.objects.filter(live_q(), owner=organization).select_related("building")
