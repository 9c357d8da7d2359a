"""The listings' part of the demo district: the showcase listings, then generated outcomes,
demands and investor profiles (each phase printed with its time, drawing from its own
`ctx.rng_for(phase)`). The first generated outcomes and demands are the hand-written anchors
(`data/anchors.py`); titles never repeat within a kind (`TitleRegistry`)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from functools import partial

from alleyhub.core.bulk import BulkRow, m2m_insert
from alleyhub.core.demo_context import (
    DemoContext,
    TitleRegistry,
    bilingual,
    existing_titles,
    language,
    money,
)
from alleyhub.core.models import ListingStatus
from alleyhub.directory.demo import names
from alleyhub.directory.demo.attachments import demo_attach
from alleyhub.directory.demo.data.sectors import SECTORS, Sector
from alleyhub.directory.demo.sectors import pick_sector
from alleyhub.directory.models import Organization, Person

from ..models import InvestorProfile, IPStatus, TechDemand, TechOutcome
from . import texts
from .data import anchors

# Generated rows per unit of --scale (the anchors and showcase listings included).
OUTCOMES = 500
DEMANDS = 200
MODES = ["transfer", "licence", "joint_development", "equity"]
DEMAND_NOTES = [  # confidential notes of generated demands
    "内部项目编号 {n}；现有供应商报价偏高，希望降本{p}%。",
    "可提供样机图纸与测试数据（需签保密协议）。",
    "项目已纳入公司年度预算，决策人为CTO。",
    "当前方案由海外供应商提供，存在断供风险。",
]
FUNDS = [
    ("早期科技基金", "Early Tech Fund"),
    ("硬科技成长基金", "Deep-Tech Growth Fund"),
    ("天使基金", "Angel Fund"),
    ("产业投资基金", "Industry Fund"),
]
FUND_FOCUS = [
    ("看重核心技术壁垒与首批客户验证", "we look for defensible technology and first customers"),
    ("偏好院所成果转化项目", "we like institute spin-outs"),
    ("可提供产业资源与下一轮融资支持", "we bring industry partners and follow-on rounds"),
]
STAGES = ["seed", "startup", "growth", "mature"]


def load(ctx: DemoContext) -> None:
    with ctx.phase("outcomes"):
        _showcase_listings(ctx)
        _outcomes(ctx)
        _attachments(ctx)
    with ctx.phase("demands"):
        _demands(ctx)
    with ctx.phase("investors"):
        _investors(ctx)


def _attachments(ctx: DemoContext) -> None:
    """The researcher's MEMS microphone: a public datasheet, and the sample test report its
    confidential part promises (only for SIMIT's members, operators and those granted access)."""
    outcome = TechOutcome.objects.get(owner=ctx.orgs["simit"], title_zh="面向TWS耳机的低噪声MEMS麦克风")
    researcher = ctx.users.get("researcher")
    demo_attach(
        ctx,
        outcome,
        name="MEMS麦克风产品规格书.pdf",
        title="主要参数与封装尺寸",
        lines=[
            "Low-noise MEMS microphone for TWS earbuds",
            "SNR 70 dB, package 2.75 x 1.85 x 0.9 mm, pilot-run proven.",
        ],
        uploaded_by=researcher,
    )
    demo_attach(
        ctx,
        outcome,
        name="样品测试报告.pdf",
        title="样品测试报告（签署保密协议后提供）",
        lines=["CONFIDENTIAL - sample test report", "Shared after a non-disclosure agreement is signed."],
        uploaded_by=researcher,
        confidential=True,
    )


def _showcase_listings(ctx: DemoContext) -> None:
    """The listings the demo accounts own: SIMIT's MEMS microphone (the researcher is its inventor),
    the showcase enterprise's demands (one a draft) and the showcase investor's fund."""
    researcher = Person.objects.get(user=ctx.users["researcher"])
    simit, enterprise, investor = (
        ctx.orgs["simit"],
        ctx.orgs["showcase-enterprise"],
        ctx.orgs["showcase-investor"],
    )
    published = {
        "status": ListingStatus.PUBLISHED,
        "published_at": ctx.now - timedelta(days=20),
        "last_confirmed_at": ctx.now - timedelta(days=3),
        "expires_on": ctx.today + timedelta(days=300),
    }
    outcomes = [
        TechOutcome(
            owner=simit,
            language="zh",
            title_zh="面向TWS耳机的低噪声MEMS麦克风",
            title_en="Low-noise MEMS microphone for TWS earbuds",
            summary_zh="本成果采用双背板差分结构抑制振膜噪声，信噪比达到70dB，封装尺寸2.75×1.85×0.9mm。已完成中试，可用于TWS耳机、智能音箱和助听器。",
            summary_en="A dual-backplate differential MEMS microphone: 70 dB SNR in a 2.75×1.85×0.9 mm "
            "package, proven in a pilot run; for TWS earbuds, smart speakers and hearing aids.",
            applications_zh="TWS耳机通话降噪；智能音箱远场拾音；助听器",
            applications_en="TWS call noise reduction; far-field pickup in smart speakers; hearing aids",
            confidential_details="振膜应力控制的LPCVD工艺参数；ASIC前置放大器版图。样品测试报告（36页）在签署保密协议后提供。",
            trl=6,
            ip_status=IPStatus.PATENT_GRANTED,
            patent_numbers="ZL202110456789.3; ZL202220987654.1",
            cooperation_modes=["licence", "joint_development"],
            price_min=800_000,
            price_max=2_000_000,
            keywords="MEMS 麦克风 低噪声 TWS 微机电",
            created_by=ctx.users["researcher"],
            **published,
        ),
        TechOutcome(
            owner=simit,
            language="zh",
            title_zh="MEMS 压力传感器芯片及晶圆级封装",
            title_en="MEMS pressure sensor chip with wafer-level packaging",
            summary_zh="以深反应离子刻蚀在SOI片上形成悬空结构，采用晶圆级键合实现气密封装，满足AEC-Q100车规要求。",
            summary_en="Suspended SOI structures by deep reactive-ion etching, hermetically sealed by "
            "wafer-level bonding; meets AEC-Q100.",
            confidential_details="释放刻蚀时间窗口与防粘连处理；晶圆键合温度曲线。",
            trl=5,
            ip_status=IPStatus.PATENT_PENDING,
            patent_numbers="202410234567.8",
            cooperation_modes=["licence", "equity"],
            price_min=500_000,
            price_max=1_500_000,
            keywords="MEMS 压力传感器 SOI 车规 胎压",
            created_by=ctx.users["researcher"],
            **published,
        ),
    ]
    TechOutcome.objects.bulk_create(outcomes)
    m2m_insert(
        TechOutcome,
        "inventors",
        [(o.pk, researcher.pk) for o in outcomes],
        batch_size=ctx.batch_size,
    )
    m2m_insert(
        TechOutcome,
        "industries",
        [(o.pk, i) for o in outcomes for i in ctx.industry_ids(["ic-mems", "sensors"])],
        batch_size=ctx.batch_size,
    )
    demands = [
        TechDemand(
            owner=enterprise,
            language="zh",
            title_zh="寻找体积小、底噪低的TWS耳机拾音元件",
            title_en="Seeking a tiny, low-noise pickup element for TWS earbuds",
            description_zh="我们做无线耳机，想找体积小、底噪低的拾音元件。现在用的麦克风信噪比只有60dB，通话降噪效果不理想，希望尺寸不超过3.5×2.65mm，年用量约200万颗。",
            description_en="We build wireless earbuds and need a smaller, quieter pickup element: our "
            "microphones reach only 60 dB SNR. Max 3.5×2.65 mm, about 2 million units a year.",
            confidential_details="目标客户为欧洲运动耳机品牌，现供应商报价每颗0.9元。",
            budget_min=300_000,
            budget_max=1_000_000,
            deadline=ctx.today + timedelta(days=120),
            wanted_modes=["licence", "joint_development"],
            min_trl=5,
            keywords="MEMS 麦克风 拾音 降噪 TWS",
            created_by=ctx.users["enterprise"],
            **published,
        ),
        TechDemand(
            owner=enterprise,
            language="en",
            title_en="GaN fast charger for our earbud charging case",
            description_en="Our charging case ships with a 20 W adapter that runs hot. We want a GaN design "
            "under 30 cm³ with a temperature rise below 40 °C, ready for CE and CCC.",
            budget_min=150_000,
            budget_max=400_000,
            deadline=ctx.today + timedelta(days=90),
            wanted_modes=["transfer", "joint_development"],
            min_trl=6,
            keywords="GaN 氮化镓 快充",
            created_by=ctx.users["enterprise"],
            **published,
        ),
        TechDemand(
            owner=enterprise,
            language="zh",
            title_zh="耳机佩戴检测用低功耗接近传感方案",
            description_zh="想用更省电的方式检测耳机是否入耳，目前红外方案功耗偏高。（草稿，待补充指标）",
            budget_min=100_000,
            budget_max=300_000,
            deadline=ctx.today + timedelta(days=200),
            wanted_modes=["joint_development"],
            status=ListingStatus.DRAFT,
            expires_on=ctx.today + timedelta(days=365),
            created_by=ctx.users["enterprise"],
        ),
    ]
    TechDemand.objects.bulk_create(demands)
    m2m_insert(
        TechDemand,
        "industries",
        [
            (d.pk, i)
            for d, codes in zip(demands, (["ic-mems"], ["ic-power"], ["sensors"]), strict=True)
            for i in ctx.industry_ids(codes)
        ],
        batch_size=ctx.batch_size,
    )
    profile = InvestorProfile(
        owner=investor,
        language="zh",
        title_zh="启衡硬科技早期基金",
        title_en="Qiheng Deep-Tech Early Fund",
        thesis_zh="投资院所成果转化的早期硬科技项目：MEMS与传感、功率半导体、先进陶瓷。看重团队的工程化能力和首个客户。",
        thesis_en="Early deep-tech spin-outs: MEMS and sensing, power semiconductors, advanced "
        "ceramics. We look for engineering depth and a first customer.",
        stages=["seed", "startup"],
        ticket_min=3_000_000,
        ticket_max=20_000_000,
        portfolio="巷声智能（天使轮）；澜芯传感（Pre-A）",
        created_by=ctx.users["investor"],
        **published,
    )
    InvestorProfile.objects.bulk_create([profile])
    m2m_insert(
        InvestorProfile,
        "sectors",
        [
            (profile.pk, i)
            for i in ctx.industry_ids(["ic-mems", "ic-power", "sensors", "new-materials-ceramics"])
        ],
        batch_size=ctx.batch_size,
    )
    ctx.count("listings.TechOutcome", len(outcomes))
    ctx.count("listings.TechDemand", len(demands))
    ctx.count("listings.InvestorProfile", 1)


def _patent_number(rng: random.Random, kind: str = "1") -> str:
    """A Chinese patent application number (12 digits + check digit), e.g. 202310123456.7."""
    digits = f"{rng.randint(2016, 2025)}{kind}{rng.randint(0, 9_999_999):07d}"
    total = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), strict=True)) % 11
    return f"{digits}.{'X' if total == 10 else total}"


