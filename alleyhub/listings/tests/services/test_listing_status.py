"""listing_publish / listing_archive / listing_confirm: the moves the transition table allows, refusals,
and the version check every status change makes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.models import ListingStatus
from alleyhub.listings import services
from alleyhub.listings.models import TechDemand

from ..factories import TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_confirm_marks_stale_listing_fresh(member, owner_org):
    long_ago = timezone.now() - timedelta(days=400)
    outcome = TechOutcomeFactory(owner=owner_org, last_confirmed_at=long_ago)
    outcome.__class__.objects.filter(pk=outcome.pk).update(updated_at=long_ago)  # nor saved since
    outcome.refresh_from_db()
    assert outcome.is_stale
    services.listing_confirm(listing=outcome, actor=member)
    outcome.refresh_from_db()
    assert not outcome.is_stale


def test_publishing_twice_is_a_conflict(member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org)
    with pytest.raises(ApplicationError) as exc:
        services.listing_publish(listing=outcome, actor=member)
    assert exc.value.status == 409


def test_publishing_demand_with_past_deadline_is_refused(member, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT)
    TechDemand.objects.filter(pk=demand.pk).update(deadline=timezone.localdate() - timedelta(days=3))
    demand.refresh_from_db()
    with pytest.raises(ApplicationError):
        services.listing_publish(listing=demand, actor=member)
    demand.refresh_from_db()
    assert demand.status == ListingStatus.DRAFT


def test_the_transition_table_offers_the_moves_of_each_state():
    def actions(state):
        return [t.action for t in services.LISTING_MOVES.allowed(state)]

    assert actions(ListingStatus.DRAFT) == ["publish", "archive"]
    assert actions(ListingStatus.PUBLISHED) == ["archive"]
    assert actions(ListingStatus.ARCHIVED) == ["publish"]


def test_a_move_the_state_does_not_allow_is_a_409_forbidden_transition(member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, status=ListingStatus.ARCHIVED)
    with pytest.raises(ApplicationError) as exc:
        services.listing_archive(listing=outcome, actor=member)
    assert exc.value.status == 409 and exc.value.extra["code"] == "forbidden_transition"
    assert exc.value.extra["current_state"] == ListingStatus.ARCHIVED


@pytest.mark.parametrize("service", [services.listing_publish, services.listing_archive])
def test_a_status_change_on_a_stale_version_is_a_conflict(member, owner_org, service):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    services.demand_update(demand=demand, actor=member, expected_version=1, title_zh="别人改过")
    with pytest.raises(ConflictError):
        service(listing=demand, actor=member, expected_version=1)
    demand.refresh_from_db()
    assert (demand.status, demand.version) == (ListingStatus.DRAFT, 2)


def test_status_changes_and_confirmations_bump_the_version(member, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    demand = services.listing_publish(listing=demand, actor=member, expected_version=1)
    assert demand.version == 2
    demand = services.listing_confirm(listing=demand, actor=member, expected_version=2)
    assert demand.version == 3
    with pytest.raises(ConflictError):
        services.listing_confirm(listing=demand, actor=member, expected_version=2)
    demand = services.listing_archive(listing=demand, actor=member, expected_version=3)
    assert TechDemand.objects.get(pk=demand.pk).version == 4


def test_a_status_change_keeps_an_edit_made_since_the_listing_was_read(member, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    read_before = TechDemand.objects.get(pk=demand.pk)
    services.demand_update(demand=demand, actor=member, title_zh="刚改的标题")
    services.listing_publish(listing=read_before, actor=member)
    demand.refresh_from_db()
    assert (demand.status, demand.title_zh) == (ListingStatus.PUBLISHED, "刚改的标题")
