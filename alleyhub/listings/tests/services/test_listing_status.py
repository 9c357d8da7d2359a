"""listing_publish / listing_archive / listing_confirm: allowed moves, refusals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import ListingStatus
from alleyhub.listings import services
from alleyhub.listings.models import TechDemand

from ..factories import TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_confirm_marks_stale_listing_fresh(member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, last_confirmed_at=timezone.now() - timedelta(days=400))
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
