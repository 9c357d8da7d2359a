"""The events' part of the demo district (the seed names them: 上海硅巷早餐会, 创投沙龙, 创投下午茶,
创新说, the 科字号 associations' gatherings, the district 科技节): the monthly breakfast series with
past and upcoming editions, a VC salon, a VC afternoon tea, a talk, an association gathering and
this year's tech festival, at the demo district's event venues, with registrations — past events
with check-ins, an upcoming breakfast that is full with a waiting list, the demo enterprise's
ticket. Rows are written directly (the services stamp "now"); dates are relative to ctx.now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from alleyhub.accounts.models import User
from alleyhub.core.demo_context import DemoContext
from alleyhub.directory.demo import names
from alleyhub.directory.models import Industry, Organization, Person
from alleyhub.spaces.models import SpaceKind, SpaceUnit

from .models import (
    ApprovalMode,
    Event,
    EventFeedback,
    EventKind,
    EventSeries,
    EventStatus,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    Session,
)


@dataclass(frozen=True)
class Spec:
    key: str
    kind: str
    title_zh: str
    title_en: str
    days: int  # from today; negative: past
    start: time
    hours: float
    organizers: tuple[str, ...]
    building: str
    capacity: int
    industries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: str = EventStatus.PUBLISHED
    series: bool = False
    approval: str = ApprovalMode.AUTO
    registrations: int = 0  # how many to generate
    description: str = ""
    agenda: tuple[tuple[str, str], ...] = ()


FEEDBACK = (
    "",
    "",
    "交流很充分，希望多一些投资人参加。",
    "议程紧凑，收获很多。",
    "场地略小，建议换大一些的厅。",
)

BREAKFAST_AGENDA = (
    ("08:00", "签到与早餐"),
    ("08:30", "主题分享"),
    ("09:00", "企业需求发布"),
    ("09:30", "自由交流"),
)

SPECS = [
    *[
        Spec(
            f"breakfast{n}",
            EventKind.BREAKFAST,
            f"上海硅巷早餐会 · 第 {n} 期",
            f"Silicon Alley Breakfast No. {n}",
            days,
            time(8, 0),
            2,
            ("co-innovation-platform",),
            "silicon-alley-no1",
            40,
            industries,
            ("早餐会",),
            status=status,
            series=True,
            registrations=regs,
            description="每月一期，街区企业、院所、投资人和服务机构在早餐时间面对面交流，发布需求、对接资源。",
            agenda=BREAKFAST_AGENDA,
        )
        for n, days, industries, regs, status in (
            (21, -84, ("ic-design",), 36, EventStatus.FINISHED),
            (22, -56, ("new-materials-ceramics",), 38, EventStatus.FINISHED),
            (23, -28, ("ai-vision",), 40, EventStatus.FINISHED),
            (24, 6, ("ic-mems",), 46, EventStatus.PUBLISHED),  # full: 40 seats, 6 waiting
            (25, 34, ("digital-health",), 12, EventStatus.PUBLISHED),
            (26, 62, (), 0, EventStatus.DRAFT),
        )
    ],
    Spec(
        "vc-salon",
        EventKind.VC_SALON,
        "创投沙龙 · 集成电路与新材料专场",
        "VC Salon: IC and New Materials",
        13,
        time(14, 0),
        3,
        ("huatai-innovation", "co-innovation-platform"),
        "maker-hall",
        60,
        ("ic-power", "new-materials-crystals"),
        ("投融资", "路演"),
        approval=ApprovalMode.MANUAL,
        registrations=24,
        description="六个硬科技项目路演，投资机构点评，会后一对一交流。报名需主办方审核。",
        agenda=(("14:00", "签到"), ("14:30", "项目路演"), ("16:00", "投资人点评"), ("16:40", "一对一交流")),
    ),
    Spec(
        "vc-tea",
        EventKind.VC_TEA,
        "创投下午茶 · 金融科技",
        "VC Afternoon Tea: Fintech",
        -12,
        time(15, 0),
        2,
        ("xinwei-group",),
        "feiyueli",
        30,
        ("fintech", "blockchain"),
        ("投融资",),
        status=EventStatus.FINISHED,
        registrations=26,
        description="小范围的下午茶交流：创业团队与投资人围桌而谈。",
    ),
    Spec(
        "talk",
        EventKind.TALK,
        "创新说 · 从实验室到产线：中试的那些事",
        "Innovation Talks: From Lab to Production Line",
        20,
        time(19, 0),
        1.5,
        ("changning-stc",),
        "maker-hall",
        100,
        ("ic-packaging",),
        ("中试", "成果转化"),
        registrations=18,
        description="院所与企业的讲者分享中试平台的经验与教训。",
    ),
    Spec(
        "association",
        EventKind.ASSOCIATION,
        "科字号社团 · 区块链技术协会季度交流会",
        "Blockchain Association Quarterly Gathering",
        27,
        time(18, 30),
        2,
        ("sh-blockchain-assoc",),
        "feiyueli",
        50,
        ("blockchain",),
        ("科字号",),
        registrations=9,
    ),
    Spec(
        "festival",
        EventKind.TECH_FESTIVAL,
        "上海硅巷科技节",
        "Shanghai Silicon Alley Tech Festival",
        45,
        time(9, 0),
        8,
        ("changning-stc", "co-innovation-platform"),
        "silicon-alley-no1",
        300,
        ("ic-design", "ai-language", "new-materials-fibers"),
        ("科技节", "成果展示", "对接会"),
        registrations=60,
        description="街区年度科技节：成果展、院地合作签约、创投对接与一对一对接会。",
        agenda=(
            ("09:00", "开幕式"),
            ("10:00", "成果展与概念验证中心开放日"),
            ("13:30", "一对一对接会"),
            ("16:00", "闭幕与签约"),
        ),
    ),
]


def load(ctx: DemoContext) -> None:
    with ctx.phase("events"):
        rng = ctx.rng_for("events")
        orgs = {
            o.slug: o
            for o in Organization.objects.filter(slug__in={s for spec in SPECS for s in spec.organizers})
        }
        venues = _venues()
        industries = {
            i.code: i for i in Industry.objects.filter(code__in={c for s in SPECS for c in s.industries})
        }
        speakers = list(Person.objects.filter(pk__in=ctx.expert_ids[:40]))
        operator = User.objects.filter(username="demo-operator").first()
        series = EventSeries.objects.create(
            slug="silicon-alley-breakfast",
            kind=EventKind.BREAKFAST,
            name_zh="上海硅巷早餐会",
            name_en="Shanghai Silicon Alley Breakfast",
            description_zh="街区每月一期的早餐交流会。",
            description_en="The district's monthly breakfast meeting.",
        )
        series.organizers.set([orgs["co-innovation-platform"]])
        events = []
        for spec in SPECS:
            event = _event(ctx, spec, series if spec.series else None, venues)
            event.organizers.set([orgs[s] for s in spec.organizers if s in orgs])
            event.industries.set([industries[c] for c in spec.industries if c in industries])
            if speakers:
                event.speakers.set(rng.sample(speakers, k=min(2, len(speakers))))
            events.append((spec, event))
        ctx.count("events.Event", len(events))
        total = 0
        for spec, event in events:
            total += _registrations(ctx, rng, spec, event, operator)
        ctx.count("events.Registration", total)


def _venues() -> dict[str, SpaceUnit]:
    found: dict[str, SpaceUnit] = {}
    for unit in (
        SpaceUnit.objects.filter(kind=SpaceKind.EVENT_VENUE).select_related("building").order_by("-capacity")
    ):
        found.setdefault(unit.building.slug, unit)
    return found


def _at(ctx: DemoContext, days: int, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(ctx.today + timedelta(days=days), clock))


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _event(ctx: DemoContext, spec: Spec, series: EventSeries | None, venues: dict[str, SpaceUnit]) -> Event:
    starts = _at(ctx, spec.days, spec.start)
    venue = venues.get(spec.building)
    event = Event.objects.create(
        series=series,
        kind=spec.kind,
        language="zh",
        title_zh=spec.title_zh,
        title_en=spec.title_en,
        description_zh=spec.description,
        venue=venue,
        address="" if venue else "上海市长宁区愚园路",
        starts_at=starts,
        ends_at=starts + timedelta(hours=spec.hours),
        capacity=spec.capacity,
        approval_mode=spec.approval,
        registration_deadline=starts - timedelta(hours=12),
        status=spec.status,
        published_at=None if spec.status == EventStatus.DRAFT else starts - timedelta(days=21),
        tags=list(spec.tags),
    )
    Session.objects.bulk_create(
        Session(event=event, starts_at=_at(ctx, spec.days, _clock(at)), title=title)
        for at, title in spec.agenda
    )
    if spec.kind == EventKind.VC_SALON:
        RegistrationQuestion.objects.create(
            event=event, label="您的身份", choices=["创业团队", "投资机构", "院所", "其他"], required=True
        )
    return event


def _registrations(ctx: DemoContext, rng, spec: Spec, event: Event, operator) -> int:
    past = spec.days < 0
    rows = []
    taken = 0
    for n in range(spec.registrations):
        zh, _en = names.chinese_person(rng)
        if not past and n % 11 == 10:
            status = RegistrationStatus.CANCELLED
        elif spec.approval == ApprovalMode.MANUAL and n >= spec.registrations // 2:
            status = RegistrationStatus.PENDING
        elif taken < spec.capacity:
            status = RegistrationStatus.CONFIRMED
            taken += 1
        else:
            status = RegistrationStatus.WAITLISTED
        checked_in = past and status == RegistrationStatus.CONFIRMED and rng.random() < 0.8
        created = event.starts_at - timedelta(days=20, minutes=-n * 37)
        rows.append(
            Registration(
                event=event,
                name=zh,
                email=f"event{event.pk}-{n}@example.org",
                phone=f"139{rng.randint(10_000_000, 99_999_999)}",
                organization_name=names.brand(rng)[0],
                answers={"您的身份": rng.choice(["创业团队", "投资机构", "院所"])}
                if spec.kind == EventKind.VC_SALON
                else {},
                status=status,
                consent_at=created,
                consent_version="2026-12",
                checked_in_at=event.starts_at + timedelta(minutes=rng.randint(-20, 40))
                if checked_in
                else None,
                checked_in_by=operator if checked_in else None,
                confirmation_sent_at=created if status == RegistrationStatus.CONFIRMED else None,
            )
        )
    Registration.objects.bulk_create(rows)
    Registration.objects.filter(event=event).update(created_at=event.starts_at - timedelta(days=20))
    if past:
        # About half of those who came answered the short survey.
        EventFeedback.objects.bulk_create(
            EventFeedback(registration=r, rating=rng.choice((3, 4, 4, 5, 5)), comment=rng.choice(FEEDBACK))
            for r in Registration.objects.filter(event=event, checked_in_at__isnull=False).order_by("pk")
            if rng.random() < 0.5
        )
    # The demo enterprise has a ticket for the next breakfast and the festival.
    user = ctx.users.get("enterprise") or User.objects.filter(username="demo-enterprise").first()
    if user and spec.key in ("breakfast25", "festival"):
        Registration.objects.create(
            event=event,
            user=user,
            name=str(user),
            email=user.email,
            organization_name="",
            status=RegistrationStatus.CONFIRMED,
        )
        return len(rows) + 1
    return len(rows)
