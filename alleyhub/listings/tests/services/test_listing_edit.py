"""outcome_update / demand_update: only the given fields are written, under the row lock and the
version check, so a stale edit is a conflict and two edits of different fields both survive."""

import pytest

from alleyhub.core.exceptions import ConflictError
from alleyhub.core.models import AuditEntry
from alleyhub.listings import services
from alleyhub.listings.models import TechDemand, TechOutcome

from ..factories import IndustryFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_each_edit_writes_only_its_own_fields_on_top_of_what_is_stored(member, owner_org):
    demand = TechDemandFactory(owner=owner_org, title_zh="原标题", budget_max=800_000)
    seen_by_both = TechDemand.objects.get(pk=demand.pk)
    services.demand_update(demand=seen_by_both, actor=member, budget_max=900_000)
    services.demand_update(demand=seen_by_both, actor=member, title_zh="新标题")
    demand.refresh_from_db()
    assert (demand.title_zh, demand.budget_max) == ("新标题", 900_000)
    assert demand.version == 3


def test_a_stale_expected_version_is_a_conflict_and_writes_nothing(member, owner_org):
    demand = TechDemandFactory(owner=owner_org, title_zh="原标题")
    services.demand_update(demand=demand, actor=member, expected_version=1, title_zh="甲改的")
    with pytest.raises(ConflictError) as exc:
        services.demand_update(demand=demand, actor=member, expected_version=1, title_zh="乙改的")
    assert exc.value.status == 409
    assert exc.value.extra["code"] == "conflict"
    assert exc.value.extra["current_version"] == 2
    assert exc.value.current.title_zh == "甲改的"
    demand.refresh_from_db()
    assert (demand.title_zh, demand.version) == ("甲改的", 2)
    assert AuditEntry.objects.filter(code="listings.demand.updated").count() == 1


def test_the_current_version_is_accepted_and_goes_up_by_one(member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, trl=4)
    saved = services.outcome_update(outcome=outcome, actor=member, expected_version=1, trl=6)
    assert saved.version == 2
    saved = services.outcome_update(outcome=outcome, actor=member, expected_version=2, trl=7)
    assert saved.version == 3
    assert TechOutcome.objects.get(pk=outcome.pk).trl == 7


def test_an_edit_that_changes_nothing_keeps_the_version(member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, trl=4)
    saved = services.outcome_update(outcome=outcome, actor=member, expected_version=1, trl=4)
    assert saved.version == 1


def test_a_change_of_industries_alone_is_a_new_version(member, owner_org):
    industry = IndustryFactory(code="photonics")
    demand = TechDemandFactory(owner=owner_org)
    saved = services.demand_update(demand=demand, actor=member, expected_version=1, industries=[industry])
    assert saved.version == 2
    assert list(TechDemand.objects.get(pk=demand.pk).industries.all()) == [industry]
    assert AuditEntry.objects.get(code="listings.demand.updated").data["fields"] == ["industries"]
    with pytest.raises(ConflictError):
        services.demand_update(demand=demand, actor=member, expected_version=1, industries=[])
    assert list(TechDemand.objects.get(pk=demand.pk).industries.all()) == [industry]


def test_an_invalid_edit_leaves_version_and_values_alone(member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, price_min=500_000, price_max=2_000_000)
    with pytest.raises(Exception):  # noqa: B017 - a ValidationError from full_clean
        services.outcome_update(outcome=outcome, actor=member, expected_version=1, price_max=100)
    outcome.refresh_from_db()
    assert (outcome.price_max, outcome.version) == (2_000_000, 1)
