"""Which unit owns a new request: the most specific active routing rule for its category and the
enterprise's industries / sub-district; without one, the task force (工作专班)."""

from dataclasses import dataclass

from django.db.models import Q

from alleyhub.directory.models import Industry, Organization, OrganizationKind

from .models import RoutingRule
from .selectors import task_force_slug


@dataclass(frozen=True)
class Route:
    responsible_unit: Organization
    cooperating_units: tuple[Organization, ...]
    rule: RoutingRule | None


def _industry_ids_with_ancestors(organization: Organization) -> set[int]:
    ids: set[int] = set()
    frontier = set(organization.industries.values_list("pk", flat=True)) if organization.pk else set()
    while frontier:
        ids |= frontier
        parents = set(
            Industry.objects.filter(pk__in=frontier, parent__isnull=False).values_list("parent_id", flat=True)
        )
        frontier = parents - ids
    return ids


def matching_rule(*, category: str, organization: Organization) -> RoutingRule | None:
    """The rule that applies: category must match; a rule's industry must be one of the
    enterprise's industries (or an ancestor of one); its sub-district must equal the enterprise's.
    Most specific first (industry counts more than sub-district), then priority, then oldest."""
    industries = _industry_ids_with_ancestors(organization)
    street = Q(subdistrict="")
    if organization.subdistrict:
        street |= Q(subdistrict=organization.subdistrict)
    candidates = (
        RoutingRule.objects.filter(category=category, is_active=True)
        .filter(Q(industry__isnull=True) | Q(industry_id__in=industries))
        .filter(street)
        .select_related("responsible_unit")
    )
    ranked = sorted(candidates, key=lambda r: (-r.specificity, -r.priority, r.pk))
    return ranked[0] if ranked else None


def task_force_unit() -> Organization:
    """The task-force organisation (slug from settings.REQUESTS_TASK_FORCE_SLUG); created on first
    use so that an empty install can still take requests."""
    unit, _created = Organization.objects.get_or_create(
        slug=task_force_slug(),
        defaults={
            "kind": OrganizationKind.GOVERNMENT_UNIT,
            "name_zh": "工作专班",
            "name_en": "Task force",
            "is_published": False,
        },
    )
    return unit


def route(*, category: str, organization: Organization) -> Route:
    rule = matching_rule(category=category, organization=organization)
    if rule is None:
        return Route(responsible_unit=task_force_unit(), cooperating_units=(), rule=None)
    coop = tuple(rule.cooperating_units.exclude(pk=rule.responsible_unit_id))
    return Route(responsible_unit=rule.responsible_unit, cooperating_units=coop, rule=rule)
