"""Loads the demo district: the seed's real entities, generated records and the demo accounts.

`load_district()` runs in phases, each in its own transaction; generated rows are produced lazily
and inserted with `bulk_create` in batches (M2M rows too), so memory stays bounded at any `scale`.
Only ids (not objects) of generated organisations and people are kept, to pick owners and
inventors. Everything generated is drawn from `random.Random` seeded per phase, so one seed gives the
same names, texts and numbers every time; dates are relative to the day of loading.

`bulk_create` does not send `post_save`, so nothing is embedded or indexed during the load; the
matching index is rebuilt once at the end (see `_rebuild_matching_index`).
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from alleyhub.accounts.models import Membership, User
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import Affiliation, Industry, Organization, Person
from alleyhub.listings.models import InvestorProfile, IPStatus, TechDemand, TechOutcome
from alleyhub.spaces.models import Building, RenewalSite, SpaceUnit

from . import anchors, content, names
from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from .codes import credit_code
from .context import DemoContext, chunked
from .real_entities import (
    CITY_SOCIAL_ORG,
    DISTRICT_COMPANY,
    DISTRICT_INSTITUTION,
    REAL_BUILDINGS,
    REAL_ORGS,
    RENEWAL_SITES,
)
from .service_list import CURATED, FOCUS, TEMPLATES, TRACK_RECORD
from .service_list import TITLE_VARIANTS as SERVICE_TITLE_VARIANTS
from .taxonomy import INDUSTRIES

# Generated rows per unit of --scale.
BASE = {
    "enterprise": 200,
    "investor": 38,  # + 华泰创新 + the showcase investor = 40 investor profiles
    "service_provider": 36,
    "incubator": 10,
    "institute": 8,
    "platform": 8,
    "people": 150,
    "outcomes": 500,
    "demands": 200,
    "services": 60,  # + the curated entries of the real units (service_list.CURATED)
    "buildings": 8,  # + the four real buildings
    "spaces": 60,
}
ORG_KINDS_GENERATED = ("enterprise", "investor", "service_provider", "incubator", "institute", "platform")
ENGLISH_SHARE = 0.22  # listings written in English originally
BILINGUAL_SHARE = 0.3  # of the others, also filled in the other language


class DemoDataExists(Exception):
    """The database already has organisations: the demo is never loaded over them."""


@dataclass
class LoadReport:
    counts: dict[str, int]
    seconds: float
    skipped: bool = False
    hook_errors: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# Public entry point


def load_district(
    *,
    seed: int = 2026,
    scale: int = 1,
    batch_size: int = 5000,
    stdout=None,
    run_hooks: bool = True,
    strict_hooks: bool = False,
    hook_apps: set[str] | None = None,
    rebuild_index: bool = True,
    schedule_embedding: bool = True,
) -> LoadReport:
    """Load the demo district into an empty database.

    Raises DemoDataExists when any organisation exists (nothing is changed then). Each phase is
    atomic; if a later phase fails, the earlier ones stay and the error propagates. `hook_apps`
    limits the app hooks to those app labels (None: every app that has one).
    """
    if scale < 1 or batch_size < 1:
        raise ValueError("scale and batch_size must be positive")
    if Organization.objects.exists():
        raise DemoDataExists(Organization.objects.count())
    started = time.monotonic()
    now = timezone.now().replace(microsecond=0)
    ctx = DemoContext(
        seed=seed,
        scale=scale,
        batch_size=batch_size,
        rng=random.Random(seed),
        now=now,
        today=timezone.localdate(now),
        stdout=stdout or sys.stdout,
    )
    loader = _Loader(ctx)
    for phase in (
        loader.taxonomy,
        loader.real_entities,
        loader.organizations,
        loader.people,
        loader.accounts,
        loader.outcomes,
        loader.demands,
        loader.investors,
        loader.services,
        loader.spaces,
    ):
        t0 = time.monotonic()
        with transaction.atomic():
            phase()
        ctx.log(f"  {phase.__name__:<14} {time.monotonic() - t0:6.1f} s")
    errors = run_app_hooks(ctx, strict=strict_hooks, only=hook_apps) if run_hooks else []
    if rebuild_index:
        _rebuild_matching_index(ctx, schedule_embedding=schedule_embedding)
    return LoadReport(dict(ctx.counts), time.monotonic() - started, hook_errors=errors)


def run_app_hooks(ctx: DemoContext, *, strict: bool = False, only: set[str] | None = None) -> list[str]:
    """Call `alleyhub.<app>.demo.load(ctx)` for every installed app that has one (see context.py).
    Returns the errors of the hooks that failed (and were rolled back); with `strict` the first
    failure is raised instead."""
    errors = []
    for config in apps.get_app_configs():
        if not config.name.startswith("alleyhub.") or config.name == "alleyhub.demo":
            continue
        if only is not None and config.label not in only:
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        hook = getattr(module, "load", None)
        if not callable(hook):
            continue
        t0 = time.monotonic()
        try:
            with transaction.atomic():
                hook(replace(ctx, rng=ctx.rng_for(f"hook:{config.label}")))
        except Exception as exc:
            if strict:
                raise
            errors.append(f"{module_name}: {exc!r}")
            ctx.log(f"  ! {module_name}.load failed and was rolled back:\n{traceback.format_exc()}")
            continue
        ctx.log(f"  {config.label + '.demo':<14} {time.monotonic() - t0:6.1f} s")
    return errors


def _rebuild_matching_index(ctx: DemoContext, *, schedule_embedding: bool = True) -> None:
    """bulk_create sent no post_save, so the matching index does not know the demo rows yet:
    re-derive the (lexical) index rows now, and queue the embeddings as background work.

    Relies on `alleyhub.matching.services.index_rebuild()` (no embedding) and the tasks
    `refresh_all_matches` and `embed_documents(doc_ids=None)` (every row that needs a vector); if
    the matching app renames them, this degrades to a message, never to an error.
    """
    try:
        from alleyhub.matching.services import index_rebuild
    except ImportError:
        ctx.log("  matching: alleyhub.matching.services.index_rebuild not available; index not rebuilt")
        return
    t0 = time.monotonic()
    result = index_rebuild()
    ctx.log(
        f"  {'matching index':<14} {time.monotonic() - t0:6.1f} s  ({getattr(result, 'indexed', '?')} documents)"
    )
    if not schedule_embedding:
        return
    try:
        from alleyhub.matching.tasks import embed_documents, refresh_all_matches
    except ImportError:
        ctx.log("  matching: alleyhub.matching.tasks not available; embeddings not queued")
        return
    # Lexical matches first, so "my matches" and the demand pages have something at once; the
    # embedding task recomputes every match with semantics when its last chunk is done.
    refresh_all_matches.enqueue(after_pk=0)
    embed_documents.enqueue(doc_ids=None)
    ctx.log("  matching: matches and embeddings queued as background tasks")


# --------------------------------------------------------------------------------------------------
# Helpers shared by the phases


def _patent_application_number(rng: random.Random, kind: str = "1") -> str:
    """A Chinese patent application number (12 digits + check digit), e.g. 202310123456.7."""
    digits = f"{rng.randint(2016, 2025)}{kind}{rng.randint(0, 9_999_999):07d}"
    total = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), strict=True)) % 11
    return f"{digits}.{'X' if total == 10 else total}"


def _listing_state(rng: random.Random, ctx: DemoContext) -> dict:
    """Status and dates of a listing: most published and fresh, some stale, drafts and archived."""
    now, today = ctx.now, ctx.today
    r = rng.random()
    if r < 0.08:
        return {
            "status": ListingStatus.DRAFT,
            "published_at": None,
            "expires_on": today + timedelta(days=rng.randint(90, 365)),
            "last_confirmed_at": None,
        }
    if r < 0.15:
        published = now - timedelta(days=rng.randint(300, 900), hours=rng.randint(0, 23))
        return {
            "status": ListingStatus.ARCHIVED,
            "published_at": published,
            "expires_on": today - timedelta(days=rng.randint(10, 200)),
            "last_confirmed_at": published + timedelta(days=rng.randint(0, 90)),
        }
    published = now - timedelta(
        days=rng.randint(1, 600), hours=rng.randint(0, 23), minutes=rng.randint(0, 59)
    )
    stale = rng.random()
    if stale < 0.08:  # expired but still published
        expires = today - timedelta(days=rng.randint(1, 120))
        confirmed = published + timedelta(days=rng.randint(0, 30))
    elif stale < 0.16:  # not confirmed for a long time
        expires = today + timedelta(days=rng.randint(30, 365))
        confirmed = now - timedelta(days=rng.randint(200, 500))
    else:
        expires = today + timedelta(days=rng.randint(30, 540))
        confirmed = now - timedelta(days=rng.randint(0, 150), hours=rng.randint(0, 23))
    confirmed = max(confirmed, published)
    return {
        "status": ListingStatus.PUBLISHED,
        "published_at": published,
        "expires_on": expires,
        "last_confirmed_at": min(confirmed, now),
    }


def _language(rng: random.Random) -> tuple[str, bool]:
    """(original language, also filled in the other language?)."""
    if rng.random() < ENGLISH_SHARE:
        return "en", rng.random() < 0.4
    return "zh", rng.random() < BILINGUAL_SHARE


def _bilingual(lang: str, both: bool, pair: tuple[str, str]) -> tuple[str, str]:
    """(zh, en) values of a text field for a record written in `lang`."""
    zh, en = pair
    if lang == "zh":
        return zh, en if both else ""
    return zh if both else "", en


def _money(rng: random.Random, lows: tuple[int, ...], factors: tuple[float, ...]) -> tuple[int, int]:
    low = rng.choice(lows) * 10_000
    return low, int(low * rng.choice(factors))


def _existing_titles(model) -> list[str]:
    """Titles already in the table (the showcase listings), so generated ones differ from them."""
    return [t for pair in model.objects.values_list("title_zh", "title_en")[:10_000] for t in pair if t]


@dataclass(frozen=True)
class _Named:
    """A service's name (zh, en) and, for variants that are a different offer, its description."""

    title: tuple[str, str]
    description: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------------


