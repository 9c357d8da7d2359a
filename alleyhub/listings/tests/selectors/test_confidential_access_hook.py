"""Who else may see a listing's confidential part is decided by the grantors registered in
`listings.hooks.confidential_access` (brokerage registers the parties of a case)."""

import pytest
from django.utils import timezone

from alleyhub.brokerage.models import ConfidentialityAcceptance
from alleyhub.brokerage.selectors import user_is_party_to_listing_case
from alleyhub.brokerage.tests.factories import CaseFactory
from alleyhub.listings import selectors
from alleyhub.listings.hooks import confidential_access
from alleyhub.listings.tests.factories import TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_brokerage_registers_the_parties_of_a_case_as_a_grantor():
    assert user_is_party_to_listing_case in confidential_access.providers()


def test_without_a_grantor_only_owner_members_and_operators_see_the_confidential_part(owner_org, member):
    outcome = TechOutcomeFactory(owner=owner_org)
    case = CaseFactory(outcome=outcome, supply_org=owner_org, supply_accepted_at=timezone.now())
    ConfidentialityAcceptance.objects.create(
        case=case, user=case.broker, accepted_at=timezone.now(), terms_version="t"
    )
    with confidential_access.replaced():
        assert not selectors.can_view_confidential(user=case.broker, listing=outcome)
        assert selectors.can_view_confidential(user=member, listing=outcome)
    assert selectors.can_view_confidential(user=case.broker, listing=outcome)


def test_a_registered_grantor_admits_whom_it_says(owner_org, other_member):
    outcome = TechOutcomeFactory(owner=owner_org)
    with confidential_access.replaced(lambda *, user, listing: user == other_member):
        assert selectors.can_view_confidential(user=other_member, listing=outcome)
