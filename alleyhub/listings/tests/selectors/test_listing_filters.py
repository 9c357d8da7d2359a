"""List filters: industry tree, TRL, modes, budgets, text search (never in confidential parts)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from alleyhub.listings import selectors

from ..factories import IndustryFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_industry_filter_includes_children():
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
