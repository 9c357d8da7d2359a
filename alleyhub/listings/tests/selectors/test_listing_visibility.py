"""Who sees drafts and confidential parts: anonymous, member, operator, another organisation's member."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from alleyhub.core.models import ListingStatus
from alleyhub.listings import selectors

from ..factories import TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_confidential_is_visible_to_owner_members_and_operators_only(
    owner_org, member, operator, other_member
):
    outcome = TechOutcomeFactory(owner=owner_org)
    assert selectors.can_view_confidential(user=member, listing=outcome)
    assert selectors.can_view_confidential(user=operator, listing=outcome)
    assert not selectors.can_view_confidential(user=other_member, listing=outcome)
    assert not selectors.can_view_confidential(user=AnonymousUser(), listing=outcome)
    assert not selectors.can_view_confidential(user=None, listing=outcome)


def test_broker_of_a_case_the_owner_agreed_to_may_see_confidential_after_the_terms(owner_org, member):
    # Imported here: brokerage sits above listings, and only this check needs one of its cases.
    from alleyhub.brokerage.services import case_confidentiality_accept, case_side_accept
    from alleyhub.brokerage.tests.factories import CaseFactory

    outcome = TechOutcomeFactory(owner=owner_org)
    case = CaseFactory(outcome=outcome, supply_org=owner_org)
    case_confidentiality_accept(case=case, actor=case.broker, ip_address=None)
    assert not selectors.can_view_confidential(user=case.broker, listing=outcome)
    case_side_accept(case=case, actor=member)
    assert selectors.can_view_confidential(user=case.broker, listing=outcome)
    unrelated = TechOutcomeFactory(owner=owner_org)
    assert not selectors.can_view_confidential(user=case.broker, listing=unrelated)


def test_drafts_are_listed_only_for_owner_members_and_operators(owner_org, member, operator, other_member):
    published = TechOutcomeFactory(owner=owner_org)
    draft = TechOutcomeFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    archived = TechOutcomeFactory(owner=owner_org, status=ListingStatus.ARCHIVED)

    def ids(user):
        return set(selectors.outcome_list_for_user(user=user).values_list("id", flat=True))

    assert ids(AnonymousUser()) == {published.id}
    assert ids(other_member) == {published.id}
    assert ids(member) == {published.id, draft.id}
    assert ids(operator) == {published.id, draft.id}
    assert archived.id not in ids(operator)


def test_get_for_user_hides_drafts_and_archived_from_others(owner_org, member, other_member):
    draft = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT)
    archived = TechDemandFactory(owner=owner_org, status=ListingStatus.ARCHIVED)
    for listing in (draft, archived):
        with pytest.raises(Http404):
            selectors.demand_get_for_user(pk=listing.pk, user=other_member)
        with pytest.raises(Http404):
            selectors.demand_get_for_user(pk=listing.pk, user=AnonymousUser())
        assert selectors.demand_get_for_user(pk=listing.pk, user=member) == listing


@pytest.mark.parametrize("pk", ["abc", "0", "-1", str(2**70), None, "1.5"])
def test_get_for_user_turns_garbage_ids_into_404(pk):
    with pytest.raises(Http404):
        selectors.outcome_get_for_user(pk=pk, user=AnonymousUser())
