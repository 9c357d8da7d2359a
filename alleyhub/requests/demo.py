"""Demo data for enterprise requests (called by `manage.py demo_district` through `load(ctx)`).

Creates routing rules for every category to the district's real units, one staff account per
unit, and requests in every status — some overdue, some across National Day 2026 and Spring
Festival 2026 — with ratings, all through the services (so timelines, audit entries and
notifications are real), then runs the escalation check once so the task-force board has
escalations to show. Deterministic for a given seed: dates come from ctx.now, choices from ctx.rng.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from alleyhub.accounts.models import Membership, Role, User
from alleyhub.core.demo_context import DemoContext
from alleyhub.directory.models import Organization, OrganizationKind

from .deadlines import YELLOW, colour_for
from .models import Action, Category, CategoryDeadline, RoutingRule
from .services import request_act, request_submit, requests_escalate_overdue
from .working_days import add_working_days, due_at

# category → (responsible unit slug, cooperating unit slugs); "other" has no rule on purpose: it
# goes to the task force, which shows the fallback.
RULES: list[tuple[str, str, tuple[str, ...], dict]] = [
    (Category.FINANCE, "changning-stc", ("changning-fgw",), {}),
    (Category.REGISTRATION_TAX, "changning-samr", ("changning-tax",), {}),
    (Category.LAW, "huayang-subdistrict", ("changning-samr",), {}),
    (Category.HR_TALENT, "changning-hrss", (), {}),
    (Category.IP, "changning-ipa", ("changning-stc",), {}),
    (
        Category.IP,
        "changning-ipa",
        ("changning-stc", "huayang-subdistrict"),
        {"industry": "ic", "priority": 10},
    ),
    (Category.SPACE, "changning-jgw", ("huayang-subdistrict",), {}),
    (Category.SPACE, "huayang-subdistrict", ("changning-jgw",), {"subdistrict": "华阳路街道"}),
    (Category.POLICY, "changning-stc", ("changning-fgw",), {}),
]

# (category, title, description)
TOPICS = {
    Category.FINANCE: [
        ("申请科技履约贷", "企业拟申请 500 万元科技履约贷款，希望了解区级贴息政策和合作银行。"),
        ("对接早期投资机构", "天使轮融资进行中，希望街区推荐关注智能硬件的投资机构。"),
    ],
    Category.REGISTRATION_TAX: [
        ("研发费用加计扣除咨询", "首次申报研发费用加计扣除，希望税务部门辅导归集口径。"),
        ("变更注册地址", "公司搬入硅巷 NO.1，需要办理注册地址变更。"),
    ],
    Category.LAW: [("技术许可合同审查", "与研究所签订专利许可合同，希望法律服务机构协助审查条款。")],
    Category.HR_TALENT: [
        ("人才公寓申请", "两名海外引进工程师需要人才公寓，希望了解申请条件。"),
        ("落户积分咨询", "核心技术人员申请居住证积分，希望了解流程。"),
    ],
    Category.IP: [
        ("专利快速预审", "芯片封装结构专利希望走快速预审通道。"),
        ("商标异议应对", "公司商标被提出异议，需要知识产权部门指导。"),
    ],
    Category.SPACE: [("扩租实验室空间", "团队扩张，需要 300 平方米带通风的实验室。")],
    Category.POLICY: [("高新技术企业认定辅导", "计划今年申报高新技术企业，希望获得辅导。")],
    Category.OTHER: [("园区周边停车困难", "员工反映愚园路周边停车困难，希望协调。")],
}


def _at(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute))


def _user(username: str, display: str, role: str, org: Organization, member_role: str = "member") -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "display_name": display,
            "is_demo": True,
            "email": f"{username}@demo.alleyhub.local",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organization=org, defaults={"role": member_role})
    return user


def _yellow_start(now: datetime, days: int) -> datetime | None:
    """A start moment for which a `days`-working-day deadline is yellow at `now`."""
    for hours in range(1, 24 * 20):
        start = now - timedelta(hours=hours)
        if colour_for(start, due_at(start, days), now)[0] == YELLOW:
            return start
    return None


def load(ctx: DemoContext) -> None:
    units = ctx.government_units or {
        o.slug: o for o in Organization.objects.filter(kind=OrganizationKind.GOVERNMENT_UNIT)
    }
    missing = {slug for _c, slug, coop, _kw in RULES for slug in (slug, *coop)} - set(units)
    if missing:
        ctx.log(f"  requests.demo: units missing ({', '.join(sorted(missing))}); rules for them skipped")

    # Routing rules and one deadline override (law: 2 days to accept, 10 to answer).
    n_rules = 0
    for category, slug, coop, extra in RULES:
        if slug not in units:
            continue
        kwargs = {
            "category": category,
            "responsible_unit": units[slug],
            "priority": extra.get("priority", 0),
            "subdistrict": extra.get("subdistrict", ""),
        }
        if "industry" in extra:
            industry = ctx.industries.get(extra["industry"])
            if industry is None:
                continue
            kwargs["industry"] = industry
        rule = RoutingRule.objects.create(**kwargs)
        rule.cooperating_units.set([units[s] for s in coop if s in units])
        n_rules += 1
    ctx.count("requests.RoutingRule", n_rules)
    CategoryDeadline.objects.get_or_create(
        category=Category.LAW, defaults={"accept_days": 2, "answer_days": 10}
    )

    # Staff: the demo unit account (区科委) plus one account per other unit so that every unit hears back.
    staff: dict[str, User] = {}
    if "unit_staff" in ctx.users:
        for m in Membership.objects.filter(user=ctx.users["unit_staff"]).select_related("organization"):
            staff[m.organization.slug] = ctx.users["unit_staff"]
    for slug, unit in units.items():
        if slug == "task-force" or slug in staff:
            continue
        staff[slug] = _user(
            f"demo-unit-{slug}", f"{unit.short_name or unit.name_zh}工作人员", Role.UNIT_STAFF, unit
        )
    lead = ctx.users.get("task_force") or User.objects.filter(role=Role.TASK_FORCE).first()

    # Enterprises: the showcase enterprise (demo account) and a few generated ones, each with a member.
    enterprises: list[tuple[Organization, User]] = []
    if "showcase-enterprise" in ctx.orgs and "enterprise" in ctx.users:
        enterprises.append((ctx.orgs["showcase-enterprise"], ctx.users["enterprise"]))
    ids = sorted(ctx.org_ids_by_kind.get(OrganizationKind.ENTERPRISE, []))
    for pk in ctx.rng.sample(ids, min(len(ids), 5 * ctx.scale)):
        org = Organization.objects.get(pk=pk)
        if org.slug == "showcase-enterprise":
            continue
        enterprises.append(
            (org, _user(f"demo-ent-{org.pk}", f"{org.short_name or org.name_zh}联系人", Role.MEMBER, org))
        )
    if not enterprises or lead is None:
        ctx.log("  requests.demo: no enterprise members or task-force lead; no requests created")
        return

    def actor_for(req, key):
        if key == "unit":
            return staff.get(req.responsible_unit.slug) or lead
        if key == "lead":
            return lead
        return req.submitter

    created = 0

    def make(category, org_user, submitted_at, steps, topic=0):
        nonlocal created
        org, user = org_user
        title, description = TOPICS[category][topic % len(TOPICS[category])]
        req = request_submit(
            organization=org,
            actor=user,
            category=category,
            title=title,
            description=description,
            contact_preference=ctx.rng.choice(["phone", "email", "visit"]),
            now=submitted_at,
        )
        for action, who, when, extra in steps:
            if when > ctx.now:
                break
            kwargs = dict(extra)
            if action == Action.REROUTE:
                kwargs["responsible_unit"] = units.get(kwargs.pop("unit_slug"), req.responsible_unit)
            req = request_act(request_id=req.pk, action=action, actor=actor_for(req, who), now=when, **kwargs)
        created += 1
        return req

    showcase = enterprises[0]
    pick = lambda: ctx.rng.choice(enterprises)  # noqa: E731
    today = ctx.today
    wd = lambda n: add_working_days(today - timedelta(days=40), n)  # noqa: E731  working day n of a past window

    # Across National Day 2026: submitted on 30 September, accepted after the holiday, answered in time.
    make(
        Category.FINANCE,
        showcase,
        _at(date(2026, 9, 30), 16),
        [
            (Action.ACCEPT, "unit", _at(date(2026, 10, 8), 9, 30), {}),
            (Action.START, "unit", _at(date(2026, 10, 8), 10), {"note": "已联系合作银行"}),
            (
                Action.ANSWER,
                "unit",
                _at(date(2026, 10, 13), 15),
                {"note": "已为企业对接两家合作银行，贴息政策见附件说明。"},
            ),
            (
                Action.CLOSE,
                "enterprise",
                _at(date(2026, 10, 14), 9),
                {"score": 5, "note": "节后第一天就受理了，很及时。"},
            ),
        ],
    )
    # Across National Day 2026 and never answered: overdue and escalated.
    make(
        Category.HR_TALENT,
        pick(),
        _at(date(2026, 9, 29), 11),
        [
            (Action.ACCEPT, "unit", _at(date(2026, 10, 9), 10), {}),
            (Action.START, "unit", _at(date(2026, 10, 9), 11), {}),
        ],
    )
    # Across Spring Festival 2026 (adjusted Saturdays 14 and 28 February).
    make(
        Category.IP,
        pick(),
        _at(date(2026, 2, 13), 10),
        [
            (Action.ACCEPT, "unit", _at(date(2026, 2, 14), 9), {}),
            (
                Action.ANSWER,
                "unit",
                _at(date(2026, 2, 27), 16),
                {"note": "已安排快速预审，请按清单补充材料。"},
            ),
            (Action.CLOSE, "enterprise", _at(date(2026, 3, 2), 10), {"score": 4, "note": ""}),
        ],
    )

    # Recent history relative to today: closed ones with ratings, some late.
    for i, category in enumerate(
        [
            Category.FINANCE,
            Category.REGISTRATION_TAX,
            Category.POLICY,
            Category.HR_TALENT,
            Category.IP,
            Category.SPACE,
            Category.LAW,
            Category.REGISTRATION_TAX,
        ]
    ):
        start = wd(i + 1)
        answer_after = ctx.rng.choice([2, 3, 4, 7])
        make(
            category,
            pick(),
            _at(start, 9 + i % 6),
            [
                (Action.ACCEPT, "unit", _at(add_working_days(start, ctx.rng.choice([0, 1])), 17), {}),
                (Action.START, "unit", _at(add_working_days(start, 1), 18), {}),
                (
                    Action.ANSWER,
                    "unit",
                    _at(add_working_days(start, answer_after), 16),
                    {"note": "已办理，详见答复。"},
                ),
                (
                    Action.CLOSE,
                    "enterprise",
                    _at(add_working_days(start, answer_after + 1), 10),
                    {
                        "score": ctx.rng.choice([3, 4, 4, 5, 5]),
                        "note": ctx.rng.choice(["", "答复清楚", "希望更快一些"]),
                    },
                ),
            ],
            topic=i,
        )

    now = ctx.now
    # Open requests in every status, with green / yellow / red deadlines.
    make(Category.FINANCE, showcase, now - timedelta(hours=2), [], topic=1)  # submitted, green
    make(Category.POLICY, pick(), now - timedelta(days=10), [])  # submitted, long overdue → escalated
    make(
        Category.REGISTRATION_TAX,
        pick(),
        now - timedelta(days=3),
        [(Action.ACCEPT, "unit", now - timedelta(days=2, hours=20), {})],
    )  # accepted
    make(
        Category.IP,
        pick(),
        now - timedelta(days=4),
        [
            (Action.ACCEPT, "unit", now - timedelta(days=4) + timedelta(hours=3), {}),
            (Action.START, "unit", now - timedelta(days=3), {}),
        ],
        topic=1,
    )  # in progress
    make(
        Category.FINANCE,
        pick(),
        now - timedelta(days=20),
        [
            (Action.ACCEPT, "unit", now - timedelta(days=19), {}),
            (Action.START, "unit", now - timedelta(days=18), {}),
        ],
    )  # in progress, overdue
    make(
        Category.SPACE,
        showcase,
        now - timedelta(days=5),
        [
            (Action.ACCEPT, "unit", now - timedelta(days=5) + timedelta(hours=4), {}),
            (
                Action.ANSWER,
                "unit",
                now - timedelta(days=1),
                {"note": "已推荐武夷新象限两处可租实验室，请联系看房。"},
            ),
        ],
    )  # answered
    make(
        Category.HR_TALENT,
        pick(),
        now - timedelta(days=6),
        [
            (
                Action.RETURN,
                "unit",
                now - timedelta(days=6) + timedelta(hours=5),
                {"note": "属于市级人才政策，请专班协调。"},
            )
        ],
        topic=1,
    )  # returned
    make(
        Category.OTHER,
        pick(),
        now - timedelta(days=9),
        [
            (Action.ACCEPT, "lead", now - timedelta(days=9) + timedelta(hours=2), {}),
            (Action.ANSWER, "lead", now - timedelta(days=6), {"note": "已协调街道增设临时停车位。"}),
            (Action.REOPEN, "enterprise", now - timedelta(days=2), {"note": "临时停车位仍然不够。"}),
        ],
    )  # reopened
    make(
        Category.LAW,
        pick(),
        now - timedelta(days=8),
        [
            (
                Action.RETURN,
                "unit",
                now - timedelta(days=8) + timedelta(hours=3),
                {"note": "建议由区市场监管局牵头"},
            ),
            (Action.REROUTE, "lead", now - timedelta(days=7), {"unit_slug": "changning-samr"}),
            (Action.ACCEPT, "unit", now - timedelta(days=7) + timedelta(hours=2), {}),
            (Action.ANSWER, "unit", now - timedelta(days=4), {"note": "已安排法律服务机构审查合同。"}),
            (Action.CLOSE, "enterprise", now - timedelta(days=3), {"score": 4, "note": "满意"}),
        ],
    )  # re-routed, closed
    # Yellow: find a moment in the past from which today is past 80% of the working time.
    yellow_submit = _yellow_start(now, 1)
    if yellow_submit:
        make(Category.POLICY, showcase, yellow_submit, [])
    yellow_accept = _yellow_start(now, 5)
    if yellow_accept:
        make(
            Category.FINANCE,
            pick(),
            yellow_accept - timedelta(hours=2),
            [
                (Action.ACCEPT, "unit", yellow_accept, {}),
                (Action.START, "unit", yellow_accept + timedelta(hours=1), {}),
            ],
        )
    for _ in range(max(0, ctx.scale - 1) * 10):
        category = ctx.rng.choice(Category.values)
        make(category, pick(), now - timedelta(days=ctx.rng.randint(1, 30), hours=ctx.rng.randint(0, 8)), [])

    escalations = requests_escalate_overdue(now=now)
    ctx.count("requests.EnterpriseRequest", created)
    ctx.count("requests.Escalation", len(escalations))
