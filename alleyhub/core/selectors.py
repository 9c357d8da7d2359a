"""Reads for the home page: the district at a glance."""

from django.db.models import Count, Sum

from alleyhub.core.models import ListingStatus


def district_overview() -> dict:
    """Counts of what the district holds (published data only) and a few latest listings."""
    from alleyhub.catalogue.models import ServiceOffering
    from alleyhub.directory.models import Organization, OrganizationKind
    from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
    from alleyhub.spaces.models import Building, RenewalSite, SpaceUnit

    published = {"status": ListingStatus.PUBLISHED}
    by_kind = dict(
        Organization.objects.filter(is_published=True)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    kinds = [(value, label, by_kind.get(value, 0)) for value, label in OrganizationKind.choices]
    spaces = SpaceUnit.objects.filter(**published).aggregate(n=Count("pk"), area=Sum("area_sqm"))
    return {
        "organizations_total": sum(by_kind.values()),
        "organizations_by_kind": kinds,
        "outcomes": TechOutcome.objects.filter(**published).count(),
        "demands": TechDemand.objects.filter(**published).count(),
        "services": ServiceOffering.objects.filter(**published).count(),
        "space_units": spaces["n"] or 0,
        "space_area": spaces["area"] or 0,
        "investors": InvestorProfile.objects.filter(**published).count(),
        "latest_outcomes": list(
            TechOutcome.objects.filter(**published)
            .select_related("owner")
            .order_by("-published_at", "-pk")[:5]
        ),
        "latest_demands": list(
            TechDemand.objects.filter(**published)
            .select_related("owner")
            .order_by("-published_at", "-pk")[:5]
        ),
        "buildings": list(Building.objects.order_by("name_zh")[:12]),
        "platforms": list(
            Organization.objects.filter(is_published=True, kind=OrganizationKind.PLATFORM).order_by(
                "name_zh"
            )[:12]
        ),
        "renewal_sites": list(RenewalSite.objects.order_by("name_zh")[:8]),
    }