def _outcomes(ctx: DemoContext) -> None:
    rng = ctx.rng_for("outcomes")
    enterprises = ctx.org_ids_by_kind["enterprise"]

    titles = TitleRegistry(existing_titles(TechOutcome))

    def rows() -> Iterator[BulkRow[TechOutcome]]:
        for i in range(OUTCOMES * ctx.scale):
            if i < len(anchors.OUTCOMES):
                outcome = _anchor_outcome(ctx, rng, anchors.OUTCOMES[i])
                titles.claim(outcome.title_zh, outcome.title_en)
                people = ctx.people_by_org.get(outcome.owner_id) or []
                inventors = rng.sample(people, k=min(len(people), 2))
                yield BulkRow(
                    outcome,
                    m2m={
                        "industries": ctx.industry_ids(anchors.OUTCOMES[i].industries),
                        "inventors": inventors,
                    },
                )
                continue
            sector = pick_sector(rng)
            owner_id, academic = _outcome_owner(ctx, rng, sector, enterprises)
            trl = rng.choices(
                range(1, 10),
                weights=[1, 3, 6, 8, 8, 7, 4, 2, 1] if academic else [0, 0, 1, 2, 4, 7, 8, 6, 3],
            )[0]
            ip = rng.choices(
                [
                    IPStatus.PATENT_GRANTED,
                    IPStatus.PATENT_PENDING,
                    IPStatus.SOFTWARE_COPYRIGHT,
                    IPStatus.KNOW_HOW,
                    IPStatus.NONE,
                ],
                weights=[
                    45,
                    25,
                    12 if sector.code in ("ai-vision", "ai-language", "blockchain", "fintech") else 1,
                    10,
                    4,
                ],
            )[0]
            patents = ""
            if ip == IPStatus.PATENT_GRANTED:
                patents = "; ".join(
                    "ZL" + _patent_number(rng, rng.choice("112")) for _ in range(rng.randint(1, 3))
                )
            elif ip == IPStatus.PATENT_PENDING:
                patents = _patent_number(rng, "1")
            text = titles.draw(  # a title nobody has used yet
                partial(texts.outcome_text, rng, sector, trl, ip_status=ip, patents=patents.count("ZL"))
            )
            lang, both = language(rng)
            title = bilingual(lang, both, text.title)
            summary = bilingual(lang, both, text.summary)
            apps_ = bilingual(lang, both, text.applications)
            modes = sorted(
                rng.sample(["transfer", "licence", "joint_development", "equity"], k=rng.randint(1, 3))
            )
            price = (
                money(rng, (5, 10, 20, 30, 50, 80, 100, 200, 300), (1.5, 2, 3, 5))
                if rng.random() < 0.8
                else (None, None)
            )
            inventors = []
            candidates = ctx.people_by_org.get(owner_id)
            if candidates:
                inventors = rng.sample(candidates, k=min(len(candidates), rng.randint(1, 3)))
            elif ctx.expert_ids and rng.random() < 0.3:
                inventors = [rng.choice(ctx.expert_ids)]
            outcome = TechOutcome(
                owner_id=owner_id,
                language=lang,
                title_zh=title[0],
                title_en=title[1],
                summary_zh=summary[0],
                summary_en=summary[1],
                applications_zh=apps_[0],
                applications_en=apps_[1],
                confidential_details=text.confidential,
                trl=trl,
                ip_status=ip,
                patent_numbers=patents,
                cooperation_modes=modes,
                price_min=price[0],
                price_max=price[1],
                keywords=text.keywords,
                **ctx.listing_state(rng),
            )
            yield BulkRow(
                outcome,
                m2m={
                    "industries": ctx.industry_ids([sector.code, *sector.extra_codes]),
                    "inventors": inventors,
                },
            )

    ctx.bulk_create(TechOutcome, rows(), m2m=["industries", "inventors"])


