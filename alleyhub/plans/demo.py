"""Demo data for the plan (called by `manage.py load_demo` through `load(ctx)`): the district's
three-year action plan as the seed reads (4 major tasks, 6 special projects with 12 sub-items,
5 guarantee measures), the 2024 research report's 7 special actions and the 2025 work points,
with their responsible units; two years of progress updates (posted and reviewed through the
services, then dated back), a few late items, and KPIs with 2023–2026 targets and entered values.

Names follow `/work/shared/seed/`; the plan's years are the real ones (2023–2025), the updates
fall in the two years before the load date. Deterministic for a seed: choices from ctx.rng.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from alleyhub.accounts.models import Role, User
from alleyhub.core.demo_context import DemoContext
from alleyhub.directory.models import Organization, OrganizationKind
from alleyhub.spaces.models import Building, RenewalSite

from .models import (
    ActionPlan,
    ItemKind,
    ItemStatus,
    Kpi,
    KpiSource,
    KpiTarget,
    PlanItem,
    PlanItemEvent,
    ProgressUpdate,
)
from .services import (
    item_create,
    item_move_status,
    kpi_value_enter,
    kpi_value_review,
    plan_flag_and_remind,
    update_post,
    update_review,
)

K = ItemKind
D = date

# (code, kind, title_zh, title_en, lead unit slug, cooperating slugs, start, due, final progress, children)
# final progress: the figure the last accepted update reaches; None for parents (rolled up).
Node = tuple
THREE_YEAR: list[Node] = [
    (
        "一",
        K.MAJOR_TASK,
        "集聚创新要素，增强科创策源功能",
        "Gather innovation resources and strengthen original innovation",
        "changning-stc",
        ("changning-fgw",),
        D(2023, 3, 1),
        D(2025, 12, 31),
        None,
        [
            (
                "1",
                K.SPECIAL_PROJECT,
                "院地合作专项",
                "Institute–district cooperation",
                "changning-stc",
                ("huayang-subdistrict",),
                D(2023, 3, 1),
                D(2025, 12, 31),
                None,
                [
                    (
                        "1.1",
                        K.SUB_ITEM,
                        "与中科院微系统所、硅酸盐所共建成果转化合作机制",
                        "Tech-transfer mechanism with SIMIT and SICCAS",
                        "changning-stc",
                        (),
                        D(2023, 3, 1),
                        D(2024, 12, 31),
                        100,
                        [],
                    ),
                    (
                        "1.2",
                        K.SUB_ITEM,
                        "建设集成电路应用创新概念验证中心",
                        "IC application proof-of-concept center",
                        "changning-stc",
                        ("changning-fgw",),
                        D(2023, 6, 1),
                        D(2025, 6, 30),
                        100,
                        [
                            (
                                "1.2.1",
                                K.MILESTONE,
                                "概念验证中心揭幕（2025年2月12日）",
                                "Center opened (12 Feb 2025)",
                                "changning-stc",
                                (),
                                D(2024, 6, 1),
                                D(2025, 2, 12),
                                100,
                                [],
                            ),
                        ],
                    ),
                ],
            ),
            (
                "2",
                K.SPECIAL_PROJECT,
                "高质量孵化器培育专项",
                "High-quality incubators",
                "changning-stc",
                ("huayang-subdistrict",),
                D(2023, 3, 1),
                D(2025, 12, 31),
                None,
                [
                    (
                        "2.1",
                        K.SUB_ITEM,
                        "成立“上海硅巷”高质孵化器建设共同体",
                        "Silicon Alley incubator community",
                        "changning-stc",
                        (),
                        D(2023, 9, 1),
                        D(2024, 12, 31),
                        100,
                        [],
                    ),
                    (
                        "2.2",
                        K.SUB_ITEM,
                        "启动“上海硅巷”创新孵化平台建设",
                        "Silicon Alley innovation incubation platform",
                        "changning-stc",
                        ("huayang-subdistrict",),
                        D(2024, 1, 1),
                        D(2025, 12, 31),
                        100,
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        "二",
        K.MAJOR_TASK,
        "打造科创空间载体，提升街区承载能级",
        "Build innovation spaces and raise the district's capacity",
        "changning-jgw",
        ("huayang-subdistrict",),
        D(2023, 3, 1),
        D(2025, 12, 31),
        None,
        [
            (
                "3",
                K.SPECIAL_PROJECT,
                "科创空间提升专项",
                "Innovation spaces",
                "huayang-subdistrict",
                ("changning-jgw",),
                D(2023, 3, 1),
                D(2025, 12, 31),
                None,
                [
                    (
                        "3.1",
                        K.SUB_ITEM,
                        "提升完善硅巷 NO.1 创新空间功能",
                        "Upgrade the Silicon Alley NO.1 innovation space",
                        "huayang-subdistrict",
                        (),
                        D(2023, 3, 1),
                        D(2024, 12, 31),
                        100,
                        [],
                    ),
                    (
                        "3.2",
                        K.SUB_ITEM,
                        "建设“上海硅巷”创客厅及 SeekerLab 数智服务实验室",
                        "Maker hall and SeekerLab",
                        "huayang-subdistrict",
                        ("changning-stc",),
                        D(2023, 6, 1),
                        D(2025, 6, 30),
                        100,
                        [],
                    ),
                ],
            ),
            (
                "4",
                K.SPECIAL_PROJECT,
                "城市更新专项",
                "Urban renewal",
                "changning-jgw",
                ("huayang-subdistrict",),
                D(2024, 1, 1),
                D(2025, 12, 31),
                None,
                [
                    (
                        "4.1",
                        K.SUB_ITEM,
                        "人民电器厂、新联纺地块更新研究",
                        "Renewal study: People's Electrical Factory and Xinlianfang",
                        "changning-jgw",
                        (),
                        D(2024, 3, 1),
                        D(2025, 9, 30),
                        60,
                        [],
                    ),
                    (
                        "4.2",
                        K.SUB_ITEM,
                        "武夷路305号、337号地块更新及延安西路轨交站更新",
                        "Renewal: 305 & 337 Wuyi Rd, West Yan'an Rd station",
                        "changning-jgw",
                        ("huayang-subdistrict",),
                        D(2024, 3, 1),
                        D(2025, 12, 31),
                        45,
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        "三",
        K.MAJOR_TASK,
        "完善服务体系，优化创新创业生态",
        "Complete the service system and the start-up ecosystem",
        "huayang-subdistrict",
        ("changning-stc",),
        D(2023, 3, 1),
        D(2025, 12, 31),
        None,
        [
            (
                "5",
                K.SPECIAL_PROJECT,
                "综合服务与科创金融专项",
                "Services and tech finance",
                "huayang-subdistrict",
                ("changning-samr", "changning-fgw"),
                D(2023, 3, 1),
                D(2025, 12, 31),
                None,
                [
                    (
                        "5.1",
                        K.SUB_ITEM,
                        "梳理形成“上海硅巷”科创街区服务清单",
                        "Compile the district's service list",
                        "huayang-subdistrict",
                        ("changning-samr", "changning-tax", "changning-hrss", "changning-ipa"),
                        D(2023, 6, 1),
                        D(2024, 12, 31),
                        100,
                        [],
                    ),
                    (
                        "5.2",
                        K.SUB_ITEM,
                        "引入长三角科创金融联盟等功能平台",
                        "Bring in the YRD tech-finance alliance and other platforms",
                        "changning-fgw",
                        ("changning-stc",),
                        D(2023, 6, 1),
                        D(2025, 12, 31),
                        100,
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        "四",
        K.MAJOR_TASK,
        "营造科创文化氛围，彰显“上海硅巷”品牌",
        "Build an innovation culture and the Silicon Alley brand",
        "changning-stc",
        ("huayang-subdistrict",),
        D(2023, 3, 1),
        D(2025, 12, 31),
        None,
        [
            (
                "6",
                K.SPECIAL_PROJECT,
                "科创文化专项",
                "Innovation culture",
                "changning-stc",
                ("huayang-subdistrict",),
                D(2023, 3, 1),
                D(2025, 12, 31),
                None,
                [
                    (
                        "6.1",
                        K.SUB_ITEM,
                        "办好“上海硅巷”早餐会、创投沙龙、创投下午茶系列活动",
                        "Breakfast meetings, VC salons and VC afternoon teas",
                        "huayang-subdistrict",
                        ("changning-stc",),
                        D(2023, 3, 1),
                        D(2025, 12, 31),
                        100,
                        [],
                    ),
                    (
                        "6.2",
                        K.SUB_ITEM,
                        "提升长宁区“科技节”影响力和显示度",
                        "Raise the profile of the district tech festival",
                        "changning-stc",
                        (),
                        D(2023, 3, 1),
                        D(2025, 12, 31),
                        100,
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        "保障1",
        K.GUARANTEE,
        "健全工作专班机制，明确各单位责任分工",
        "Task-force mechanism and division of responsibilities",
        "changning-stc",
        ("task-force",),
        D(2023, 3, 1),
        D(2025, 12, 31),
        100,
        [],
    ),
    (
        "保障2",
        K.GUARANTEE,
        "加强政策支持",
        "Policy support",
        "changning-fgw",
        ("changning-stc",),
        D(2023, 3, 1),
        D(2025, 12, 31),
        100,
        [],
    ),
    (
        "保障3",
        K.GUARANTEE,
        "强化人才保障",
        "Talent support",
        "changning-hrss",
        (),
        D(2023, 3, 1),
        D(2025, 12, 31),
        100,
        [],
    ),
    (
        "保障4",
        K.GUARANTEE,
        "加大资金投入",
        "Funding",
        "changning-fgw",
        (),
        D(2023, 3, 1),
        D(2025, 12, 31),
        70,
        [],
    ),
    (
        "保障5",
        K.GUARANTEE,
        "完善监测评估",
        "Monitoring and evaluation",
        "changning-stc",
        ("task-force",),
        D(2023, 3, 1),
        D(2025, 12, 31),
        100,
        [],
    ),
]

ACTIONS_2024: list[Node] = [
    (f"行动{i}", K.SPECIAL_ACTION, zh, en, lead, coop, D(2024, 3, 1), D(2024, 12, 31), p, [])
    for i, (zh, en, lead, coop, p) in enumerate(
        [
            (
                "院地合作专项行动",
                "Institute–district cooperation action",
                "changning-stc",
                ("huayang-subdistrict",),
                100,
            ),
            ("高质量孵化器培育专项行动", "Incubator action", "changning-stc", (), 100),
            (
                "科创载体空间盘活专项行动",
                "Space revitalisation action",
                "changning-jgw",
                ("huayang-subdistrict",),
                80,
            ),
            ("科创金融服务专项行动", "Tech-finance action", "changning-fgw", ("changning-stc",), 100),
            ("金牌科技经纪人培育专项行动", "Gold-medal technology broker action", "changning-stc", (), 100),
            (
                "功能平台集聚专项行动（虹桥人才荟）",
                "Functional platforms action (Hongqiao Talent Hub)",
                "changning-hrss",
                ("huayang-subdistrict",),
                100,
            ),
            (
                "科创文化氛围营造专项行动",
                "Innovation culture action",
                "huayang-subdistrict",
                ("changning-stc",),
                100,
            ),
        ],
        start=1,
    )
]

WORK_2025: list[Node] = [
    (
        "要点1",
        K.WORK_POINT,
        "进一步完善体制机制",
        "Improve the mechanisms",
        "task-force",
        ("changning-stc",),
        D(2025, 1, 1),
        D(2026, 12, 31),
        None,
        [
            (
                "要点1.1",
                K.MILESTONE,
                "形成院地合作专项行动方案",
                "Institute–district cooperation action plan",
                "changning-stc",
                (),
                D(2025, 3, 1),
                D(2025, 12, 31),
                100,
                [],
            ),
            (
                "要点1.2",
                K.MILESTONE,
                "建立常态长效合作机制",
                "A standing cooperation mechanism",
                "changning-stc",
                ("huayang-subdistrict",),
                D(2025, 6, 1),
                D(2026, 12, 31),
                55,
                [],
            ),
        ],
    ),
    (
        "要点2",
        K.WORK_POINT,
        "梳理载体空间资源",
        "Survey the space resources",
        "changning-jgw",
        ("huayang-subdistrict",),
        D(2025, 1, 1),
        D(2026, 12, 31),
        65,
        [],
    ),
    (
        "要点3",
        K.WORK_POINT,
        "培育高质量孵化器",
        "Grow high-quality incubators",
        "changning-stc",
        (),
        D(2025, 1, 1),
        D(2026, 12, 31),
        70,
        [],
    ),
    (
        "要点4",
        K.WORK_POINT,
        "做优科创金融服务",
        "Better tech-finance services",
        "changning-fgw",
        ("changning-stc",),
        D(2025, 1, 1),
        D(2026, 6, 30),
        50,
        [],
    ),
    (
        "要点5",
        K.WORK_POINT,
        "提升街区形象氛围",
        "The district's image",
        "huayang-subdistrict",
        ("changning-jgw",),
        D(2025, 1, 1),
        D(2026, 12, 31),
        75,
        [],
    ),
]

PLANS = [
    (
        "silicon-alley-2023-2025",
        "长宁区全面推进“上海硅巷”科创街区建设三年行动方案（2023—2025年）",
        "Three-year action plan for the Shanghai Silicon Alley innovation district (2023–2025)",
        2023,
        2025,
        THREE_YEAR,
    ),
    (
        "special-actions-2024",
        "2024年“上海硅巷”七个专项行动",
        "Seven special actions (2024)",
        2024,
        2024,
        ACTIONS_2024,
    ),
    (
        "work-points-2025",
        "2025年“上海硅巷”科创街区建设工作要点",
        "Work points for 2025",
        2025,
        2026,
        WORK_2025,
    ),
]

# Links to what items concern (by code).
LINKS = {
    "1.1": {"organizations": ("simit", "siccas")},
    "1.2": {"organizations": ("ic-poc-center", "simit")},
    "2.1": {"organizations": ("xinwei-group", "huatai-innovation")},
}

# KPIs: (code, name_zh, name_en, unit_zh, unit_en, direction, source, computation or unit slug, targets 2023–2026)
KPIS = [
    (
        "enterprises-joined",
        "新入驻科创企业",
        "Tech enterprises joined",
        "家",
        "firms",
        "up",
        "computed",
        "enterprises_joined",
        (30, 40, 50, 60),
    ),
    (
        "outcomes-published",
        "发布科技成果",
        "Technology outcomes published",
        "项",
        "items",
        "up",
        "computed",
        "outcomes_published",
        (40, 60, 80, 100),
    ),
    (
        "demands-published",
        "发布技术需求",
        "Technology demands published",
        "项",
        "items",
        "up",
        "computed",
        "demands_published",
        (30, 45, 60, 80),
    ),
    (
        "matches-accepted",
        "达成对接意向",
        "Matches accepted",
        "个",
        "matches",
        "up",
        "computed",
        "matches_accepted",
        (10, 20, 30, 40),
    ),
    (
        "cases-signed",
        "技术合同签约",
        "Cases signed",
        "项",
        "contracts",
        "up",
        "computed",
        "cases_signed",
        (5, 10, 15, 20),
    ),
    (
        "contract-amount",
        "技术合同成交额",
        "Contract amount",
        "万元",
        "10k CNY",
        "up",
        "computed",
        "contract_amount",
        (500, 1000, 1500, 2000),
    ),
    (
        "requests-on-time",
        "企业诉求按时答复率",
        "Requests answered on time",
        "%",
        "%",
        "up",
        "computed",
        "requests_on_time",
        (90, 92, 95, 95),
    ),
    (
        "request-satisfaction",
        "企业诉求满意度",
        "Request satisfaction",
        "分",
        "points",
        "up",
        "computed",
        "request_satisfaction",
        (4.2, 4.3, 4.5, 4.5),
    ),
    (
        "space-available",
        "可租科创空间面积",
        "Space available",
        "㎡",
        "m²",
        "up",
        "computed",
        "space_available",
        (5000, 8000, 10000, 12000),
    ),
    (
        "people-joined",
        "平台注册用户",
        "People joined",
        "人",
        "people",
        "up",
        "computed",
        "people_joined",
        (100, 200, 300, 400),
    ),
    (
        "incubated-firms",
        "新增在孵企业",
        "New incubated firms",
        "家",
        "firms",
        "up",
        "entered",
        "changning-stc",
        (20, 30, 40, 50),
    ),
    (
        "events-held",
        "举办科创活动",
        "Innovation events held",
        "场",
        "events",
        "up",
        "entered",
        "huayang-subdistrict",
        (24, 36, 48, 60),
    ),
    (
        "renewal-sites",
        "推进更新地块",
        "Renewal sites in progress",
        "个",
        "sites",
        "up",
        "entered",
        "changning-jgw",
        (1, 2, 4, 4),
    ),
    (
        "vacancy-rate",
        "重点楼宇空置率",
        "Vacancy rate of key buildings",
        "%",
        "%",
        "down",
        "entered",
        "changning-jgw",
        (15, 12, 10, 8),
    ),
]
ENTERED_ACTUALS = {  # yearly figures 2023–2025
    "incubated-firms": (18, 33, 41),
    "events-held": (26, 41, 52),
    "renewal-sites": (1, 2, 3),
    "vacancy-rate": (16.5, 12.8, 9.6),
}

UPDATE_TEXTS = [
    "已召开专题推进会，明确时间表和责任分工。",
    "完成实地走访和资料梳理，形成工作方案初稿。",
    "与相关单位签署合作协议，项目按计划推进。",
    "阶段性任务已完成，正在开展下一阶段工作。",
    "已完成主要建设内容，进入验收和总结阶段。",
]


def _aware(d: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour)))


def load(ctx: DemoContext) -> None:
    units = ctx.government_units or {
        o.slug: o for o in Organization.objects.filter(kind=OrganizationKind.GOVERNMENT_UNIT)
    }
    lead = ctx.users.get("task_force") or User.objects.filter(role=Role.TASK_FORCE).order_by("pk").first()
    owner = lead or ctx.users.get("operator")
    if owner is None or not units:
        ctx.log("  plans.demo: no task force or units; skipped")
        return
    staff_by_unit: dict[int | None, User] = {}
    for user in (
        User.objects.filter(role=Role.UNIT_STAFF, is_active=True)
        .order_by("pk")
        .prefetch_related("memberships")
    ):
        for m in user.memberships.all():
            staff_by_unit.setdefault(m.organization_id, user)
    rng = ctx.rng_for("plans")
    leaves: list[tuple[PlanItem, int]] = []

    def add(plan: ActionPlan, parent: PlanItem | None, nodes: list[Node]) -> None:
        for pos, (code, kind, zh, en, lead_slug, coop, start, due, final, children) in enumerate(nodes):
            links: dict = {"cooperating_units": [units[s] for s in coop if s in units]}
            for name, slugs in LINKS.get(code, {}).items():
                links[name] = [ctx.orgs[s] for s in slugs if s in ctx.orgs]
            if code.startswith("4."):
                links["renewal_sites"] = list(RenewalSite.objects.order_by("pk")[:2])
            if code == "3.1":
                links["buildings"] = list(Building.objects.order_by("pk")[:1])
            item = item_create(
                plan=plan,
                parent=parent,
                actor=owner,
                links=links,
                code=code,
                kind=kind,
                title_zh=zh,
                title_en=en,
                lead_unit=units.get(lead_slug),
                lead_person="",
                start_date=start,
                due_date=due,
                position=pos,
            )
            # The plan was written before the platform: the item exists since its start.
            PlanItem.objects.filter(pk=item.pk).update(created_at=_aware(start, 9))
            PlanItemEvent.objects.filter(item=item, kind="created").update(at=_aware(start, 9))
            if children:
                add(plan, item, children)
            elif final is not None:
                leaves.append((item, final))

    for slug, zh, en, y0, y1, nodes in PLANS:
        plan = ActionPlan.objects.create(slug=slug, title_zh=zh, title_en=en, year_start=y0, year_end=y1)
        add(plan, None, nodes)
    ctx.count("plans.ActionPlan", ActionPlan.objects.count())
    ctx.count("plans.PlanItem", PlanItem.objects.count())

    # Progress updates: 2–4 per leaf, in the two years before today, within the item's dates.
    window_start = ctx.today - timedelta(days=730)
    for item, final in leaves:
        author = staff_by_unit.get(item.lead_unit_id)
        if author is None:
            continue
        first = max(item.start_date or window_start, window_start)
        last = min(item.due_date or ctx.today, ctx.today - timedelta(days=3))
        if final < 100 and item.due_date and item.due_date >= ctx.today:
            last = ctx.today - timedelta(days=rng.randint(3, 20))
        elif final < 100:
            last = min(last, ctx.today - timedelta(days=rng.randint(40, 90)))  # late and quiet
        if last <= first:
            first = last - timedelta(days=60)
        n = rng.randint(2, 4)
        span = (last - first).days
        for k in range(n):
            day = first + timedelta(days=span * (k + 1) // n)
            figure = Decimal(final * (k + 1) // n)
            update = update_post(item=item, actor=author, text=rng.choice(UPDATE_TEXTS), progress=figure)
            pending = k == n - 1 and final < 100 and rng.random() < 0.3
            if not pending:
                update_review(update_id=update.pk, action="accept", actor=owner)
            at = _aware(day)
            ProgressUpdate.objects.filter(pk=update.pk).update(
                created_at=at, reviewed_at=None if pending else at + timedelta(days=2)
            )
            PlanItemEvent.objects.filter(item=item, data__update=update.pk).update(at=at)
            PlanItem.objects.filter(pk=item.pk).update(last_update_at=at)
        if final == 100:
            item_move_status(item_id=item.pk, action="done", actor=owner)
    # Parents whose children are all done are done too.
    for item in PlanItem.objects.exclude(children=None).order_by("-pk"):
        if not item.children.exclude(status__in=(ItemStatus.DONE, ItemStatus.DROPPED)).exists():
            item.refresh_from_db()
            if item.status != ItemStatus.DONE:
                if item.status == ItemStatus.NOT_STARTED:
                    item_move_status(item_id=item.pk, action="start", actor=owner)
                item_move_status(item_id=item.pk, action="done", actor=owner)
    PlanItem.objects.filter(status=ItemStatus.NOT_STARTED).exclude(progress=0).update(
        status=ItemStatus.ON_TRACK
    )
    ctx.count("plans.ProgressUpdate", ProgressUpdate.objects.count())

    # KPIs.
    for pos, (code, zh, en, uzh, uen, direction, source, how, targets) in enumerate(KPIS):
        kpi = Kpi.objects.create(
            code=code,
            name_zh=zh,
            name_en=en,
            unit_zh=uzh,
            unit_en=uen,
            direction=direction,
            source=source,
            computation=how if source == KpiSource.COMPUTED else "",
            responsible_unit=units.get(how) if source == KpiSource.ENTERED else None,
            position=pos,
        )
        for year, value in zip(range(2023, 2027), targets, strict=True):
            KpiTarget.objects.create(kpi=kpi, year=year, value=Decimal(str(value)))
        if source == KpiSource.ENTERED and kpi.responsible_unit_id in staff_by_unit:
            author = staff_by_unit[kpi.responsible_unit_id]
            for year, value in zip(range(2023, 2026), ENTERED_ACTUALS[code], strict=True):
                row = kpi_value_enter(
                    kpi=kpi, actor=author, year=year, value=Decimal(str(value)), note="年度统计"
                )
                kpi_value_review(value_id=row.pk, action="accept", actor=owner)
            # This year, month by month (year-to-date), the latest waiting for review.
            months = list(range(1, ctx.today.month))
            for mo in months:
                ytd = Decimal(str(ENTERED_ACTUALS[code][-1])) * mo / 12
                row = kpi_value_enter(
                    kpi=kpi, actor=author, year=ctx.today.year, month=mo, value=ytd.quantize(Decimal("0.01"))
                )
                if mo != months[-1]:
                    kpi_value_review(value_id=row.pk, action="accept", actor=owner)
    for kpi in Kpi.objects.all():
        kpi.plan_items.set(
            PlanItem.objects.filter(
                code__in={
                    "enterprises-joined": ["2.1", "2.2"],
                    "cases-signed": ["1.1"],
                    "events-held": ["6.1"],
                    "renewal-sites": ["4.1", "4.2"],
                    "space-available": ["3.1", "3.2"],
                }.get(kpi.code, [])
            )
        )
    ctx.count("plans.Kpi", Kpi.objects.count())

    counts = plan_flag_and_remind(now=ctx.now)
    ctx.log(
        f"  plans: {counts['marked_late']} items marked late, {counts['stale_reminders']} stale reminders"
    )
