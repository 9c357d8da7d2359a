"""The demo hook (brokerage/demo.py, a writer like the services): cases in every stage, brokers
with history, stale cases, notifications. The hook runs on top of the demo district's foundation,
so this test drives it through the demo loader, the one place that calls it."""

import io

import pytest

from alleyhub.brokerage import selectors
from alleyhub.brokerage.models import Case, CaseRating, CaseStageChange
from alleyhub.brokerage.transitions import Stage
from alleyhub.demo.loader import load_district
from alleyhub.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_district_has_cases_in_every_stage_and_brokers_with_history(settings):
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}
    load_district(
        seed=2026,
        stdout=io.StringIO(),
        run_hooks=True,
        strict_hooks=True,
        hook_apps={"brokerage"},
        rebuild_index=False,
    )

    assert set(Case.objects.values_list("stage", flat=True)) == set(Stage.values)
    signed = Case.objects.filter(stage=Stage.SIGNED)
    assert all(c.contract_amount and c.contract_date and c.contract_type for c in signed)
    assert CaseStageChange.objects.filter(
        at__lt=Case.objects.order_by("-created_at").first().created_at
    ).exists()
    assert CaseRating.objects.count() >= 10
    assert Case.objects.filter(flagged_at__isnull=False).exists()  # stale cases were flagged

    ranking = selectors.broker_ranking()
    assert ranking[0].broker.username == "demo-broker" and ranking[0].gold
    assert len(ranking) == 5

    showcase = Case.objects.get(title__startswith="TWS 耳机低噪声")
    assert showcase.stage == Stage.POC_PILOT and showcase.activities.filter(kind="file").exists()
    for username in ("demo-broker", "demo-enterprise", "demo-researcher", "demo-operator"):
        assert Notification.objects.filter(recipient__username=username).exists(), username