def _outcome_owner(
    ctx: DemoContext, rng: random.Random, sector: Sector, enterprises: list[int]
) -> tuple[int, bool]:
    r = rng.random()
    if sector.owners and r < 0.6:
        return ctx.orgs[rng.choice(sector.owners)].pk, True
    if r < 0.75 and ctx.institutes_by_sector.get(sector.code):
        return rng.choice(ctx.institutes_by_sector[sector.code]), True
    return rng.choice(ctx.enterprises_by_sector.get(sector.code) or enterprises), False


def _anchor_outcome(ctx: DemoContext, rng: random.Random, spec: anchors.AnchorOutcome) -> TechOutcome:
    published = ctx.now - timedelta(days=rng.randint(15, 90), hours=rng.randint(0, 23))
    return TechOutcome(
        owner_id=ctx.orgs[spec.owner].pk,
        language=spec.language,
        title_zh=spec.title_zh,
        title_en=spec.title_en,
        summary_zh=spec.summary_zh,
        summary_en=spec.summary_en,
        confidential_details="工艺参数、测试原始数据与客户验证报告在签署保密协议后提供。",
        trl=spec.trl,
        ip_status=spec.ip_status,
        patent_numbers=spec.patent_numbers,
        cooperation_modes=sorted(spec.modes),
        price_min=spec.price[0] if spec.price else None,
        price_max=spec.price[1] if spec.price else None,
        keywords=spec.keywords,
        status=ListingStatus.PUBLISHED,
        published_at=published,
        expires_on=ctx.today + timedelta(days=rng.randint(180, 400)),
        last_confirmed_at=min(ctx.now, published + timedelta(days=rng.randint(0, 10))),
    )


