"""PIPL (issue #8): a person's contact details are shown only to the users who deal with them — the
other side of an accepted match or of a case they take part in (as party, broker or co-broker) —
and then only with the person's consent; plus operators (and the task force) and the person
themself. Signed in alone is not enough. Checked on the person page and in the API alike."""

from datetime import date

import pytest
from django.test import Client

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    CaseFactory,
    DemandFactory,
    InstituteFactory,
    OperatorUserFactory,
    OrganizationFactory,
    OutcomeFactory,
    make_match,
    party_of,
)
from alleyhub.directory.tests.factories import AffiliationFactory, PersonFactory
from alleyhub.privacy.models import ConsentKind
from alleyhub.privacy.services import consent_give

pytestmark = pytest.mark.django_db


def _shown(viewer, person) -> bool:
    """Whether `viewer` (None: anonymous) sees the person's e-mail; page and API must agree."""
    client = Client()
    if viewer is not None:
        client.force_login(viewer)
    page = client.get(f"/directory/people/{person.pk}/")
    api = client.get(f"/api/people/{person.pk}")
    assert page.status_code == 200 and api.status_code == 200
    on_page = person.email in page.content.decode()
    assert on_page == (api.json()["email"] == person.email), "page and API disagree"
    return on_page


def _researcher_of(org, **kwargs):
    return AffiliationFactory(organization=org, person=PersonFactory(**kwargs)).person


@pytest.fixture
def case_world():
    institute = InstituteFactory()
    researcher = _researcher_of(institute, contact_consent=True, email="li.researcher@example.cn")
    case = CaseFactory(outcome=OutcomeFactory(owner=institute))
    co_broker = BrokerFactory()
    case.co_brokers.add(co_broker)
    return {"case": case, "researcher": researcher, "co_broker": co_broker}


def test_per_role_on_a_case(case_world):
    case, researcher = case_world["case"], case_world["researcher"]
    assert not _shown(None, researcher)  # anonymous
    assert not _shown(UserFactory(), researcher)  # signed in, no link
    assert not _shown(party_of(OrganizationFactory()), researcher)  # member of another organisation
    assert not _shown(BrokerFactory(), researcher)  # a broker not on the case
    assert not _shown(UserFactory(role=Role.UNIT_STAFF), researcher)
    assert _shown(party_of(case.demand_org), researcher)  # the other side of the case
    assert _shown(case.broker, researcher)
    assert _shown(case_world["co_broker"], researcher)
    assert _shown(OperatorUserFactory(), researcher)
    assert _shown(UserFactory(role=Role.TASK_FORCE), researcher)


def test_the_case_parties_see_each_other_and_the_broker():
    case = CaseFactory()
    enterprise_contact = _researcher_of(case.demand_org, email="buyer@example.cn")
    broker_person = PersonFactory(user=case.broker, kind="broker", email="broker@example.cn")
    consent_give(user=case.broker, kind=ConsentKind.CONTACT_SHARING, actor=case.broker)
    supplier = party_of(case.supply_org)
    assert _shown(supplier, enterprise_contact)
    assert _shown(supplier, broker_person)
    assert not _shown(party_of(OrganizationFactory()), broker_person)


def test_without_the_persons_consent_not_even_a_party_sees_it(case_world):
    case = case_world["case"]
    shy = _researcher_of(case.supply_org, contact_consent=False)
    assert not _shown(party_of(case.demand_org), shy)
    assert not _shown(case.broker, shy)
    assert _shown(OperatorUserFactory(), shy)  # operators run the platform


def test_the_person_themself_always_sees_it():
    owner = UserFactory()
    person = PersonFactory(user=owner, contact_consent=False, email="me@example.cn")
    assert _shown(owner, person)


def test_a_former_affiliation_does_not_count(case_world):
    case = case_world["case"]
    former = AffiliationFactory(
        organization=case.supply_org,
        person=PersonFactory(contact_consent=True),
        start_date=date(2019, 1, 1),
        end_date=date(2021, 1, 1),
    ).person
    assert not _shown(party_of(case.demand_org), former)


def test_an_accepted_match_makes_both_sides_parties_a_suggested_one_does_not():
    demand = DemandFactory()
    institute = InstituteFactory()
    outcome = OutcomeFactory(owner=institute)
    researcher = _researcher_of(institute, contact_consent=True)
    buyer_contact = _researcher_of(demand.owner, contact_consent=True)
    enterprise_member, institute_member = party_of(demand.owner), party_of(institute)

    match = make_match(source=demand, target=outcome, status="suggested")
    assert not _shown(enterprise_member, researcher)
    assert not _shown(institute_member, buyer_contact)

    match.status = "accepted"
    match.save(update_fields=["status"])
    assert _shown(enterprise_member, researcher)
    assert _shown(institute_member, buyer_contact)  # the target's side is a party too
    assert not _shown(party_of(OrganizationFactory()), researcher)
    assert not _shown(BrokerFactory(), researcher)  # brokers are not parties of matches


def test_an_accepted_match_with_an_expert_shows_the_expert_to_the_source_side():
    demand = DemandFactory()
    expert_user = UserFactory()
    expert = PersonFactory(user=expert_user, contact_consent=True, email="expert@example.cn")
    buyer_contact = _researcher_of(demand.owner, contact_consent=True)
    make_match(source=demand, target=expert, status="accepted")
    enterprise_member = party_of(demand.owner)
    # The expert's account has not given privacy's contact-sharing consent: hidden even to parties.
    assert not _shown(enterprise_member, expert)
    consent_give(user=expert_user, kind=ConsentKind.CONTACT_SHARING, actor=expert_user)
    assert _shown(enterprise_member, expert)
    assert not _shown(UserFactory(), expert)
    assert _shown(expert_user, buyer_contact)  # the expert is a party of the match
