import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from alleyhub.brokerage import selectors
from alleyhub.brokerage.services import case_confidentiality_accept, case_side_accept
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    CaseFactory,
    OperatorUserFactory,
    PersonFactory,
    UserFactory,
    party_of,
)
from alleyhub.brokerage.transitions import Stage
from alleyhub.directory.tests.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


def _users(case):
    co = BrokerFactory()
    case.co_brokers.add(co)
    return {
        "broker": case.broker,
        "co_broker": co,
        "demand_party": party_of(case.demand_org),
        "supply_party": party_of(case.supply_org),
        "operator": OperatorUserFactory(),
        "other_broker": BrokerFactory(),
        "stranger": UserFactory(),
    }


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("broker", True, True),
        ("co_broker", True, True),
        ("operator", True, True),
        ("demand_party", True, False),
        ("supply_party", True, False),
        ("other_broker", False, False),
        ("stranger", False, False),
    ],
)
def test_who_may_see_and_act_on_a_case(who, read, write):
    case = CaseFactory()
    user = _users(case)[who]

    def allowed(for_write):
        try:
            selectors.case_get_for_user(case_id=case.pk, user=user, for_write=for_write)
        except PermissionDenied:
            return False
        return True

    assert (allowed(False), allowed(True)) == (read, write)
    assert selectors.cases_visible_to(user=user).filter(pk=case.pk).exists() == read


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("broker", 200),
        ("co_broker", 200),
        ("operator", 200),
        ("demand_party", 200),
        ("supply_party", 200),
        ("other_broker", 403),
        ("stranger", 403),
    ],
)
def test_the_case_page_per_role(client_as, who, status):
    case = CaseFactory()
    assert client_as(_users(case)[who]).get(case.get_absolute_url()).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client):
    case = CaseFactory()
    response = client.get(case.get_absolute_url())
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(reverse("brokerage:board")).status_code == 302


def test_an_expert_is_a_party_of_their_own_case():
    expert_user = UserFactory()
    expert = PersonFactory(user=expert_user)
    AffiliationFactory(person=expert)
    case = CaseFactory(supply_kind="expert", outcome=None, expert=expert, supply_org=None)
    assert selectors.case_role_of(case=case, user=expert_user) == selectors.CaseRole.PARTY


def test_the_board_is_for_brokers_and_operators_only(client_as):
    case = CaseFactory()
    assert client_as(party_of(case.demand_org)).get(reverse("brokerage:board")).status_code == 403


def test_listing_confidential_part_is_for_people_on_an_agreed_case_who_accepted_the_terms():
    case = CaseFactory()
    party = party_of(case.demand_org)
    outcome = case.outcome
    # Opened by a broker: neither side agreed, nobody on the case sees a confidential part.
    assert not selectors.user_is_party_to_listing_case(user=case.broker, listing=outcome)
    case_confidentiality_accept(case=case, actor=case.broker, ip_address="10.1.2.4")
    case_confidentiality_accept(case=case, actor=party, ip_address="10.1.2.3")
    assert not selectors.user_is_party_to_listing_case(user=case.broker, listing=outcome)
    assert not selectors.user_is_party_to_listing_case(user=party, listing=outcome)

    case = case_side_accept(case=case, actor=party_of(case.supply_org))
    assert selectors.user_is_party_to_listing_case(user=case.broker, listing=outcome)
    assert selectors.user_is_party_to_listing_case(user=party, listing=outcome)
    # The supply side's agreement opens the outcome, not the demand side's demand.
    assert not selectors.user_is_party_to_listing_case(user=case.broker, listing=case.demand)
    assert not selectors.user_is_party_to_listing_case(user=BrokerFactory(), listing=outcome)
    co_broker = BrokerFactory()
    case.co_brokers.add(co_broker)
    assert not selectors.user_is_party_to_listing_case(user=co_broker, listing=outcome)  # no terms yet

    case.stage, case.close_reason = Stage.CLOSED, "price"
    case.save()
    assert not selectors.user_is_party_to_listing_case(user=party, listing=outcome)
    assert not selectors.user_is_party_to_listing_case(user=case.broker, listing=outcome)
