"""Demo data for the brokers' pipeline (called by `manage.py demo_district` through `load(ctx)`).

Creates four more brokers besides the demo broker, and cases in every stage with months of
history: stage changes, activities, signed deals with contract amounts, closed cases with reasons,
the parties' ratings — so the board, the figures and the ranking have something to show. The demo
accounts are parties to the showcase cases (the TWS microphone pilot between the showcase
enterprise and SIMIT, among others); a few cases are idle long enough to remind their broker and
be flagged to operators, and the reminder run and the demo users' notifications are real.
Deterministic for a seed: dates from ctx.now, choices from ctx.rng. History is written directly
(services stamp 'now'); the reminders go through the service.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db.models import Q

from alleyhub.accounts.models import Membership, Role, User
from alleyhub.core.demo_context import DemoContext
from alleyhub.directory.models import Organization
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.notifications.services import notify

from .models import Case, CaseActivity, CaseRating, CaseStageChange, ConfidentialityAcceptance, SupplyKind
from .services import case_reminders_run, pipeline_rules_ensure
from .transitions import CloseReason, ContractType, Stage

EXTRA_BROKERS = [
    ("demo-broker-han", "韩雪"),
    ("demo-broker-zhou", "周凯"),
    ("demo-broker-liu", "刘洋"),
    ("demo-broker-chen", "陈思远"),
]
# How many generated cases end in each stage (the showcase cases come on top).
STAGE_MIX = [
    (Stage.LEAD, 6),
    (Stage.CONTACTED, 6),
    (Stage.MEETING, 5),
    (Stage.POC_PILOT, 4),
    (Stage.NEGOTIATION, 4),
    (Stage.SIGNED, 9),
    (Stage.CLOSED, 6),
]
PATHS = {
    Stage.LEAD: [],
    Stage.CONTACTED: [Stage.CONTACTED],
    Stage.MEETING: [Stage.CONTACTED, Stage.MEETING],
    Stage.POC_PILOT: [Stage.CONTACTED, Stage.MEETING, Stage.POC_PILOT],
    Stage.NEGOTIATION: [Stage.CONTACTED, Stage.MEETING, Stage.POC_PILOT, Stage.NEGOTIATION],
    Stage.SIGNED: [Stage.CONTACTED, Stage.MEETING, Stage.POC_PILOT, Stage.NEGOTIATION, Stage.SIGNED],
}
NOTES = {
    Stage.CONTACTED: ["已与双方负责人电话沟通，约定下周见面。", "发送成果简介，对方有兴趣。"],
    Stage.MEETING: ["在硅巷创客厅组织面谈，讨论技术指标。", "双方技术负责人线上会议，确认应用场景。"],
    Stage.POC_PILOT: ["在集成电路应用创新概念验证中心安排样品验证。", "中试线试制首批样品。"],
    Stage.NEGOTIATION: ["进入许可费用和里程碑付款谈判。", "讨论知识产权归属和改进成果分享。"],
    Stage.SIGNED: ["技术许可合同已签署。", "技术开发合同已签署，首付款到账。"],
}
ACTIVITY_TEXTS = [
    ("call", "电话跟进，对方需要内部评审后回复。"),
    ("meeting", "在武夷路305号会议室面谈。"),
    ("note", "对方提出希望先拿到样品测试报告。"),
    ("call", "确认下次会面时间。"),
]


def _party(ctx: DemoContext, org: Organization, cache: dict) -> User:
    """A contact person of `org` (created once, cannot sign in) to act as the rating party."""
    if org.pk in cache:
        return cache[org.pk]
    member = Membership.objects.filter(organization=org).select_related("user").first()
    if member is None:
        user = User.objects.create(
            username=f"contact-{org.slug}"[:150],
            display_name=f"{org.short_name or org.name_zh or org.name_en}联系人",
            role=Role.MEMBER,
            password=make_password(None),
            email=f"contact-{org.pk}@example.org",
        )
        Membership.objects.create(user=user, organization=org, title="对接联系人")
    else:
        user = member.user
    cache[org.pk] = user
    return user


def _build_case(
    ctx: DemoContext,
    *,
    broker,
    demand_org,
    demand=None,
    outcome=None,
    expert=None,
    investor=None,
    final,
    started_days_ago: int,
    step_days: list[int],
    idle_days: int,
    amount=None,
    close_reason="",
    title="",
    co_brokers=(),
):
    rng = ctx.rng
    supply = outcome or expert or investor
    kind = SupplyKind.OUTCOME if outcome else SupplyKind.EXPERT if expert else SupplyKind.INVESTOR
    supply_org = outcome.owner if outcome else investor.owner if investor else None
    if final == Stage.CLOSED:
        path = PATHS[rng.choice([Stage.LEAD, Stage.CONTACTED, Stage.MEETING, Stage.POC_PILOT])] + [
            Stage.CLOSED
        ]
    else:
        path = PATHS[final]
    started = ctx.now - timedelta(days=started_days_ago)
    times = [started]
    for i, _stage in enumerate(path):
        times.append(times[-1] + timedelta(days=step_days[i % len(step_days)], hours=rng.randint(1, 8)))
    # keep the whole history in the past, the last change `idle_days` ago at most
    shift = max(timedelta(0), times[-1] - (ctx.now - timedelta(days=idle_days)))
    times = [t - shift for t in times]
    extra: dict[str, Any] = {}
    if final == Stage.SIGNED:
        extra = {
            "contract_type": rng.choice(
                [ContractType.LICENCE, ContractType.DEVELOPMENT, ContractType.TRANSFER, ContractType.SERVICE]
            ),
            "contract_amount": Decimal(amount or rng.randrange(200_000, 3_000_000, 10_000)),
            "contract_date": (times[-1]).date(),
        }
    if final == Stage.CLOSED:
        extra = {"close_reason": close_reason or rng.choice(CloseReason.values)}
    left = demand.title_zh or demand.title_en if demand else demand_org.name_zh or demand_org.name_en
    right = getattr(supply, "title_zh", "") or getattr(supply, "name_zh", "") or str(supply)
    case = Case.objects.create(
        title=(title or f"{left} × {right}")[:200],
        demand_org=demand_org,
        demand=demand,
        supply_kind=kind,
        outcome=outcome,
        expert=expert,
        investor=investor,
        supply_org=supply_org,
        broker=broker,
        stage=final,
        stage_entered_at=times[-1],
        last_activity_at=ctx.now - timedelta(days=idle_days, hours=rng.randint(0, 5)),
        version=len(path) + 1,
        created_by=broker,
        # Past the lead stage both sides had agreed to the case (shown through it once on it).
        supply_accepted_at=times[1] if path else None,
        demand_accepted_at=times[1] if path else None,
        **extra,
    )
    case.co_brokers.set(co_brokers)
    Case.objects.filter(pk=case.pk).update(created_at=started)
    changes = [
        CaseStageChange(
            case=case,
            from_stage="",
            to_stage=Stage.LEAD,
            actor=broker,
            at=times[0],
            note="由匹配推荐发起" if rng.random() < 0.6 else "",
        )
    ]
    previous = Stage.LEAD
    for stage, at in zip(path, times[1:], strict=True):
        note = (
            rng.choice(NOTES.get(stage, ["—"]))
            if stage != Stage.CLOSED
            else CloseReason(extra["close_reason"]).label
        )
        changes.append(
            CaseStageChange(
                case=case, from_stage=previous, to_stage=stage, actor=broker, at=at, note=str(note)
            )
        )
        previous = stage
    CaseStageChange.objects.bulk_create(changes)
    activities = []
    for _ in range(rng.randint(1, 3)):
        kind_, text = rng.choice(ACTIVITY_TEXTS)
        at = times[0] + (case.last_activity_at - times[0]) * rng.random()
        activities.append(CaseActivity(case=case, kind=kind_, author=broker, text=text, occurred_at=at))
    activities.append(
        CaseActivity(
            case=case, kind="note", author=broker, text="最近一次跟进。", occurred_at=case.last_activity_at
        )
    )
    CaseActivity.objects.bulk_create(activities)
    ctx.count("brokerage.CaseStageChange", len(changes))
    ctx.count("brokerage.CaseActivity", len(activities))
    return case


def load(ctx: DemoContext) -> None:
    pipeline_rules_ensure()
    rng = ctx.rng
    password = make_password(None)
    brokers = [ctx.users["broker"]]
    for username, name in EXTRA_BROKERS:
        brokers.append(
            User.objects.create(
                username=username,
                display_name=name,
                role=Role.BROKER,
                password=password,
                email=f"{username}@example.org",
            )
        )
    ctx.count("brokerage.brokers", len(brokers))
    demo_broker, enterprise_user, researcher = (
        ctx.users["broker"],
        ctx.users["enterprise"],
        ctx.users["researcher"],
    )
    simit, showcase = ctx.orgs["simit"], ctx.orgs["showcase-enterprise"]
    parties: dict = {showcase.pk: enterprise_user, simit.pk: researcher}
    cases: list[Case] = []

    # --- showcase cases the demo accounts take part in --------------------------------------------
    mic = TechOutcome.objects.filter(owner=simit, title_zh__contains="MEMS麦克风").first()
    pressure = TechOutcome.objects.filter(owner=simit, title_zh__contains="压力传感器").first()
    tws = TechDemand.objects.filter(owner=showcase, title_zh__contains="TWS").first()
    gan_demand = TechDemand.objects.filter(owner=showcase, title_en__contains="GaN").first()
    showcase_fund = InvestorProfile.objects.filter(owner=ctx.orgs["showcase-investor"]).first()
    published_outcomes = list(
        TechOutcome.objects.filter(status="published")
        .exclude(owner=simit)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    published_demands = list(
        TechDemand.objects.filter(status="published")
        .exclude(owner=showcase)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    # Cases pair a demand with an outcome of the same field, as a broker would.
    outcomes_by_industry: dict[int, list[int]] = {}
    for pk, industry_id in TechOutcome.industries.through.objects.filter(
        techoutcome_id__in=published_outcomes
    ).values_list("techoutcome_id", "industry_id"):
        outcomes_by_industry.setdefault(industry_id, []).append(pk)
    for pks in outcomes_by_industry.values():
        pks.sort()

    def fitting_outcome(demand: TechDemand) -> TechOutcome:
        candidates = sorted(
            {
                pk
                for ind in demand.industries.values_list("pk", flat=True)
                for pk in outcomes_by_industry.get(ind, ())
            }
        )
        own = set(TechOutcome.objects.filter(owner=demand.owner).values_list("pk", flat=True))
        candidates = [pk for pk in candidates if pk not in own]
        return TechOutcome.objects.get(pk=rng.choice(candidates or published_outcomes))

    def fitting_demand(outcome: TechOutcome) -> TechDemand:
        candidates = list(
            TechDemand.objects.filter(pk__in=published_demands, industries__in=outcome.industries.all())
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        )
        return TechDemand.objects.get(pk=rng.choice(candidates or published_demands))

    if mic and tws:
        pilot = _build_case(
            ctx,
            broker=demo_broker,
            demand_org=showcase,
            demand=tws,
            outcome=mic,
            final=Stage.POC_PILOT,
            started_days_ago=75,
            step_days=[6, 12, 20],
            idle_days=2,
            co_brokers=[brokers[1]],
            title="TWS 耳机低噪声 MEMS 麦克风 · 中试验证",
        )
        CaseActivity.objects.create(
            case=pilot,
            kind="file",
            author=demo_broker,
            text="样品测试计划（保密）",
            occurred_at=ctx.now - timedelta(days=2),
            file=ContentFile(
                "样品测试计划\n1. 信噪比 ≥ 68 dB\n2. 尺寸 ≤ 3.5×2.65 mm\n3. 200 颗样品，温循 500 次\n".encode(),
                name="test-plan.txt",
            ),
            file_name="样品测试计划.txt",
            file_size=96,
            content_type="text/plain; charset=utf-8",
        )
        ConfidentialityAcceptance.objects.create(
            case=pilot,
            user=researcher,
            accepted_at=ctx.now - timedelta(days=40),
            ip_address="10.20.30.40",
            terms_version="2026-1",
        )
        cases.append(pilot)
    if gan_demand and published_outcomes:
        cases.append(
            _build_case(
                ctx,
                broker=demo_broker,
                demand_org=showcase,
                demand=gan_demand,
                outcome=(
                    TechOutcome.objects.filter(pk__in=published_outcomes, title_en__contains="GaN")
                    .order_by("pk")
                    .first()
                    or TechOutcome.objects.filter(pk__in=published_outcomes, title_zh__contains="氮化镓")
                    .order_by("pk")
                    .first()
                    or fitting_outcome(gan_demand)
                ),
                final=Stage.MEETING,
                started_days_ago=60,
                step_days=[5, 9],
                idle_days=22,
            )
        )
    if showcase_fund:
        cases.append(
            _build_case(
                ctx,
                broker=demo_broker,
                demand_org=showcase,
                investor=showcase_fund,
                final=Stage.CONTACTED,
                started_days_ago=30,
                step_days=[4],
                idle_days=5,
                title="巷声智能天使轮 × 启衡硬科技早期基金",
            )
        )
    if pressure and published_demands:
        demand = fitting_demand(pressure)
        signed = _build_case(
            ctx,
            broker=demo_broker,
            demand_org=demand.owner,
            demand=demand,
            outcome=pressure,
            final=Stage.SIGNED,
            started_days_ago=200,
            step_days=[7, 14, 30, 21, 10],
            idle_days=20,
            amount=1_200_000,
        )
        CaseRating.objects.create(
            case=signed, rater=researcher, score=5, comment="对接高效，谈判中专业支持到位。"
        )
        cases.append(signed)

    # --- generated cases across the district -------------------------------------------------------
    weights = [5, 3, 3, 2, 2]  # the demo broker is the busiest and the best rated
    plan = [stage for stage, n in STAGE_MIX for _ in range(n * ctx.scale)]
    rng.shuffle(plan)
    signed_seen = 0
    for i, final in enumerate(plan):
        if not published_demands or not published_outcomes:
            break
        broker = rng.choices(brokers, weights=weights)[0]
        if final == Stage.SIGNED:
            # Every other deal is the demo broker's: the ranking shows a clear gold-medal candidate.
            signed_seen += 1
            broker = demo_broker if signed_seen % 2 else broker
        demand = TechDemand.objects.get(pk=rng.choice(published_demands))
        outcome = fitting_outcome(demand)
        stale = final not in (Stage.SIGNED, Stage.CLOSED) and i % 5 == 0
        idle = rng.randint(16, 45) if stale else rng.randint(0, 6)
        if final in (Stage.SIGNED, Stage.CLOSED):
            idle = rng.randint(5, 150)
        case = _build_case(
            ctx,
            broker=broker,
            demand_org=demand.owner,
            demand=demand,
            outcome=outcome,
            final=final,
            started_days_ago=rng.randint(40, 330),
            step_days=[rng.randint(3, 25) for _ in range(5)],
            idle_days=idle,
        )
        if final in (Stage.SIGNED, Stage.CLOSED):
            base = 5 if broker == demo_broker else rng.choice([3, 4, 4, 5])
            for org in (case.demand_org, case.supply_org):
                if org is not None and rng.random() < 0.8:
                    CaseRating.objects.get_or_create(
                        case=case,
                        rater=_party(ctx, org, parties),
                        defaults={
                            "score": max(1, min(5, base - (rng.random() < 0.2))),
                            "comment": rng.choice(["沟通及时。", "专业、靠谱。", "推进速度可以更快。", ""]),
                        },
                    )
        cases.append(case)
    ctx.count("brokerage.Case", len(cases))
    ctx.count("brokerage.CaseRating", CaseRating.objects.count())

    # --- the demo users hear about their cases ---------------------------------------------------
    demo_users = {demo_broker.pk, enterprise_user.pk, researcher.pk, ctx.users["investor"].pk}
    for case in Case.objects.filter(Q(broker=demo_broker) | Q(demand_org=showcase) | Q(supply_org=simit)):
        last = case.stage_changes.order_by("-at", "-id").first()
        if last is None or last.from_stage == "":
            continue
        for user in (
            User.objects.filter(pk__in=demo_users)
            .filter(
                Q(pk=case.broker_id)
                | Q(memberships__organization__in=[case.demand_org_id, case.supply_org_id])
            )
            .distinct()
        ):
            if user.pk == last.actor_id:
                continue
            notify(
                recipient=user,
                code="brokerage.case.stage_changed",
                target=case,
                email=False,
                dedup_key=f"case-stage:{last.pk}:{user.pk}",
                context={
                    "case": case.title,
                    "actor": last.actor,
                    "old_stage": Stage(last.from_stage).label,
                    "stage": Stage(last.to_stage).label,
                    "note": last.note,
                },
            )
    result = case_reminders_run(now=ctx.now)
    ctx.log(f"  brokerage: {len(cases)} cases, {result['reminded']} reminders, {result['escalated']} flagged")
