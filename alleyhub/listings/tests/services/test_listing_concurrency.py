"""Two people, one listing, the same moment: nothing is lost. Edits of different fields both
survive; edits based on the same version give one success and one ConflictError; publish and
archive at once leave one consistent state.

Proved on PostgreSQL with two threads on two connections (SELECT … FOR UPDATE plus the version
check). SQLite has no row locks and serialises writers on the whole file, so the two-connection
race cannot be staged there; the same paths run on every database in test_listing_edit.py and
test_listing_status.py."""

import pytest

from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.core.tests.concurrency import race, race_test
from alleyhub.listings import services
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome

from ..factories import InvestorProfileFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = race_test


@pytest.mark.parametrize("attempt", range(5))
def test_two_edits_of_different_fields_of_one_demand_both_survive(member, owner_org, attempt):
    demand = TechDemandFactory(owner=owner_org, title_zh="原标题", budget_max=800_000)
    # Both read the demand before either writes, as two open API clients or edit pages do.
    a, b = TechDemand.objects.get(pk=demand.pk), TechDemand.objects.get(pk=demand.pk)
    results = race(
        [
            lambda: services.demand_update(demand=a, actor=member, title_zh="甲改的标题"),
            lambda: services.demand_update(demand=b, actor=member, budget_max=950_000),
        ]
    )
    assert all(isinstance(r, TechDemand) for r in results), results
    demand.refresh_from_db()
    assert (demand.title_zh, demand.budget_max) == ("甲改的标题", 950_000)
    assert demand.version == 3
    assert AuditEntry.objects.filter(code="listings.demand.updated").count() == 2


@pytest.mark.parametrize("attempt", range(3))
def test_two_edits_based_on_the_same_version_one_wins_the_other_gets_a_conflict(
    member, operator, owner_org, attempt
):
    demand = TechDemandFactory(owner=owner_org, title_zh="原标题")
    results = race(
        [
            lambda: services.demand_update(demand=demand, actor=member, expected_version=1, title_zh="甲"),
            lambda: services.demand_update(demand=demand, actor=operator, expected_version=1, title_zh="乙"),
        ]
    )
    winners = [r for r in results if isinstance(r, TechDemand)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], ConflictError) and losers[0].status == 409
    assert losers[0].extra["current_version"] == 2
    demand.refresh_from_db()
    assert demand.title_zh == winners[0].title_zh and demand.version == 2
    assert AuditEntry.objects.filter(code="listings.demand.updated").count() == 1


def test_two_edits_of_one_outcome_on_the_same_version_one_wins(member, operator, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, trl=4)
    results = race(
        [
            lambda: services.outcome_update(outcome=outcome, actor=member, expected_version=1, trl=6),
            lambda: services.outcome_update(outcome=outcome, actor=operator, expected_version=1, trl=8),
        ]
    )
    winners = [r for r in results if isinstance(r, TechOutcome)]
    assert len(winners) == 1 and sum(isinstance(r, ConflictError) for r in results) == 1, results
    outcome.refresh_from_db()
    assert outcome.trl == winners[0].trl and outcome.version == 2


@pytest.mark.parametrize("attempt", range(3))
def test_publish_and_archive_at_once_leave_one_consistent_state(member, operator, owner_org, attempt):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    results = race(
        [
            lambda: services.listing_publish(listing=demand, actor=member),
            lambda: services.listing_archive(listing=demand, actor=operator),
        ]
    )
    winners = [r for r in results if isinstance(r, TechDemand)]
    # Both are allowed from a draft, so without a version both run, one after the other, on the
    # row lock: the second sees the first one's state (archive after publish, or publish after
    # archive); the final state is the second one's and the audit shows both, in order.
    assert len(winners) + sum(isinstance(r, ApplicationError) for r in results) == 2, results
    demand.refresh_from_db()
    entries = list(AuditEntry.objects.filter(target_id=str(demand.pk)).order_by("at", "id"))
    assert demand.version == 1 + len(entries) == 1 + len(winners)
    assert entries[-1].data["to"] == demand.status
    if demand.status == ListingStatus.PUBLISHED:
        assert demand.published_at is not None


@pytest.mark.parametrize("attempt", range(3))
def test_publish_and_archive_on_the_same_version_one_wins(member, operator, owner_org, attempt):
    investor = InvestorProfileFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    results = race(
        [
            lambda: services.listing_publish(listing=investor, actor=member, expected_version=1),
            lambda: services.listing_archive(listing=investor, actor=operator, expected_version=1),
        ]
    )
    winners = [r for r in results if isinstance(r, InvestorProfile)]
    assert len(winners) == 1 and sum(isinstance(r, ConflictError) for r in results) == 1, results
    investor.refresh_from_db()
    assert investor.status == winners[0].status and investor.version == 2
    (entry,) = AuditEntry.objects.filter(target_id=str(investor.pk))
    assert entry.data["to"] == investor.status


def test_an_edit_and_a_status_change_at_once_both_survive(member, operator, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    read = TechDemand.objects.get(pk=demand.pk)
    results = race(
        [
            lambda: services.demand_update(demand=read, actor=member, title_zh="边发布边改"),
            lambda: services.listing_publish(listing=read, actor=operator),
        ]
    )
    assert all(isinstance(r, TechDemand) for r in results), results
    demand.refresh_from_db()
    assert (demand.title_zh, demand.status, demand.version) == ("边发布边改", ListingStatus.PUBLISHED, 3)