def _anchor_demand(
    ctx: DemoContext, rng: random.Random, spec: anchors.AnchorDemand, enterprises: list[int]
) -> TechDemand:
    published = ctx.now - timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 23))
    return TechDemand(
        owner_id=rng.choice(ctx.enterprises_by_sector.get(spec.sector) or enterprises),
        language=spec.language,
        title_zh=spec.title_zh,
        title_en=spec.title_en,
        description_zh=spec.description_zh,
        description_en=spec.description_en,
        confidential_details="现有方案供应商与报价、内部测试数据可在签署保密协议后提供。",
        budget_min=spec.budget[0] if spec.budget else None,
        budget_max=spec.budget[1] if spec.budget else None,
        deadline=ctx.today + timedelta(days=spec.days),
        wanted_modes=sorted(spec.modes),
        min_trl=spec.min_trl,
        keywords=spec.keywords,
        status=ListingStatus.PUBLISHED,
        published_at=published,
        expires_on=ctx.today + timedelta(days=spec.days + 30),
        last_confirmed_at=published,
    )


def _demands(ctx: DemoContext) -> None:
    rng = ctx.rng_for("demands")
    enterprises = ctx.org_ids_by_kind["enterprise"]

    titles = TitleRegistry(existing_titles(TechDemand))

    def rows() -> Iterator[BulkRow[TechDemand]]:
        for i in range(DEMANDS * ctx.scale):
            if i < len(anchors.DEMANDS):
                spec = anchors.DEMANDS[i]
                demand = _anchor_demand(ctx, rng, spec, enterprises)
                titles.claim(demand.title_zh, demand.title_en)
                yield BulkRow(demand, m2m={"industries": ctx.industry_ids(spec.industries)})
                continue
            sector = pick_sector(rng)
            owner_id = rng.choice(ctx.enterprises_by_sector.get(sector.code) or enterprises)
            budget = (
                money(rng, (5, 10, 20, 30, 50, 100, 200), (1.5, 2, 3))
                if rng.random() < 0.85
                else (None, None)
            )
            deadline = ctx.today + timedelta(days=rng.randint(30, 365))
            modes = sorted(
                rng.sample(["transfer", "licence", "joint_development", "equity"], k=rng.randint(1, 2))
            )
            min_trl = rng.choice([None, 4, 5, 6, 6, 7])
            text = titles.draw(  # a title nobody has used yet
                partial(
                    texts.demand_text,
                    rng,
                    sector,
                    year=ctx.today.year,
                    budget=budget,
                    deadline=deadline,
                    modes=modes,
                    min_trl=min_trl,
                )
            )
            lang, both = language(rng)
            title = bilingual(lang, both, text.title)
            desc = bilingual(lang, both, text.description)
            state = ctx.listing_state(rng)
            demand = TechDemand(
                owner_id=owner_id,
                language=lang,
                title_zh=title[0],
                title_en=title[1],
                description_zh=desc[0],
                description_en=desc[1],
                confidential_details=rng.choice(DEMAND_NOTES).format(
                    n=f"RD-{rng.randint(2024, 2026)}-{rng.randint(1, 99):02d}",
                    p=rng.choice([10, 15, 20, 30]),
                ),
                budget_min=budget[0],
                budget_max=budget[1],
                deadline=deadline,
                wanted_modes=modes,
                min_trl=min_trl,
                keywords=text.keywords,
                **state,
            )
            yield BulkRow(demand, m2m={"industries": ctx.industry_ids([sector.code])})

    ctx.bulk_create(TechDemand, rows(), m2m=["industries"])


