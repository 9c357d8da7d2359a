"""A listing that expires leaves search at once and the index at the next sweep, without a save."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.listings.models import TechOutcome
from alleyhub.matching import selectors
from alleyhub.matching.models import IndexedDocument
from alleyhub.matching.services.index_sync import index_sweep_expired
from alleyhub.matching.tasks import sweep_expired
from alleyhub.matching.tests.factories import TechOutcomeFactory

pytestmark = pytest.mark.django_db


def _row(outcome):
    return IndexedDocument.objects.get(kind="outcome", object_id=outcome.pk)


def test_expired_listing_leaves_search_at_once_and_the_index_at_the_sweep(commit):
    with commit():
        outcome = TechOutcomeFactory(
            title_zh="钙钛矿叠层电池封装", expires_on=timezone.localdate() + timedelta(days=1)
        )
        fresh = TechOutcomeFactory(title_zh="钙钛矿电池衰减测试")
    assert ("outcome", outcome.pk) in [(r.kind, r.id) for r in selectors.search(q="钙钛矿")]

    # It expires: no save happens (a queryset update, as time passing would do).
    TechOutcome.objects.filter(pk=outcome.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    IndexedDocument.objects.filter(kind="outcome", object_id=outcome.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    found = [(r.kind, r.id) for r in selectors.search(q="钙钛矿")]
    assert ("outcome", outcome.pk) not in found and ("outcome", fresh.pk) in found
    assert _row(outcome).is_active  # still in the index until the sweep

    assert index_sweep_expired() == [f"outcome:{outcome.pk}"]
    assert not _row(outcome).is_active and _row(fresh).is_active
    assert index_sweep_expired() == []  # idempotent


def test_the_periodic_task_sweeps(commit):
    with commit():
        outcome = TechOutcomeFactory(expires_on=timezone.localdate() + timedelta(days=3))
    TechOutcome.objects.filter(pk=outcome.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    IndexedDocument.objects.filter(kind="outcome", object_id=outcome.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert sweep_expired.call() == 1
    assert not _row(outcome).is_active
