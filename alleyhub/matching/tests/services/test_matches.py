"""Stored matches: computed for published sources and refreshed without losing decisions (the
decisions themselves: test_decisions.py)."""

import pytest

from alleyhub.core.models import ListingStatus
from alleyhub.matching.models import Match, MatchStatus
from alleyhub.matching.services.decisions import match_accept, match_dismiss
from alleyhub.matching.services.index_sync import index_sync_object
from alleyhub.matching.services.matches import matches_refresh_for
from alleyhub.matching.tests.factories import (
    InvestorProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    ServiceOfferingFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = pytest.mark.django_db


def test_publishing_a_demand_stores_explained_matches_with_the_fitting_outcome_first(mems):
    demand, outcome = mems["demand"], mems["outcome"]

    matches = Match.objects.filter(source_kind="demand", source_id=demand.pk)
    outcomes = list(matches.filter(target_kind="outcome").order_by("rank"))
    assert outcomes[0].target_id == outcome.pk and outcomes[0].rank == 1
    assert outcomes[0].target_object == outcome and outcomes[0].source_object == demand
    assert matches.filter(target_kind="expert", target_id=mems["expert"].pk).exists()
    explanation = outcomes[0].explanation
    assert explanation["semantic"] is not None
    checks = {c["code"]: c for c in explanation["constraints"]}
    assert checks["budget_covers_price"]["met"] is True  # 50万 budget ≥ 30万 price


def test_a_source_is_not_matched_with_its_own_organisation(commit):
    with commit():
        org = OrganizationFactory(name_zh="自家公司")
        TechOutcomeFactory(owner=org, title_zh="石墨烯散热膜")
        demand = TechDemandFactory(owner=org, title_zh="石墨烯散热膜需求")
    assert not Match.objects.filter(source_kind="demand", source_id=demand.pk, target_kind="outcome").exists()


def test_refresh_keeps_decided_statuses_and_drops_stale_suggestions(mems):
    demand = mems["demand"]
    member = MembershipFactory(organization=mems["enterprise"]).user
    best = Match.objects.get(
        source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=mems["outcome"].pk
    )
    worst = Match.objects.get(
        source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=mems["other"].pk
    )
    match_accept(match=best, actor=member)
    match_dismiss(match=worst, actor=member)
    expert_match = Match.objects.get(source_kind="demand", source_id=demand.pk, target_kind="expert")

    # The unrelated outcome and the expert leave the index; the refresh runs again.
    mems["other"].status = ListingStatus.ARCHIVED
    mems["other"].save()
    mems["expert"].is_published = False
    mems["expert"].save()
    index_sync_object(kind="outcome", object_id=mems["other"].pk)
    index_sync_object(kind="expert", object_id=mems["expert"].pk)
    matches_refresh_for(source=demand)

    best.refresh_from_db()
    worst.refresh_from_db()
    assert best.status == MatchStatus.ACCEPTED and best.decided_by == member and best.is_current
    assert worst.status == MatchStatus.DISMISSED and not worst.is_current
    assert not Match.objects.filter(pk=expert_match.pk).exists()  # an undecided suggestion is dropped


def test_archiving_the_demand_clears_its_undecided_suggestions(mems, commit):
    demand = mems["demand"]
    assert Match.objects.filter(source_kind="demand", source_id=demand.pk).exists()
    demand.status = ListingStatus.ARCHIVED
    with commit():
        demand.save()
    assert not Match.objects.filter(source_kind="demand", source_id=demand.pk).exists()


def test_an_outcome_is_matched_with_demands_and_enterprises(mems):
    outcome = mems["outcome"]
    targets = set(
        Match.objects.filter(source_kind="outcome", source_id=outcome.pk).values_list(
            "target_kind", "target_id"
        )
    )
    assert ("demand", mems["demand"].pk) in targets
    assert ("organization", mems["enterprise"].pk) in targets
    # institutes are not offered as buyers
    assert all(
        kind != "organization" or pk == mems["enterprise"].pk
        for kind, pk in targets
        if kind == "organization"
    )


def test_a_startup_is_matched_with_investors_and_services_by_stage(commit):
    with commit():
        startup = OrganizationFactory(
            name_zh="芯启科技",
            stage="seed",
            description_zh="种子期集成电路设计初创企业，寻找天使投资与专利服务。",
        )
        seed_fund = InvestorProfileFactory(
            title_zh="集成电路天使基金", thesis_zh="投资种子期集成电路设计企业。", stages=["seed"]
        )
        late_fund = InvestorProfileFactory(
            title_zh="并购基金", thesis_zh="投资成熟期企业并购。", stages=["mature"]
        )
        service = ServiceOfferingFactory(title_zh="初创企业专利申请", stages=["seed", "startup"])

    matches = {
        (m.target_kind, m.target_id): m
        for m in Match.objects.filter(source_kind="organization", source_id=startup.pk)
    }
    assert ("investor", seed_fund.pk) in matches and ("service", service.pk) in matches
    seed_checks = {
        c["code"]: c["met"] for c in matches[("investor", seed_fund.pk)].explanation["constraints"]
    }
    assert seed_checks["stage_fits"] is True
    if ("investor", late_fund.pk) in matches:
        assert matches[("investor", seed_fund.pk)].rank < matches[("investor", late_fund.pk)].rank


def test_an_outcome_published_later_appears_in_the_fitting_demands_matches(mems, commit):
    demand = mems["demand"]
    with commit():
        later = TechOutcomeFactory(
            title_zh="耳机用骨传导拾音元件",
            title_en="",
            summary_zh="无线耳机低噪声拾音，骨传导麦克风。",
        )
    assert Match.objects.filter(
        source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=later.pk
    ).exists()

    later.status = ListingStatus.ARCHIVED
    with commit():
        later.save()
    assert not Match.objects.filter(
        source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=later.pk
    ).exists()
