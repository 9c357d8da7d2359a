"""Stored matches: computed for published sources, refreshed without losing decisions, and
decided (accept / dismiss / viewed) only by those who act for the source."""

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.matching import services
from alleyhub.matching.models import Match, MatchFeedback, MatchStatus
from alleyhub.matching.tests.factories import (
    BrokerFactory,
    InvestorProfileFactory,
    MembershipFactory,
    OperatorFactory,
    OrganizationFactory,
    PersonFactory,
    ServiceOfferingFactory,
    TechDemandFactory,
    TechOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mems(commit):
    """An enterprise's demand for a low-noise microphone, the institute's MEMS outcome, an
    unrelated outcome and a MEMS expert."""
    with commit():
        enterprise = OrganizationFactory(name_zh="声悦科技", description_zh="无线耳机研发")
        institute = OrganizationFactory(
            kind="institute", name_zh="微系统所", description_zh="微系统与信息技术研究"
        )
        demand = TechDemandFactory(
            owner=enterprise,
            title_zh="无线耳机用低噪声拾音元件",
            title_en="",
            description_zh="我们做无线耳机，想找体积小、底噪低的拾音元件，预算50万。",
            budget_min=None,
            budget_max=500_000,
            wanted_modes=["licence"],
        )
        outcome = TechOutcomeFactory(
            owner=institute,
            title_zh="低噪声MEMS麦克风芯片",
            title_en="Low-noise MEMS microphone chip",
            summary_zh="微机电麦克风，信噪比70dB，尺寸小，适合耳机与可穿戴设备拾音。",
            price_min=300_000,
            price_max=600_000,
            cooperation_modes=["licence"],
        )
        other = TechOutcomeFactory(
            owner=institute,
            title_zh="钙钛矿光伏组件封装",
            title_en="Perovskite PV module encapsulation",
            summary_zh="提高钙钛矿组件湿热稳定性。",
            price_min=2_000_000,
        )
        expert = PersonFactory(
            name_zh="张教授", expertise="MEMS 麦克风 声学传感器", bio_zh="研究微机电声学传感器。"
        )
    return {"enterprise": enterprise, "demand": demand, "outcome": outcome, "other": other, "expert": expert}


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
    services.match_accept(match=best, actor=member)
    services.match_dismiss(match=worst, actor=member)
    expert_match = Match.objects.get(source_kind="demand", source_id=demand.pk, target_kind="expert")

    # The unrelated outcome and the expert leave the index; the refresh runs again.
    mems["other"].status = ListingStatus.ARCHIVED
    mems["other"].save()
    mems["expert"].is_published = False
    mems["expert"].save()
    from alleyhub.matching.services import index_sync_object

    index_sync_object(kind="outcome", object_id=mems["other"].pk)
    index_sync_object(kind="expert", object_id=mems["expert"].pk)
    services.matches_refresh_for(source=demand)

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


@pytest.mark.parametrize("who", ["member", "broker", "operator"])
def test_members_brokers_and_operators_may_accept(mems, who):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    actor = {
        "member": lambda: MembershipFactory(organization=mems["enterprise"]).user,
        "broker": BrokerFactory,
        "operator": OperatorFactory,
    }[who]()

    services.match_accept(match=match, actor=actor)

    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED and match.decided_by == actor and match.decided_at
    feedback = MatchFeedback.objects.get(match=match)
    assert feedback.action == "accepted" and feedback.rank == match.rank and feedback.actor == actor
    assert AuditEntry.objects.filter(
        code="matching.match.accepted", target_id=str(match.pk), actor=actor
    ).exists()


def test_members_of_other_organisations_may_not_decide(mems):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    stranger = MembershipFactory().user  # a member of some other organisation

    with pytest.raises(PermissionDenied):
        services.match_dismiss(match=match, actor=stranger)
    with pytest.raises(PermissionDenied):
        services.match_accept(match=match, actor=UserFactory())

    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED
    assert not MatchFeedback.objects.exists()


def test_viewing_is_logged_once_and_does_not_override_a_decision(mems):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    broker = BrokerFactory()

    services.match_mark_viewed(match=match, actor=broker)
    services.match_mark_viewed(match=match, actor=broker)
    assert MatchFeedback.objects.filter(match=match, action="viewed").count() == 1

    services.match_dismiss(match=match, actor=broker)
    services.match_mark_viewed(match=match, actor=broker)
    match.refresh_from_db()
    assert match.status == MatchStatus.DISMISSED

    services.match_accept(match=match, actor=broker)  # people change their minds
    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED
    assert list(
        MatchFeedback.objects.filter(match=match).order_by("at", "pk").values_list("action", flat=True)
    ) == [
        "viewed",
        "dismissed",
        "accepted",
    ]


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


def test_search_object_ids_serves_other_apps_text_filters(mems):
    from alleyhub.matching.selectors import search_object_ids

    assert search_object_ids(q="MEMS", kind="outcome")[0] == mems["outcome"].pk
    assert search_object_ids(q="", kind="outcome") == []
    assert search_object_ids(q="MEMS", kind="nonsense") == []
