"""Model rules and database constraints of listings; staleness."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alleyhub.listings.models import TechDemand, TechOutcome

from ..factories import TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("trl", [0, 10])
def test_database_refuses_trl_outside_1_to_9(trl):
    outcome = TechOutcomeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TechOutcome.objects.filter(pk=outcome.pk).update(trl=trl)


def test_database_refuses_price_range_out_of_order():
    outcome = TechOutcomeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TechOutcome.objects.filter(pk=outcome.pk).update(price_min=10, price_max=5)


def test_database_refuses_budget_range_out_of_order_and_untitled_demand():
    demand = TechDemandFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TechDemand.objects.filter(pk=demand.pk).update(budget_min=10, budget_max=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        TechDemand.objects.filter(pk=demand.pk).update(title_zh="", title_en="")


def test_model_clean_refuses_new_past_deadline_but_keeps_old_records_valid():
    demand = TechDemandFactory.build(
        deadline=timezone.localdate() - timedelta(days=1), owner=TechDemandFactory().owner
    )
    with pytest.raises(ValidationError) as exc:
        demand.full_clean()
    assert "deadline" in exc.value.message_dict
    saved = TechDemandFactory()
    TechDemand.objects.filter(pk=saved.pk).update(deadline=timezone.localdate() - timedelta(days=30))
    saved.refresh_from_db()
    saved.full_clean()  # an old deadline that is not being changed stays valid


def test_stale_means_neither_confirmed_nor_saved_for_180_days():
    old = timezone.now() - timedelta(days=181)
    assert not TechOutcomeFactory().is_stale
    # Confirmed long ago, or never, but saved just now: fresh (a new draft is not "possibly outdated").
    assert not TechOutcomeFactory(last_confirmed_at=old).is_stale
    assert not TechOutcomeFactory(last_confirmed_at=None).is_stale
    neither = TechOutcomeFactory(last_confirmed_at=old)
    TechOutcome.objects.filter(pk=neither.pk).update(updated_at=old)
    neither.refresh_from_db()
    assert neither.is_stale and neither.needs_attention
    # Expiry is a badge of its own.
    expired = TechOutcomeFactory(expires_on=timezone.localdate() - timedelta(days=1))
    assert expired.is_expired and not expired.is_stale and expired.needs_attention