def _investors(ctx: DemoContext) -> None:
    rng = ctx.rng_for("investors")
    showcase = ctx.orgs["showcase-investor"].pk
    owners = [i for i in ctx.org_ids_by_kind["investor"] if i != showcase]
    brands = {  # the fund carries its manager's name, as funds do: "澜芯早期科技基金"
        pk: (short, name_en.split()[0] if name_en else "")
        for pk, short, name_en in Organization.objects.filter(kind="investor").values_list(
            "pk", "short_name", "name_en"
        )
    }
    titles = TitleRegistry(existing_titles(InvestorProfile))

    def rows() -> Iterator[BulkRow[InvestorProfile]]:
        for owner_id in owners:
            sectors = rng.sample(SECTORS, k=rng.randint(2, 4))
            stages = sorted(
                rng.sample(STAGES, k=rng.randint(1, 2)),
                key=STAGES.index,
            )
            brand_zh, brand_en = brands.get(owner_id, ("", ""))
            for attempt in range(8):
                base = rng.choice(FUNDS)
                series = (
                    ("", "")
                    if attempt < 4
                    else (["二期", "三期", "四期"][attempt % 3], [" II", " III", " IV"][attempt % 3])
                )
                fund = (f"{brand_zh}{base[0]}{series[0]}", f"{brand_en} {base[1]}{series[1]}".strip())
                if titles.claim(*fund):
                    break
            low = {"seed": 50, "startup": 300, "growth": 1000, "mature": 3000}[stages[0]]
            ticket = (low * 10_000, low * 10_000 * rng.choice([4, 6, 10]))
            sector_zh = "、".join(ctx.industries[s.code].name_zh for s in sectors)
            sector_en = ", ".join(texts.lower_first(ctx.industries[s.code].name_en) for s in sectors)
            focus = rng.choice(FUND_FOCUS)
            lang, both = language(rng)
            title = bilingual(lang, both, fund)
            thesis = bilingual(
                lang,
                both,
                (f"重点关注{sector_zh}，{focus[0]}。", f"We invest in {sector_en}; {focus[1]}."),
            )
            portfolio = "；".join(
                f"{names.brand(rng)[0]}{rng.choice(['科技', '智能', '微电子', '材料'])}（"
                f"{rng.choice(['天使轮', 'Pre-A', 'A轮', 'B轮'])}）"
                for _ in range(rng.randint(2, 4))
            )
            profile = InvestorProfile(
                owner_id=owner_id,
                language=lang,
                title_zh=title[0],
                title_en=title[1],
                thesis_zh=thesis[0],
                thesis_en=thesis[1],
                stages=stages,
                ticket_min=ticket[0],
                ticket_max=ticket[1],
                portfolio=portfolio,
                **ctx.listing_state(rng),
            )
            yield BulkRow(profile, m2m={"sectors": ctx.industry_ids(s.code for s in sectors)})

    ctx.bulk_create(InvestorProfile, rows(), m2m=["sectors"])
