import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.brokerage.models import Case, CaseStageChange
from alleyhub.brokerage.services import case_create, case_start_from_match
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    DemandFactory,
    InvestorProfileFactory,
    OperatorUserFactory,
    OutcomeFactory,
    PersonFactory,
    UserFactory,
    make_match,
    party_of,
)
from alleyhub.brokerage.transitions import Stage
from alleyhub.core.exceptions import ApplicationError
from alleyhub.directory.tests.factories import AffiliationFactory
from alleyhub.matching.models import Match, MatchFeedback
from alleyhub.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_broker_opens_a_case_by_hand_at_lead_and_the_parties_hear_of_it():
    broker, co = BrokerFactory(), BrokerFactory()
    demand, outcome = DemandFactory(), OutcomeFactory()
    demand_party, supply_party = party_of(demand.owner), party_of(outcome.owner)

    case = case_create(
        demand_org=demand.owner, demand=demand, outcome=outcome, broker=broker, co_brokers=[co], actor=broker
    )

    assert (case.stage, case.supply_kind, case.supply_org, case.version) == (
        Stage.LEAD,
        "outcome",
        outcome.owner,
        1,
    )
    assert list(case.co_brokers.all()) == [co]
    assert CaseStageChange.objects.get(case=case).to_stage == Stage.LEAD
    notified = set(
        Notification.objects.filter(code="brokerage.case.created").values_list("recipient", flat=True)
    )
    assert notified == {co.pk, demand_party.pk, supply_party.pk}


def test_an_expert_or_an_investor_can_be_the_supply_side():
    broker = BrokerFactory()
    expert = PersonFactory()
    affiliation = AffiliationFactory(person=expert)
    demand_org = DemandFactory().owner
    case = case_create(demand_org=demand_org, expert=expert, broker=broker, actor=broker)
    assert case.supply_org == affiliation.organization
    investor = InvestorProfileFactory()
    assert (
        case_create(demand_org=demand_org, investor=investor, broker=broker, actor=broker).supply_kind
        == "investor"
    )


@pytest.mark.parametrize("problem", ["no_supply", "two_supplies", "foreign_demand", "broker_not_broker"])
def test_inconsistent_cases_are_refused(problem):
    broker = BrokerFactory()
    demand, outcome = DemandFactory(), OutcomeFactory()
    kwargs = {
        "demand_org": demand.owner,
        "demand": demand,
        "outcome": outcome,
        "broker": broker,
        "actor": broker,
    }
    if problem == "no_supply":
        kwargs["outcome"] = None
    elif problem == "two_supplies":
        kwargs["investor"] = InvestorProfileFactory()
    elif problem == "foreign_demand":
        kwargs["demand"] = DemandFactory()
    else:
        kwargs["broker"] = UserFactory()
    with pytest.raises(ApplicationError):
        case_create(**kwargs)
    assert not Case.objects.exists()


def test_members_cannot_open_cases():
    demand, outcome = DemandFactory(), OutcomeFactory()
    with pytest.raises(PermissionDenied):
        case_create(
            demand_org=demand.owner, outcome=outcome, broker=BrokerFactory(), actor=party_of(demand.owner)
        )


def test_a_case_starts_from_an_accepted_match_with_both_sides_filled_in():
    broker = BrokerFactory()
    demand, outcome = DemandFactory(), OutcomeFactory()
    match = make_match(source=demand, target=outcome)

    case = case_start_from_match(match=match, actor=broker)

    assert (case.demand, case.demand_org, case.outcome, case.broker) == (
        demand,
        demand.owner,
        outcome,
        broker,
    )
    assert case.source_match_id == match.pk
    assert "0.82" in CaseStageChange.objects.get(case=case).note


def test_an_operator_starting_from_a_suggested_match_accepts_it_and_logs_the_decision():
    operator = OperatorUserFactory()
    match = make_match(source=OutcomeFactory(), target=DemandFactory(), status="suggested")
    case_start_from_match(match=match, actor=operator, broker=BrokerFactory())
    match.refresh_from_db()
    assert (match.status, match.decided_by) == ("accepted", operator)
    assert MatchFeedback.objects.filter(match=match, action="accepted").exists()


def test_a_broker_starting_from_a_suggested_match_leaves_the_decision_to_its_owner():
    broker = BrokerFactory()
    match = make_match(source=OutcomeFactory(), target=DemandFactory(), status="suggested")
    case = case_start_from_match(match=match, actor=broker)
    match.refresh_from_db()
    assert case.source_match_id == match.pk
    assert (match.status, match.decided_by) == ("suggested", None)


def test_starting_twice_from_the_same_match_gives_the_same_case():
    broker = BrokerFactory()
    match = make_match(source=DemandFactory(), target=OutcomeFactory())
    assert case_start_from_match(match=match, actor=broker) == case_start_from_match(
        match=match, actor=broker
    )
    assert Case.objects.count() == 1


def test_a_dismissed_match_or_one_without_two_sides_cannot_start_a_case():
    broker = BrokerFactory()
    dismissed = make_match(source=DemandFactory(), target=OutcomeFactory(), status="dismissed")
    with pytest.raises(ApplicationError):
        case_start_from_match(match=dismissed, actor=broker)
    two_outcomes = make_match(source=OutcomeFactory(), target=OutcomeFactory())
    with pytest.raises(ApplicationError):
        case_start_from_match(match=two_outcomes, actor=broker)
    assert Match.objects.get(pk=dismissed.pk).status == "dismissed"
    assert not Case.objects.exists()


def test_an_operator_starting_from_a_match_names_the_broker():
    operator, broker = OperatorUserFactory(), BrokerFactory()
    match = make_match(source=DemandFactory(), target=OutcomeFactory())
    with pytest.raises(ApplicationError):
        case_start_from_match(match=match, actor=operator)
    assert case_start_from_match(match=match, actor=operator, broker=broker).broker == broker
