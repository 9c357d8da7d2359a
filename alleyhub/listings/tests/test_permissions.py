"""Who sees drafts and confidential parts: anonymous, member, operator, another organisation's member."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from alleyhub.core.models import ListingStatus
from alleyhub.listings import selectors

from .factories import TechDemandFactory, TechOutcomeFactory

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


def test_broker_of_a_case_about_the_outcome_may_see_confidential(owner_org):
    from alleyhub.brokerage.tests.factories import CaseFactory

    outcome = TechOutcomeFactory(owner=owner_org)
    case = CaseFactory(outcome=outcome, supply_org=owner_org)
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


def test_industry_filter_includes_children():
    from .factories import IndustryFactory

    ic = IndustryFactory(code="ic", name_zh="集成电路")
    power = IndustryFactory(code="ic-power", name_zh="功率半导体", parent=ic)
    ai = IndustryFactory(code="ai", name_zh="人工智能")
    in_child = TechOutcomeFactory(industries=[power])
    in_parent = TechOutcomeFactory(industries=[ic])
    elsewhere = TechOutcomeFactory(industries=[ai])
    found = set(
        selectors.outcome_list_for_user(user=AnonymousUser(), industry="ic").values_list("id", flat=True)
    )
    assert found == {in_child.id, in_parent.id}
    assert elsewhere.id not in found
    assert not selectors.outcome_list_for_user(user=AnonymousUser(), industry="no-such-code").exists()


def test_outcome_filters_by_trl_mode_ip_owner_kind_and_text():
    a = TechOutcomeFactory(
        trl=3, cooperation_modes=["transfer"], ip_status="patent_pending", title_zh="碳化硅衬底"
    )
    b = TechOutcomeFactory(trl=7, cooperation_modes=["licence", "equity"], owner__kind="university")
    anon = AnonymousUser()

    def ids(**f):
        return set(selectors.outcome_list_for_user(user=anon, **f).values_list("id", flat=True))

    assert ids(trl_min=5) == {b.id}
    assert ids(trl_max=4) == {a.id}
    assert ids(mode="equity") == {b.id}
    assert ids(mode="transfer") == {a.id}
    assert ids(ip_status="patent_pending") == {a.id}
    assert ids(owner_kind="university") == {b.id}
    assert ids(q="碳化硅") == {a.id}


def test_demand_budget_filter_keeps_overlapping_ranges_and_open_only_hides_past_deadlines():
    from datetime import timedelta

    from django.utils import timezone

    cheap = TechDemandFactory(budget_min=10_000, budget_max=50_000)
    dear = TechDemandFactory(budget_min=1_000_000, budget_max=None)
    past = TechDemandFactory(budget_min=None, budget_max=None)
    type(past).objects.filter(pk=past.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    anon = AnonymousUser()

    def ids(**f):
        return set(selectors.demand_list_for_user(user=anon, **f).values_list("id", flat=True))

    assert ids(budget_min=900_000) == {dear.id, past.id}
    assert ids(budget_max=60_000) == {cheap.id, past.id}
    assert past.id not in ids(open_only=True)


def test_text_search_never_matches_confidential_details(client):
    TechOutcomeFactory(confidential_details="客户名单：绝密甲方")
    TechDemandFactory(confidential_details="客户名单：绝密甲方")
    anon = AnonymousUser()
    assert not selectors.outcome_list_for_user(user=anon, q="绝密甲方").exists()
    assert not selectors.demand_list_for_user(user=anon, q="绝密甲方").exists()
    assert client.get("/api/outcomes", {"q": "绝密甲方"}).json()["count"] == 0