class _Loader:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.code_index = 0  # running number of organisations, for unique credit codes
        self.sector_of_org: dict[int, str] = {}
        self.enterprises_by_sector: dict[str, list[int]] = {}
        self.institutes_by_sector: dict[str, list[int]] = {}
        self.people_by_org: dict[int, list[int]] = {}
        self.service_providers_by_category: dict[str, list[int]] = {}
        self.expert_ids: list[int] = []
        self.building_ids: list[tuple[int, int, tuple[str, ...], str]] = []  # (id, operator id, kinds, name)

    # -- credit codes ---------------------------------------------------------------------------

    def _next_code(self, prefix: str) -> str:
        code = credit_code(prefix, self.code_index, self.ctx.seed)
        self.code_index += 1
        return code

    def _add_org_ids(self, orgs) -> None:
        for org in orgs:
            self.ctx.org_ids_by_kind.setdefault(org.kind, []).append(org.pk)

    def _industry_ids(self, codes) -> list[int]:
        return [self.ctx.industries[c].pk for c in dict.fromkeys(codes) if c in self.ctx.industries]

    def _insert_m2m(self, through, left: str, right: str, pairs) -> int:
        """Insert (left id, right id) rows into an auto-created M2M table with plain executemany:
        they are half of all rows, and model instances would triple their cost."""
        opts = through._meta
        qn = connection.ops.quote_name
        columns = (opts.get_field(left).column, opts.get_field(right).column)
        # Identifiers come from model metadata, values are parameters.
        sql = f"INSERT INTO {qn(opts.db_table)} ({qn(columns[0])}, {qn(columns[1])}) VALUES (%s, %s)"  # noqa: S608
        n = 0
        with connection.cursor() as cursor:
            for chunk in chunked(pairs, self.ctx.batch_size):
                cursor.executemany(sql, chunk)
                n += len(chunk)
        return n

    # -- phase 1: taxonomy ----------------------------------------------------------------------

    def taxonomy(self) -> None:
        existing = {i.code: i for i in Industry.objects.all()}
        created = 0
        for code, parent, zh, en, keywords in INDUSTRIES:
            if code in existing:
                continue
            existing[code] = Industry.objects.bulk_create(
                [
                    Industry(
                        code=code,
                        name_zh=zh,
                        name_en=en,
                        keywords=keywords,
                        parent=existing[parent] if parent else None,
                    )
                ]
            )[0]
            created += 1
        self.ctx.industries = existing
        self.ctx.count("directory.Industry", created)

    # -- phase 2: the seed's real entities ------------------------------------------------------

    def real_entities(self) -> None:
        ctx = self.ctx
        orgs = []
        for spec in REAL_ORGS:
            orgs.append(
                Organization(
                    kind=spec.kind,
                    language="zh",
                    name_zh=spec.name_zh,
                    name_en=spec.name_en,
                    short_name=spec.short_name,
                    slug=spec.slug,
                    credit_code=self._next_code(spec.prefix),
                    stage=spec.stage,
                    description_zh=spec.description_zh,
                    description_en=spec.description_en,
                    website=spec.website,
                    founded_year=spec.founded_year,
                    address=spec.address,
                    subdistrict=spec.subdistrict,
                    latitude=Decimal(spec.lat) if spec.lat else None,
                    longitude=Decimal(spec.lon) if spec.lon else None,
                )
            )
        # Two showcase organisations the demo accounts act for (fictional).
        orgs.append(
            Organization(
                kind="enterprise",
                language="zh",
                name_zh="上海巷声智能科技有限公司",
                name_en="Shanghai Xiangsheng Intelligent Technology Co., Ltd.",
                short_name="巷声智能",
                slug="showcase-enterprise",
                credit_code=self._next_code(DISTRICT_COMPANY),
                stage="startup",
                description_zh="专注TWS无线耳机与智能听戴设备的初创企业，研发团队来自声学与芯片行业，产品销往东南亚与欧洲。",
                description_en="A start-up making TWS earbuds and hearables; the team comes from acoustics and chip design.",
                founded_year=2021,
                employees=46,
                address="上海市长宁区愚园路1107号 3号楼2层",
                subdistrict="江苏路街道",
                latitude=Decimal("31.220600"),
                longitude=Decimal("121.428900"),
                contact_name="林悦",
                contact_email="bd@xiangsheng.example.org",
            )
        )
        orgs.append(
            Organization(
                kind="investor",
                language="zh",
                name_zh="上海启衡创业投资管理有限公司",
                name_en="Qiheng Ventures",
                short_name="启衡创投",
                slug="showcase-investor",
                credit_code=self._next_code(DISTRICT_COMPANY),
                stage="mature",
                description_zh="专注硬科技早期投资的创投机构，重点关注集成电路、先进材料与智能传感。",
                description_en="Early-stage deep-tech investor focused on chips, advanced materials and smart sensing.",
                founded_year=2016,
                employees=18,
                address="上海市长宁区定西路1100号 8楼",
                subdistrict="华阳路街道",
                latitude=Decimal("31.214900"),
                longitude=Decimal("121.426100"),
            )
        )
        Organization.objects.bulk_create(orgs)
        self._add_org_ids(orgs)
        ctx.orgs = {o.slug: o for o in orgs}
        ctx.government_units = {o.slug: o for o in orgs if o.kind == "government_unit"}
        industries_of = {spec.slug: spec.industries for spec in REAL_ORGS}
        industries_of.update(
            {
                "showcase-enterprise": ("ic-mems", "ai"),
                "showcase-investor": ("ic", "new-materials", "sensors"),
            }
        )
        through = Organization.industries.through
        n = self._insert_m2m(
            through,
            "organization",
            "industry",
            ((o.pk, i) for o in orgs for i in self._industry_ids(industries_of[o.slug])),
        )
        ctx.count("directory.Organization", len(orgs))
        ctx.count("directory.Organization.industries", n)
        for slug in ("simit", "simit-tto"):
            for code in ("ic-mems", "ic-power", "ic-design", "ic-packaging", "sensors", "photonics"):
                self.institutes_by_sector.setdefault(code, []).append(ctx.orgs[slug].pk)
        self.enterprises_by_sector.setdefault("ic-mems", []).append(ctx.orgs["showcase-enterprise"].pk)
        self.sector_of_org[ctx.orgs["showcase-enterprise"].pk] = "ic-mems"

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
        self.building_ids += [
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

    # -- phase 3: generated organisations -------------------------------------------------------

    def organizations(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("organizations")
        through = Organization.industries.through
        pending_m2m: list[tuple[Organization, list[int]]] = []

        def rows() -> Iterator[Organization]:
            serial = 0
            for kind in ORG_KINDS_GENERATED:
                for _ in range(BASE[kind] * ctx.scale):
                    serial += 1
                    org, industry_codes = self._generated_org(rng, kind, serial)
                    pending_m2m.append((org, industry_codes))
                    yield org

        def after(created) -> None:
            self._add_org_ids(created)
            pairs = []
            for org, codes in pending_m2m:
                pairs += [(org.pk, i) for i in self._industry_ids(codes)]
                sector = codes[0] if codes else ""
                self.sector_of_org[org.pk] = sector
                if org.kind == "enterprise":
                    self.enterprises_by_sector.setdefault(sector, []).append(org.pk)
                elif org.kind == "institute":
                    self.institutes_by_sector.setdefault(sector, []).append(org.pk)
                elif org.kind == "service_provider":
                    self.service_providers_by_category.setdefault(org._demo_category, []).append(org.pk)
            pending_m2m.clear()
            ctx.count(
                "directory.Organization.industries",
                self._insert_m2m(through, "organization", "industry", pairs),
            )

        ctx.bulk_create(Organization, rows(), after_batch=after)

    def _generated_org(self, rng: random.Random, kind: str, serial: int) -> tuple[Organization, list[str]]:
        brand_zh, brand_py = names.brand(rng)
        address, subdistrict, _street = names.address(rng)
        lat, lon = names.coordinates(rng)
        founded = rng.randint(2008, 2025)
        stage = ""
        codes: list[str] = []
        prefix = DISTRICT_COMPANY
        category = ""
        if kind == "enterprise":
            sector = content.pick_sector(rng)
            word_zh, word_en = rng.choice(sector.company_words)
            tail = "有限公司" if word_zh.endswith(("科技", "技术")) else "科技有限公司"
            name_zh, name_en = f"上海{brand_zh}{word_zh}{tail}", f"Shanghai {brand_py} {word_en} Co., Ltd."
            stage = rng.choices(["seed", "startup", "growth", "mature"], weights=[2, 5, 4, 1])[0]
            founded = {
                "seed": rng.randint(2023, 2025),
                "startup": rng.randint(2019, 2024),
                "growth": rng.randint(2012, 2021),
                "mature": rng.randint(2000, 2015),
            }[stage]
            scenes = rng.sample(sector.scenes, k=2)
            desc = (
                f"{name_zh}成立于{founded}年，专注{word_zh}领域，产品主要面向{scenes[0][0]}和{scenes[1][0]}。",
                f"Founded in {founded}, {name_en} works on {word_en.lower()} for {scenes[0][1]} and {scenes[1][1]}.",
            )
            codes = [sector.code, *sector.extra_codes[:1]]
        elif kind == "investor":
            suffix_zh, suffix_en = rng.choice(names.INVESTOR_SUFFIX)
            name_zh, name_en = f"上海{brand_zh}{suffix_zh}有限公司", f"{brand_py} {suffix_en}"
            stage = "mature"
            codes = [s.code for s in rng.sample(content.SECTORS, k=3)]
            desc = ("专注科技领域股权投资的投资机构。", "A venture investor in technology companies.")
        elif kind == "service_provider":
            service_zh, service_en, category = rng.choice(names.SERVICE_KIND)
            name_zh = f"上海{brand_zh}{service_zh}" + ("" if service_zh.endswith("所") else "有限公司")
            name_en = f"Shanghai {brand_py} {service_en}"
            stage = rng.choice(["growth", "mature"])
            desc = (f"为科创企业提供{service_zh}服务。", f"{service_en} services for tech companies.")
        elif kind == "incubator":
            suffix_zh, suffix_en = rng.choice(names.INCUBATOR_SUFFIX)
            street = rng.choice(names.STREETS[:3])
            name_zh, name_en = f"{brand_zh}·{street[0]}{suffix_zh}", f"{brand_py} {street[1]} {suffix_en}"
            stage = "growth"
            codes = [s.code for s in rng.sample(content.SECTORS, k=2)]
            desc = (
                "为早期科创团队提供办公空间、创业辅导与投融资对接。",
                "Office space, mentoring and investor introductions for early-stage teams.",
            )
        elif kind == "institute":
            field_zh, field_en, code = rng.choice(names.INSTITUTE_FIELD)
            name_zh, name_en = (
                f"上海{brand_zh}{field_zh}研究院",
                f"Shanghai {brand_py} Institute of {field_en}",
            )
            prefix = DISTRICT_INSTITUTION
            codes = [code]
            desc = (
                f"新型研发机构，聚焦{field_zh}方向的技术研发、中试熟化与成果转化。",
                f"A new-type R&D institution for {field_en.lower()}: research, pilot maturation and transfer.",
            )
        else:  # platform
            kind_zh, kind_en = rng.choice(names.PLATFORM_KIND)
            sector = content.pick_sector(rng)
            ind = self.ctx.industries[sector.code]
            name_zh, name_en = f"上海{ind.name_zh}{kind_zh}", f"Shanghai {ind.name_en} {kind_en}"
            prefix = CITY_SOCIAL_ORG if kind_zh in ("协会", "产业技术创新联盟") else DISTRICT_INSTITUTION
            codes = [sector.code]
            desc = (
                f"服务{ind.name_zh}产业的功能性平台，开展技术交流、标准研制与供需对接。",
                f"A functional platform for {ind.name_en.lower()}: exchange, standards and matchmaking.",
            )
        lang = "en" if rng.random() < 0.1 else "zh"
        person_zh, _person_en = names.chinese_person(rng)
        org = Organization(
            kind=kind,
            language=lang,
            name_zh=name_zh,
            name_en=name_en,
            short_name=brand_zh,
            slug=f"{kind.replace('_', '-')}-{brand_py.lower()}-{serial}",
            credit_code=self._next_code(prefix),
            stage=stage,
            description_zh=desc[0],
            description_en=desc[1],
            founded_year=founded,
            employees=rng.choice([5, 8, 12, 20, 35, 60, 120, 300])
            if kind == "enterprise"
            else rng.randint(5, 80),
            address=address,
            subdistrict=subdistrict,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            contact_name=person_zh,
            contact_email=f"contact@{brand_py.lower()}{serial}.example.org",
            is_published=rng.random() > 0.03,
        )
        org._demo_category = category  # read back in organizations() to index providers by category
        return org, codes

    # -- phase 4: people ------------------------------------------------------------------------

    def people(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("people")
        total = BASE["people"] * ctx.scale
        kinds = (
            ["researcher"] * 46 + ["expert"] * 23 + ["broker"] * 14 + ["entrepreneur"] * 10 + ["investor"] * 7
        )
        pending: list[tuple] = []
        institutes = [ctx.orgs[s].pk for s in ("simit", "siccas", "donghua")]
        by_kind = ctx.org_ids_by_kind

        def rows() -> Iterator[Person]:
            for i in range(total):
                kind = kinds[i % len(kinds)]
                person, org_id, position, sector_codes = self._generated_person(
                    rng, kind, institutes, by_kind
                )
                # Drawn here, not in after(): the draws must not depend on the batch size.
                start = ctx.today - timedelta(days=rng.randint(200, 5000))
                pending.append((person, org_id, position, sector_codes, start))
                yield person

        def after(created) -> None:
            affiliations, industry_pairs = [], []
            for person, org_id, position, codes, start in pending:
                if org_id:
                    affiliations.append(
                        Affiliation(
                            person_id=person.pk,
                            organization_id=org_id,
                            position=position,
                            is_primary=True,
                            start_date=start,
                        )
                    )
                    if person.kind in ("researcher", "entrepreneur"):
                        self.people_by_org.setdefault(org_id, []).append(person.pk)
                if person.kind == "expert":
                    self.expert_ids.append(person.pk)
                industry_pairs += [(person.pk, i) for i in self._industry_ids(codes)]
            pending.clear()
            Affiliation.objects.bulk_create(affiliations, batch_size=ctx.batch_size)
            ctx.count("directory.Affiliation", len(affiliations))
            ctx.count(
                "directory.Person.industries",
                self._insert_m2m(Person.industries.through, "person", "industry", industry_pairs),
            )

        ctx.bulk_create(Person, rows(), after_batch=after)

    def _generated_person(self, rng, kind, institutes, by_kind):
        western = kind in ("expert", "investor") and rng.random() < 0.12
        if western:
            name_zh, name_en, lang = "", names.western_person(rng), "en"
        else:
            (name_zh, name_en), lang = names.chinese_person(rng), "zh"
        sector = content.pick_sector(rng)
        ind = self.ctx.industries[sector.code]
        if kind == "researcher":
            if sector.owners and rng.random() < 0.75:
                real = [s for s in sector.owners if not s.endswith("-tto")]
                org_id = self.ctx.orgs[rng.choice(real)].pk
            else:
                pool = self.institutes_by_sector.get(sector.code) or by_kind.get("institute") or institutes
                org_id = rng.choice(pool)
            title = rng.choice(
                [
                    ("研究员", "Professor"),
                    ("副研究员", "Associate Professor"),
                    ("高级工程师", "Senior Engineer"),
                    ("助理研究员", "Assistant Professor"),
                ]
            )
        elif kind == "expert":
            org_id = (
                rng.choice(institutes + by_kind.get("enterprise", [])[:50]) if rng.random() < 0.7 else None
            )
            title = rng.choice(
                [
                    ("首席科学家", "Chief Scientist"),
                    ("教授级高工", "Professor-level Engineer"),
                    ("技术总监", "CTO"),
                    ("特聘专家", "Distinguished Expert"),
                ]
            )
        elif kind == "broker":
            pool = by_kind.get("service_provider", []) + [
                self.ctx.orgs[s].pk for s in ("xinwei-group", "simit-tto", "siccas-tto")
            ]
            org_id = rng.choice(pool)
            title = rng.choice(
                [
                    ("技术经纪人", "Technology Broker"),
                    ("高级技术经理人", "Senior Technology Manager"),
                    ("金牌科技经纪人", "Gold-medal Technology Broker"),
                ]
            )
        elif kind == "entrepreneur":
            org_id = rng.choice(self.enterprises_by_sector.get(sector.code) or by_kind["enterprise"])
            title = rng.choice([("创始人、CEO", "Founder & CEO"), ("联合创始人、CTO", "Co-founder & CTO")])
        else:
            org_id = rng.choice(by_kind["investor"])
            title = rng.choice(
                [
                    ("投资总监", "Investment Director"),
                    ("合伙人", "Partner"),
                    ("投资经理", "Investment Manager"),
                ]
            )
        expertise = " ".join(rng.sample(sector.keywords, k=min(3, len(sector.keywords))))
        bio = (
            f"长期从事{ind.name_zh}领域工作，专长{expertise.replace(' ', '、')}。",
            f"Works in {ind.name_en.lower()}; expertise: {expertise.replace(' ', ', ')}.",
        )
        person = Person(
            kind=kind,
            language=lang,
            name_zh=name_zh,
            name_en=name_en,
            title_zh=title[0] if lang == "zh" else "",
            title_en=title[1],
            bio_zh=bio[0] if lang == "zh" else "",
            bio_en=bio[1],
            expertise=expertise,
            is_published=rng.random() > 0.05,
            contact_consent=rng.random() < 0.6,
        )
        return person, org_id, title[0], [sector.code]

    # -- phase 5: demo accounts and their showcase listings -------------------------------------

    def accounts(self) -> None:
        ctx = self.ctx
        password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
        users = []
        for spec in DEMO_ACCOUNTS:
            users.append(
                User(
                    username=spec.username,
                    role=spec.role,
                    display_name=spec.display_name,
                    is_staff=spec.is_staff,
                    is_demo=True,
                    password=password,
                    email=f"{spec.username}@example.org",
                    date_joined=ctx.now,
                    preferred_language="zh-hans",
                )
            )
        User.objects.bulk_create(users)
        ctx.users = {spec.key: user for spec, user in zip(DEMO_ACCOUNTS, users, strict=True)}
        Membership.objects.bulk_create(
            [
                Membership(
                    user=ctx.users[spec.key],
                    organization=ctx.orgs[spec.organization],
                    role=spec.member_role,
                    title=spec.title,
                )
                for spec in DEMO_ACCOUNTS
            ]
        )
        ctx.count("accounts.User (demo)", len(users))
        ctx.count("accounts.Membership", len(users))

        researcher = Person(
            kind="researcher",
            language="zh",
            name_zh="王哲",
            name_en="Zhe Wang",
            title_zh="研究员",
            title_en="Professor",
            bio_zh="长期从事MEMS声学传感器与晶圆级封装研究。",
            bio_en="Works on MEMS acoustic sensors and wafer-level packaging.",
            expertise="MEMS 麦克风 晶圆级封装 声学传感",
            user=ctx.users["researcher"],
            email="demo-researcher@example.org",
            contact_consent=True,
        )
        broker = Person(
            kind="broker",
            language="zh",
            name_zh="沈嘉",
            name_en="Jia Shen",
            title_zh="金牌科技经纪人",
            title_en="Gold-medal Technology Broker",
            bio_zh="专注集成电路与新材料成果转化，累计促成技术合同数十项。",
            bio_en="Brokers IC and new-materials technology transfer.",
            expertise="成果转化 技术经纪 集成电路",
            user=ctx.users["broker"],
            email="demo-broker@example.org",
            contact_consent=True,
        )
        Person.objects.bulk_create([researcher, broker])
        Affiliation.objects.bulk_create(
            [
                Affiliation(
                    person=researcher, organization=ctx.orgs["simit"], position="研究员", is_primary=True
                ),
                Affiliation(
                    person=broker,
                    organization=ctx.orgs["xinwei-group"],
                    position="金牌科技经纪人",
                    is_primary=True,
                ),
            ]
        )
        self._insert_m2m(
            Person.industries.through,
            "person",
            "industry",
            [(researcher.pk, i) for i in self._industry_ids(["ic-mems", "sensors"])]
            + [(broker.pk, i) for i in self._industry_ids(["ic", "new-materials"])],
        )
        ctx.count("directory.Person", 2)
        ctx.count("directory.Affiliation", 2)
        self.people_by_org.setdefault(ctx.orgs["simit"].pk, []).append(researcher.pk)
        self._showcase_listings(researcher)

    def _showcase_listings(self, researcher: Person) -> None:
        ctx = self.ctx
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
        self._insert_m2m(
            TechOutcome.inventors.through, "techoutcome", "person", [(o.pk, researcher.pk) for o in outcomes]
        )
        self._insert_m2m(
            TechOutcome.industries.through,
            "techoutcome",
            "industry",
            [(o.pk, i) for o in outcomes for i in self._industry_ids(["ic-mems", "sensors"])],
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
        self._insert_m2m(
            TechDemand.industries.through,
            "techdemand",
            "industry",
            [
                (d.pk, i)
                for d, codes in zip(demands, (["ic-mems"], ["ic-power"], ["sensors"]), strict=True)
                for i in self._industry_ids(codes)
            ],
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
        self._insert_m2m(
            InvestorProfile.sectors.through,
            "investorprofile",
            "industry",
            [
                (profile.pk, i)
                for i in self._industry_ids(["ic-mems", "ic-power", "sensors", "new-materials-ceramics"])
            ],
        )
        ctx.count("listings.TechOutcome", len(outcomes))
        ctx.count("listings.TechDemand", len(demands))
        ctx.count("listings.InvestorProfile", 1)

    # -- phase 6: technology outcomes -----------------------------------------------------------

    def outcomes(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("outcomes")
        pending: list[tuple[TechOutcome, list[str], list[int]]] = []
        enterprises = ctx.org_ids_by_kind["enterprise"]

        titles = content.TitleRegistry(_existing_titles(TechOutcome))

        def rows() -> Iterator[TechOutcome]:
            for i in range(BASE["outcomes"] * ctx.scale):
                if i < len(anchors.OUTCOMES):
                    outcome = self._anchor_outcome(rng, anchors.OUTCOMES[i])
                    titles.claim(outcome.title_zh, outcome.title_en)
                    people = self.people_by_org.get(outcome.owner_id) or []
                    inventors = rng.sample(people, k=min(len(people), 2))
                    pending.append((outcome, list(anchors.OUTCOMES[i].industries), inventors))
                    yield outcome
                    continue
                sector = content.pick_sector(rng)
                owner_id, academic = self._outcome_owner(rng, sector, enterprises)
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
                        "ZL" + _patent_application_number(rng, rng.choice("112"))
                        for _ in range(rng.randint(1, 3))
                    )
                elif ip == IPStatus.PATENT_PENDING:
                    patents = _patent_application_number(rng, "1")
                text = titles.draw(  # a title nobody has used yet
                    partial(content.outcome_text, rng, sector, trl, ip_status=ip, patents=patents.count("ZL"))
                )
                lang, both = _language(rng)
                title = _bilingual(lang, both, text.title)
                summary = _bilingual(lang, both, text.summary)
                apps_ = _bilingual(lang, both, text.applications)
                modes = sorted(
                    rng.sample(["transfer", "licence", "joint_development", "equity"], k=rng.randint(1, 3))
                )
                price = (
                    _money(rng, (5, 10, 20, 30, 50, 80, 100, 200, 300), (1.5, 2, 3, 5))
                    if rng.random() < 0.8
                    else (None, None)
                )
                inventors = []
                candidates = self.people_by_org.get(owner_id)
                if candidates:
                    inventors = rng.sample(candidates, k=min(len(candidates), rng.randint(1, 3)))
                elif self.expert_ids and rng.random() < 0.3:
                    inventors = [rng.choice(self.expert_ids)]
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
                    **_listing_state(rng, ctx),
                )
                pending.append((outcome, [sector.code, *sector.extra_codes], inventors))
                yield outcome

        def after(created) -> None:
            industry_pairs = [(o.pk, i) for o, codes, _ in pending for i in self._industry_ids(codes)]
            inventor_pairs = [(o.pk, p) for o, _, people in pending for p in people]
            pending.clear()
            ctx.count(
                "listings.TechOutcome.industries",
                self._insert_m2m(TechOutcome.industries.through, "techoutcome", "industry", industry_pairs),
            )
            ctx.count(
                "listings.TechOutcome.inventors",
                self._insert_m2m(TechOutcome.inventors.through, "techoutcome", "person", inventor_pairs),
            )

        ctx.bulk_create(TechOutcome, rows(), after_batch=after)

    def _outcome_owner(self, rng, sector, enterprises) -> tuple[int, bool]:
        r = rng.random()
        if sector.owners and r < 0.6:
            return self.ctx.orgs[rng.choice(sector.owners)].pk, True
        if r < 0.75 and self.institutes_by_sector.get(sector.code):
            return rng.choice(self.institutes_by_sector[sector.code]), True
        return rng.choice(self.enterprises_by_sector.get(sector.code) or enterprises), False

    def _anchor_outcome(self, rng: random.Random, spec: anchors.AnchorOutcome) -> TechOutcome:
        ctx = self.ctx
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

    def _anchor_demand(self, rng: random.Random, spec: anchors.AnchorDemand, enterprises) -> TechDemand:
        ctx = self.ctx
        published = ctx.now - timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 23))
        return TechDemand(
            owner_id=rng.choice(self.enterprises_by_sector.get(spec.sector) or enterprises),
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

    # -- phase 7: technology demands ------------------------------------------------------------

    def demands(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("demands")
        pending: list[tuple[TechDemand, list[str]]] = []
        enterprises = ctx.org_ids_by_kind["enterprise"]
        notes = [
            "内部项目编号 {n}；现有供应商报价偏高，希望降本{p}%。",
            "可提供样机图纸与测试数据（需签保密协议）。",
            "项目已纳入公司年度预算，决策人为CTO。",
            "当前方案由海外供应商提供，存在断供风险。",
        ]

        titles = content.TitleRegistry(_existing_titles(TechDemand))

        def rows() -> Iterator[TechDemand]:
            for i in range(BASE["demands"] * ctx.scale):
                if i < len(anchors.DEMANDS):
                    spec = anchors.DEMANDS[i]
                    demand = self._anchor_demand(rng, spec, enterprises)
                    titles.claim(demand.title_zh, demand.title_en)
                    pending.append((demand, list(spec.industries)))
                    yield demand
                    continue
                sector = content.pick_sector(rng)
                owner_id = rng.choice(self.enterprises_by_sector.get(sector.code) or enterprises)
                budget = (
                    _money(rng, (5, 10, 20, 30, 50, 100, 200), (1.5, 2, 3))
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
                        content.demand_text,
                        rng,
                        sector,
                        year=ctx.today.year,
                        budget=budget,
                        deadline=deadline,
                        modes=modes,
                        min_trl=min_trl,
                    )
                )
                lang, both = _language(rng)
                title = _bilingual(lang, both, text.title)
                desc = _bilingual(lang, both, text.description)
                state = _listing_state(rng, ctx)
                demand = TechDemand(
                    owner_id=owner_id,
                    language=lang,
                    title_zh=title[0],
                    title_en=title[1],
                    description_zh=desc[0],
                    description_en=desc[1],
                    confidential_details=rng.choice(notes).format(
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
                pending.append((demand, [sector.code]))
                yield demand

        def after(created) -> None:
            pairs = [(d.pk, i) for d, codes in pending for i in self._industry_ids(codes)]
            pending.clear()
            ctx.count(
                "listings.TechDemand.industries",
                self._insert_m2m(TechDemand.industries.through, "techdemand", "industry", pairs),
            )

        ctx.bulk_create(TechDemand, rows(), after_batch=after)

    # -- phase 8: investor profiles -------------------------------------------------------------

    def investors(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("investors")
        showcase = ctx.orgs["showcase-investor"].pk
        owners = [i for i in ctx.org_ids_by_kind["investor"] if i != showcase]
        pending: list[tuple[InvestorProfile, list[str]]] = []
        brands = {  # the fund carries its manager's name, as funds do: "澜芯早期科技基金"
            pk: (short, name_en.split()[0] if name_en else "")
            for pk, short, name_en in Organization.objects.filter(kind="investor").values_list(
                "pk", "short_name", "name_en"
            )
        }
        titles = content.TitleRegistry(_existing_titles(InvestorProfile))
        funds = [
            ("早期科技基金", "Early Tech Fund"),
            ("硬科技成长基金", "Deep-Tech Growth Fund"),
            ("天使基金", "Angel Fund"),
            ("产业投资基金", "Industry Fund"),
        ]

        def rows() -> Iterator[InvestorProfile]:
            for owner_id in owners:
                sectors = rng.sample(content.SECTORS, k=rng.randint(2, 4))
                stages = sorted(
                    rng.sample(["seed", "startup", "growth", "mature"], k=rng.randint(1, 2)),
                    key=["seed", "startup", "growth", "mature"].index,
                )
                brand_zh, brand_en = brands.get(owner_id, ("", ""))
                for attempt in range(8):
                    base = rng.choice(funds)
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
                sector_en = ", ".join(content._lower_first(ctx.industries[s.code].name_en) for s in sectors)
                focus = rng.choice(
                    [
                        (
                            "看重核心技术壁垒与首批客户验证",
                            "we look for defensible technology and first customers",
                        ),
                        ("偏好院所成果转化项目", "we like institute spin-outs"),
                        ("可提供产业资源与下一轮融资支持", "we bring industry partners and follow-on rounds"),
                    ]
                )
                lang, both = _language(rng)
                title = _bilingual(lang, both, fund)
                thesis = _bilingual(
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
                    **_listing_state(rng, ctx),
                )
                pending.append((profile, [s.code for s in sectors]))
                yield profile

        def after(created) -> None:
            pairs = [(p.pk, i) for p, codes in pending for i in self._industry_ids(codes)]
            pending.clear()
            ctx.count(
                "listings.InvestorProfile.sectors",
                self._insert_m2m(InvestorProfile.sectors.through, "investorprofile", "industry", pairs),
            )

        ctx.bulk_create(InvestorProfile, rows(), after_batch=after)

    # -- phase 9: the service list --------------------------------------------------------------

    def services(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("services")
        applies = [
            ("在线提交申请表，工作人员3个工作日内联系。", "Apply online; staff reply within 3 working days."),
            ("到硅巷创客厅服务窗口现场办理。", "Apply in person at the Maker Hall service desk."),
            ("电话或邮件预约，首次咨询免费。", "Book by phone or email; the first consultation is free."),
        ]
        eligibility = [
            (
                "注册或实际经营地在“上海硅巷”科创街区内的科创企业。",
                "Tech companies registered or operating in the district.",
            ),
            ("成立5年以内的科技型中小企业。", "Tech SMEs less than five years old."),
            ("已入驻街区孵化器的创业团队。", "Teams in one of the district's incubators."),
        ]

        def common(spec_stages, lang="zh"):
            apply_, elig = rng.choice(applies), rng.choice(eligibility)
            person_zh, _ = names.chinese_person(rng)
            return {
                "stages": list(spec_stages),
                "how_to_apply_zh": apply_[0],
                "how_to_apply_en": apply_[1],
                "eligibility_zh": elig[0],
                "eligibility_en": elig[1],
                "contact_name": person_zh,
            }

        titles = content.TitleRegistry(_existing_titles(ServiceOffering))

        def rows() -> Iterator[ServiceOffering]:
            for slug, spec in CURATED:
                titles.claim(spec.title_zh, spec.title_en)
                yield ServiceOffering(
                    owner=ctx.orgs[slug],
                    category=spec.category,
                    language="zh",
                    title_zh=spec.title_zh,
                    title_en=spec.title_en,
                    description_zh=spec.description_zh,
                    description_en=spec.description_en,
                    is_free=spec.is_free,
                    fee_zh=spec.fee_zh or ("免费" if spec.is_free else ""),
                    fee_en=spec.fee_en or ("Free" if spec.is_free else ""),
                    contact_email=f"service@{slug}.example.org",
                    status=ListingStatus.PUBLISHED,
                    published_at=ctx.now - timedelta(days=rng.randint(10, 200)),
                    expires_on=ctx.today + timedelta(days=rng.randint(120, 400)),
                    last_confirmed_at=ctx.now - timedelta(days=rng.randint(0, 60)),
                    **common(spec.stages),
                )
            categories = list(TEMPLATES)
            providers_any = ctx.org_ids_by_kind["service_provider"]
            for i in range(BASE["services"] * ctx.scale):
                category = categories[i % len(categories)]
                t_zh, t_en, d_zh, d_en, stages = rng.choice(TEMPLATES[category])
                pool = self.service_providers_by_category.get(category)
                if category == "space":
                    pool = ctx.org_ids_by_kind["incubator"]
                owner_id = rng.choice(pool or providers_any)
                names_ = [(t_zh, t_en), *SERVICE_TITLE_VARIANTS.get(t_zh, [])]

                def name_of(names_=names_) -> _Named:
                    name = rng.choice(names_)
                    if "（" not in name[0] and rng.random() < 0.3:  # who it is for, after the name
                        focus = rng.choice(FOCUS)
                        name = (f"{name[0]}（{focus[0]}）", f"{name[1]} {focus[1]}", *name[2:])
                    return _Named(name[:2], name[2:])

                name = titles.draw(name_of)  # unique, so a provider never offers one title twice
                if name.description:  # a variant that is a different offer has its own description
                    d_zh, d_en = name.description
                record = rng.choice(TRACK_RECORD.get(t_zh) or TRACK_RECORD[category])
                n, m = str(rng.randint(12, 90)), str(rng.randint(2, 9))
                record = (record[0].format(n=n, m=m), record[1].format(n=n, m=m))
                # Providers writing in English still list the Chinese name: the desk is Chinese.
                lang, both = _language(rng)
                both = both or lang == "en"
                title = _bilingual(lang, both, name.title)
                desc = _bilingual(lang, both, (d_zh + record[0], f"{d_en} {record[1]}"))
                free = rng.random() < 0.35
                fee = (
                    ("免费", "Free")
                    if free
                    else rng.choice(
                        [
                            ("按项目报价", "Quoted per project"),
                            ("首次咨询免费，后续按小时计费", "First consultation free, then hourly"),
                            ("街区企业享八折优惠", "20% off for district companies"),
                        ]
                    )
                )
                yield ServiceOffering(
                    owner_id=owner_id,
                    category=category,
                    language=lang,
                    title_zh=title[0],
                    title_en=title[1],
                    description_zh=desc[0],
                    description_en=desc[1],
                    is_free=free,
                    fee_zh=fee[0],
                    fee_en=fee[1],
                    contact_email=f"service{i}@example.org",
                    **common(stages),
                    **_listing_state(rng, ctx),
                )

        ctx.bulk_create(ServiceOffering, rows())

    # -- phase 10: buildings and space units ----------------------------------------------------

    def spaces(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("spaces")
        incubators = ctx.org_ids_by_kind["incubator"]
        park_words = [
            ("科创园", "Innovation Park"),
            ("研发楼", "R&D Building"),
            ("创意里", "Creative Lane"),
            ("智造中心", "Smart Manufacturing Center"),
            ("科技大厦", "Tech Tower"),
        ]
        facility_pool = [
            "会议室",
            "共享前台",
            "24小时门禁",
            "停车位",
            "淋浴间",
            "货梯",
            "双路供电",
            "纯水系统",
            "通风橱",
            "洁净间",
            "独立空调",
            "直饮水",
            "咖啡区",
            "屋顶花园",
            "充电桩",
        ]

        def buildings() -> Iterator[Building]:
            for i in range(BASE["buildings"] * ctx.scale):
                street = rng.choices(names.STREETS[:3], weights=[2, 2, 2])[0]
                number = rng.randint(10, 1400)
                word = rng.choice(park_words)
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
                    subdistrict=rng.choice(names.SUBDISTRICTS),
                    description_zh=f"位于{street[0]}的{word[0]}，步行可达地铁站，周边有院所和高校。",
                    description_en=f"{word[1]} on {street[1]}, a short walk from the metro, near institutes and "
                    "universities.",
                    facilities=rng.sample(facility_pool, k=4),
                    latitude=Decimal(names.coordinates(rng)[0]),
                    longitude=Decimal(names.coordinates(rng)[1]),
                )
                b._demo_kinds = tuple(dict.fromkeys(kinds))
                yield b

        def after_buildings(created) -> None:
            self.building_ids += [(b.pk, b.operator_id, b._demo_kinds, b.name_zh) for b in created]

        ctx.bulk_create(Building, buildings(), after_batch=after_buildings)

        kind_names = {
            "office": ("办公室", "office"),
            "lab": ("实验室", "lab"),
            "maker_space": ("众创工位区", "maker space"),
            "event_venue": ("多功能厅", "event hall"),
        }
        area_range = {
            "office": (50, 800),
            "lab": (80, 600),
            "maker_space": (20, 150),
            "event_venue": (80, 500),
        }
        rent_range = {
            "office": (4.0, 12.0),
            "lab": (5.0, 10.0),
            "maker_space": (3.0, 6.0),
            "event_venue": (3.0, 8.0),
        }
        kind_facilities = {
            "lab": ["通风橱", "纯水系统", "双路供电", "防震地坪", "危化品柜"],
            "event_venue": ["投影", "音响", "同传设备", "直播设备"],
            "maker_space": ["开放工位", "3D打印机", "激光切割机"],
            "office": ["精装修", "独立空调", "可注册"],
        }

        def units() -> Iterator[SpaceUnit]:
            for i in range(BASE["spaces"] * ctx.scale):
                # The real buildings come first; spread the units over all buildings in turn.
                building_id, operator_id, kinds, bname = self.building_ids[i % len(self.building_ids)]
                kind = rng.choice(kinds)
                floor = rng.choice(
                    ["1F", "2F", "3F", "4F", "5F", "6F", "8F", "B1"]
                    if kind != "event_venue"
                    else ["1F", "2F"]
                )
                room = (
                    f"{floor.rstrip('F')}{rng.randint(1, 20):02d}"
                    if floor != "B1"
                    else f"B1-{rng.randint(1, 9)}"
                )
                area = Decimal(rng.randint(*area_range[kind]))
                rent = Decimal(f"{rng.uniform(*rent_range[kind]):.1f}")
                lang = "en" if rng.random() < 0.15 else "zh"
                available_from = ctx.today + timedelta(days=rng.randint(-60, 180))
                until = (
                    available_from + timedelta(days=rng.choice([365, 730, 1095]))
                    if rng.random() < 0.4
                    else None
                )
                monthly = int(area * rent * 365 / 12)
                desc = (
                    f"{bname} {floor}，{kind_names[kind][0]}约{area}㎡，租金{rent}元/㎡/天（约{monthly}元/月），"
                    f"{rng.choice(['南向采光好', '临街独立出入口', '层高4.5米', '可分割出租', '拎包入住'])}。",
                    f"{kind_names[kind][1].capitalize()} of about {area} m² on {floor}, {rent} yuan/m²/day "
                    f"(about {monthly} yuan a month).",
                )
                state = _listing_state(rng, ctx)
                yield SpaceUnit(
                    owner_id=operator_id or rng.choice(incubators),
                    building_id=building_id,
                    kind=kind,
                    language=lang,
                    title_zh=f"{bname} {room} {kind_names[kind][0]}",
                    title_en=f"{kind_names[kind][1].capitalize()} {room}"
                    if lang == "en" or rng.random() < 0.3
                    else "",
                    description_zh=desc[0],
                    description_en=desc[1] if lang == "en" or rng.random() < 0.3 else "",
                    floor=floor,
                    area_sqm=area,
                    rent_per_sqm_day=rent,
                    available_from=available_from,
                    available_until=until,
                    facilities=rng.sample(kind_facilities[kind], k=min(3, len(kind_facilities[kind]))),
                    capacity=int(area / (2 if kind == "event_venue" else 8)) or 1,
                    **state,
                )

        ctx.bulk_create(SpaceUnit, units())
