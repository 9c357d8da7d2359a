from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.brokerage import selectors
from alleyhub.brokerage.models import CaseRating, CaseStageChange
from alleyhub.brokerage.tests.factories import BrokerFactory, CaseFactory, OperatorUserFactory, party_of
from alleyhub.brokerage.transitions import Stage

pytestmark = pytest.mark.django_db

T0 = timezone.now() - timedelta(days=100)


def _case_with_path(broker, path, *, amount=None, rating=None):
    """A case that went through `path` (stages after lead), spending 2, 4, 6… days in each."""
    final = path[-1] if path else Stage.LEAD
    extra = {}
    if final == Stage.SIGNED:
        extra = {
            "contract_type": "licence",
            "contract_amount": Decimal(amount),
            "contract_date": date(2026, 6, 1),
        }
    if final == Stage.CLOSED:
        extra = {"close_reason": "price"}
    case = CaseFactory(broker=broker, stage=final, stage_entered_at=T0, **extra)
    CaseStageChange.objects.filter(case=case).update(at=T0)
    at = T0
    previous = Stage.LEAD
    for i, stage in enumerate(path, start=1):
        at = at + timedelta(days=2 * i)
        CaseStageChange.objects.create(case=case, from_stage=previous, to_stage=stage, actor=broker, at=at)
        previous = stage
    if rating:
        CaseRating.objects.create(case=case, rater=party_of(case.demand_org), score=rating)
    return case


def test_broker_figures_count_conversion_median_days_amounts_and_ratings():
    broker = BrokerFactory()
    _case_with_path(
        broker, [Stage.CONTACTED, Stage.MEETING, Stage.NEGOTIATION, Stage.SIGNED], amount=300000, rating=5
    )
    _case_with_path(
        broker,
        [Stage.CONTACTED, Stage.MEETING, Stage.POC_PILOT, Stage.NEGOTIATION, Stage.SIGNED],
        amount=700000,
        rating=4,
    )
    _case_with_path(broker, [Stage.CONTACTED, Stage.CLOSED], rating=3)
    _case_with_path(broker, [Stage.CONTACTED])
    _case_with_path(broker, [])
    _case_with_path(BrokerFactory(), [Stage.CONTACTED])  # someone else's

    fig = selectors.broker_figures(broker=broker)

    assert (fig.total_cases, fig.open_cases, fig.signed_count, fig.closed_count) == (5, 2, 2, 1)
    assert fig.signed_amount == Decimal(1000000)
    assert (fig.rating_avg, fig.rating_count) == (4.0, 3)
    assert fig.win_rate == pytest.approx(2 / 3)
    conv = {row["stage"]: (row["reached"], row["advanced"]) for row in fig.conversion}
    assert conv[Stage.LEAD] == (5, 4)
    assert conv[Stage.CONTACTED] == (4, 2)  # the closed one went no further
    assert conv[Stage.MEETING] == (2, 2)
    assert conv[Stage.POC_PILOT] == (2, 2)  # reaching negotiation counts as having passed poc
    assert conv[Stage.NEGOTIATION] == (2, 2)
    medians = {row["stage"]: row["days"] for row in fig.median_days}
    assert medians[Stage.LEAD] == 2.0  # every path spends 2 days in lead
    assert medians[Stage.CONTACTED] == 4.0
    assert medians[Stage.MEETING] == 6.0


def test_the_ranking_puts_signed_deals_first_and_marks_gold_candidates():
    star, good, new = BrokerFactory(display_name="金牌"), BrokerFactory(), BrokerFactory()
    for amount in (100000, 200000):
        _case_with_path(
            star, [Stage.CONTACTED, Stage.MEETING, Stage.NEGOTIATION, Stage.SIGNED], amount=amount, rating=5
        )
    _case_with_path(
        good, [Stage.CONTACTED, Stage.MEETING, Stage.NEGOTIATION, Stage.SIGNED], amount=900000, rating=5
    )
    _case_with_path(new, [Stage.CONTACTED])

    rows = selectors.broker_ranking()

    assert [r.broker for r in rows] == [star, good, new]
    assert [r.gold for r in rows] == [True, False, False]  # one deal is not enough for the title


def test_ranking_page_and_own_figures_page(client_as):
    broker = BrokerFactory(display_name="王经纪")
    _case_with_path(
        broker, [Stage.CONTACTED, Stage.MEETING, Stage.NEGOTIATION, Stage.SIGNED], amount=500000, rating=5
    )
    client = client_as(broker)
    assert "王经纪" in client.get(reverse("brokerage:ranking")).content.decode()
    page = client.get(reverse("brokerage:broker_figures", args=[broker.pk])).content.decode()
    assert 'data-testid="signed-count">1<' in page
    assert (
        client_as(BrokerFactory()).get(reverse("brokerage:broker_figures", args=[broker.pk])).status_code
        == 403
    )
    assert (
        client_as(OperatorUserFactory())
        .get(reverse("brokerage:broker_figures", args=[broker.pk]))
        .status_code
        == 200
    )
