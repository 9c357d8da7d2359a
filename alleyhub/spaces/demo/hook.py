"""The spaces' part of the demo district: the seed's real buildings and urban-renewal sites
(`data/real_spaces.py`), then generated buildings and the space units spread over all of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from alleyhub.core.bulk import BulkRow
from alleyhub.core.demo_context import DemoContext
from alleyhub.core.models import ListingStatus
from alleyhub.directory.demo import names
from alleyhub.directory.demo.attachments import demo_attach
from alleyhub.directory.demo.data.names import STREETS, SUBDISTRICTS

from ..models import Building, RenewalSite, SpaceUnit
from .data.real_spaces import REAL_BUILDINGS, RENEWAL_SITES
from .data.units import AREA_RANGE, FACILITIES, KIND_FACILITIES, KIND_NAMES, PARK_WORDS, RENT_RANGE

BUILDINGS = 8  # generated per unit of --scale, besides the four real buildings
SPACES = 60

# (id, operator id, kinds of unit it has, Chinese name) of each building, real ones first.
BuildingInfo = tuple[int, int | None, tuple[str, ...], str]


def load(ctx: DemoContext) -> None:
    with ctx.phase("spaces"):
        building_ids = _real(ctx)
        _generated(ctx, building_ids)
        _attachments(ctx)


def _attachments(ctx: DemoContext) -> None:
    """A floor plan of the maker hall's first published unit (demo-space administers its operator)."""
    unit = (
        SpaceUnit.objects.filter(owner=ctx.orgs["maker-hall-ops"], status=ListingStatus.PUBLISHED)
        .order_by("pk")
        .first()
    )
    if unit is None:
        return
    demo_attach(
        ctx,
        unit,
        name=f"{unit.title_zh}平面图.pdf",
        title="平面图与设施说明",
        lines=[
            "Shanghai Silicon Alley Maker Hall",
            f"Floor {unit.floor}: {unit.area_sqm} m2",
            "Floor plan and facilities (demo document).",
        ],
        uploaded_by=ctx.users.get("space"),
    )


def _real(ctx: DemoContext) -> list[BuildingInfo]:
    buildings = [
        Building(
            slug=b.slug,
            language="zh",
            name_zh=b.name_zh,
            name_en=b.name_en,
            operator=ctx.orgs[b.operator],
            address=b.address,
            subdistrict=b.subdistrict,
            description_zh=b.description_zh,
            description_en=b.description_en,
            facilities=list(b.facilities),
        )
        for b in REAL_BUILDINGS
    ]
    Building.objects.bulk_create(buildings)
    building_ids = [
        (b.pk, b.operator_id, spec.kinds, b.name_zh)
        for b, spec in zip(buildings, REAL_BUILDINGS, strict=True)
    ]
    ctx.count("spaces.Building", len(buildings))

    sites = [
        RenewalSite(
            slug=s.slug,
            language="zh",
            name_zh=s.name_zh,
            name_en=s.name_en,
            address=s.address,
            stage=s.stage,
            planned_use_zh=s.planned_use_zh,
            planned_use_en=s.planned_use_en,
            lead_unit=ctx.orgs["changning-jgw"],
            start_year=2025,
            target_year=2027,
        )
        for s in RENEWAL_SITES
    ]
    RenewalSite.objects.bulk_create(sites)
    ctx.count("spaces.RenewalSite", len(sites))
    return building_ids


def _generated(ctx: DemoContext, building_ids: list[BuildingInfo]) -> None:
    rng = ctx.rng_for("spaces")
    incubators = ctx.org_ids_by_kind["incubator"]

    def buildings() -> Iterator[BulkRow[Building]]:
        for i in range(BUILDINGS * ctx.scale):
            street = rng.choices(STREETS[:3], weights=[2, 2, 2])[0]
            number = rng.randint(10, 1400)
            word = rng.choice(PARK_WORDS)
            kinds = tuple(
                rng.sample(["office", "office", "lab", "maker_space", "event_venue"], k=rng.randint(1, 3))
            )
            b = Building(
                slug=f"building-{i + 1}",
                language="zh",
                name_zh=f"{street[0]}{number}号{word[0]}",
                name_en=f"No. {number} {street[1]} {word[1]}",
                operator_id=rng.choice(incubators),
                address=f"上海市长宁区{street[0]}{number}号",
                subdistrict=rng.choice(SUBDISTRICTS),
                description_zh=f"位于{street[0]}的{word[0]}，步行可达地铁站，周边有院所和高校。",
                description_en=f"{word[1]} on {street[1]}, a short walk from the metro, near institutes and "
                "universities.",
                facilities=rng.sample(FACILITIES, k=4),
                latitude=Decimal(names.coordinates(rng)[0]),
                longitude=Decimal(names.coordinates(rng)[1]),
            )
            yield BulkRow(b, extra=tuple(dict.fromkeys(kinds)))

    def after_buildings(batch: list[BulkRow[Building]]) -> None:
        building_ids.extend((row.obj.pk, row.obj.operator_id, row.extra, row.obj.name_zh) for row in batch)

    ctx.bulk_create(Building, buildings(), after_batch=after_buildings)

    def units() -> Iterator[SpaceUnit]:
        for i in range(SPACES * ctx.scale):
            # The real buildings come first; spread the units over all buildings in turn.
            building_id, operator_id, kinds, bname = building_ids[i % len(building_ids)]
            kind = rng.choice(kinds)
            floor = rng.choice(
                ["1F", "2F", "3F", "4F", "5F", "6F", "8F", "B1"] if kind != "event_venue" else ["1F", "2F"]
            )
            room = (
                f"{floor.rstrip('F')}{rng.randint(1, 20):02d}" if floor != "B1" else f"B1-{rng.randint(1, 9)}"
            )
            area = Decimal(rng.randint(*AREA_RANGE[kind]))
            rent = Decimal(f"{rng.uniform(*RENT_RANGE[kind]):.1f}")
            lang = "en" if rng.random() < 0.15 else "zh"
            available_from = ctx.today + timedelta(days=rng.randint(-60, 180))
            until = (
                available_from + timedelta(days=rng.choice([365, 730, 1095])) if rng.random() < 0.4 else None
            )
            monthly = int(area * rent * 365 / 12)
            desc = (
                f"{bname} {floor}，{KIND_NAMES[kind][0]}约{area}㎡，租金{rent}元/㎡/天（约{monthly}元/月），"
                f"{rng.choice(['南向采光好', '临街独立出入口', '层高4.5米', '可分割出租', '拎包入住'])}。",
                f"{KIND_NAMES[kind][1].capitalize()} of about {area} m² on {floor}, {rent} yuan/m²/day "
                f"(about {monthly} yuan a month).",
            )
            state = ctx.listing_state(rng)
            yield SpaceUnit(
                owner_id=operator_id or rng.choice(incubators),
                building_id=building_id,
                kind=kind,
                language=lang,
                title_zh=f"{bname} {room} {KIND_NAMES[kind][0]}",
                title_en=f"{KIND_NAMES[kind][1].capitalize()} {room}"
                if lang == "en" or rng.random() < 0.3
                else "",
                description_zh=desc[0],
                description_en=desc[1] if lang == "en" or rng.random() < 0.3 else "",
                floor=floor,
                area_sqm=area,
                rent_per_sqm_day=rent,
                available_from=available_from,
                available_until=until,
                facilities=rng.sample(KIND_FACILITIES[kind], k=min(3, len(KIND_FACILITIES[kind]))),
                capacity=int(area / (2 if kind == "event_venue" else 8)) or 1,
                **state,
            )

    ctx.bulk_create(SpaceUnit, units())
