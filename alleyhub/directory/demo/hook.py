"""The directory's part of the demo district, in four phases (each printed with its time).

Only ids (not objects) of generated organisations and people are kept, in the context's indexes
(`org_ids_by_kind`, `enterprises_by_sector`, `people_by_org`, ...), for the hooks after this one to
pick owners and inventors. Each phase draws from its own `ctx.rng_for(phase)`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from datetime import timedelta
from decimal import Decimal

from alleyhub.accounts.demo import DEMO_ACCOUNTS
from alleyhub.accounts.models import Membership, Role, User
from alleyhub.core.bulk import BulkRow, m2m_insert
from alleyhub.core.demo_context import DemoContext

from ..models import (
    Affiliation,
    Industry,
    JoinRequest,
    Organization,
    OrganizationKind,
    OrganizationStatus,
    Person,
)
from . import names
from .codes import credit_code
from .data.names import (
    INCUBATOR_SUFFIX,
    INSTITUTE_FIELD,
    INVESTOR_SUFFIX,
    PLATFORM_KIND,
    SERVICE_KIND,
    STREETS,
)
from .data.real_orgs import CITY_SOCIAL_ORG, DISTRICT_COMPANY, DISTRICT_INSTITUTION, REAL_ORGS
from .data.sectors import SECTORS
from .data.showcase import DEMO_PEOPLE, SHOWCASE_INDUSTRIES, SHOWCASE_ORGS
from .data.taxonomy import INDUSTRIES
from .sectors import pick_sector

# Generated organisations and people per unit of --scale.
GENERATED_ORGS = {
    "enterprise": 200,
    "investor": 38,  # + 华泰创新 + the showcase investor = 40 investor profiles
    "service_provider": 36,
    "incubator": 10,
    "institute": 8,
    "platform": 8,
}
PEOPLE = 150
# Kinds of generated people, in turn.
PEOPLE_KINDS = (
    ["researcher"] * 46 + ["expert"] * 23 + ["broker"] * 14 + ["entrepreneur"] * 10 + ["investor"] * 7
)
TITLES = {  # (zh, en) job titles by kind of person
    "researcher": [
        ("研究员", "Professor"),
        ("副研究员", "Associate Professor"),
        ("高级工程师", "Senior Engineer"),
        ("助理研究员", "Assistant Professor"),
    ],
    "expert": [
        ("首席科学家", "Chief Scientist"),
        ("教授级高工", "Professor-level Engineer"),
        ("技术总监", "CTO"),
        ("特聘专家", "Distinguished Expert"),
    ],
    "broker": [
        ("技术经纪人", "Technology Broker"),
        ("高级技术经理人", "Senior Technology Manager"),
        ("金牌科技经纪人", "Gold-medal Technology Broker"),
    ],
    "entrepreneur": [("创始人、CEO", "Founder & CEO"), ("联合创始人、CTO", "Co-founder & CTO")],
    "investor": [
        ("投资总监", "Investment Director"),
        ("合伙人", "Partner"),
        ("投资经理", "Investment Manager"),
    ],
}


def load(ctx: DemoContext) -> None:
    directory = _Directory(ctx)
    with ctx.phase("taxonomy"):
        directory.taxonomy()
    with ctx.phase("real_entities"):
        directory.real_entities()
    with ctx.phase("organizations"):
        directory.organizations()
    with ctx.phase("people"):
        directory.people()
        directory.demo_accounts()
        directory.self_service()


class _Directory:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.code_index = 0  # running number of organisations, for unique credit codes

    def _next_code(self, prefix: str) -> str:
        code = credit_code(prefix, self.code_index, self.ctx.seed)
        self.code_index += 1
        return code

    def _add_org_ids(self, orgs: Iterable[Organization]) -> None:
        for org in orgs:
            self.ctx.org_ids_by_kind.setdefault(org.kind, []).append(org.pk)

    # -- taxonomy -------------------------------------------------------------------------------

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
        self.ctx.industries.update(existing)
        self.ctx.count("directory.Industry", created)

    # -- the seed's real organisations and the showcase ones ------------------------------------

    def real_entities(self) -> None:
        ctx = self.ctx
        rows = [
            BulkRow(
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
                ),
                m2m={"industries": ctx.industry_ids(spec.industries)},
            )
            for spec in REAL_ORGS
        ]
        rows += [
            BulkRow(
                Organization(slug=slug, credit_code=self._next_code(DISTRICT_COMPANY), **fields),
                m2m={"industries": ctx.industry_ids(SHOWCASE_INDUSTRIES[slug])},
            )
            for slug, fields in SHOWCASE_ORGS.items()
        ]
        ctx.bulk_create(Organization, rows, m2m=["industries"])
        orgs = [row.obj for row in rows]
        self._add_org_ids(orgs)
        ctx.orgs.update({o.slug: o for o in orgs})
        ctx.government_units.update({o.slug: o for o in orgs if o.kind == "government_unit"})
        for slug in ("simit", "simit-tto"):
            for code in ("ic-mems", "ic-power", "ic-design", "ic-packaging", "sensors", "photonics"):
                ctx.institutes_by_sector.setdefault(code, []).append(ctx.orgs[slug].pk)
        ctx.enterprises_by_sector.setdefault("ic-mems", []).append(ctx.orgs["showcase-enterprise"].pk)

    # -- generated organisations ----------------------------------------------------------------

    def organizations(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("organizations")

        def rows() -> Iterator[BulkRow[Organization]]:
            serial = 0
            for kind, per_scale in GENERATED_ORGS.items():
                for _ in range(per_scale * ctx.scale):
                    serial += 1
                    org, codes, category = self._generated_org(rng, kind, serial)
                    yield BulkRow(org, m2m={"industries": ctx.industry_ids(codes)}, extra=(codes, category))

        def after(batch: list[BulkRow[Organization]]) -> None:
            self._add_org_ids(row.obj for row in batch)
            for row in batch:
                org, (codes, category) = row.obj, row.extra
                sector = codes[0] if codes else ""
                if org.kind == "enterprise":
                    ctx.enterprises_by_sector.setdefault(sector, []).append(org.pk)
                elif org.kind == "institute":
                    ctx.institutes_by_sector.setdefault(sector, []).append(org.pk)
                elif org.kind == "service_provider":
                    ctx.service_providers_by_category.setdefault(category, []).append(org.pk)

        ctx.bulk_create(Organization, rows(), m2m=["industries"], after_batch=after)

    def _generated_org(
        self, rng: random.Random, kind: str, serial: int
    ) -> tuple[Organization, list[str], str]:
        """An organisation of `kind`, its industry codes and (for service providers) its category."""
        brand_zh, brand_py = names.brand(rng)
        address, subdistrict, _street = names.address(rng)
        lat, lon = names.coordinates(rng)
        founded = rng.randint(2008, 2025)
        stage = ""
        codes: list[str] = []
        prefix = DISTRICT_COMPANY
        category = ""
        if kind == "enterprise":
            sector = pick_sector(rng)
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
            suffix_zh, suffix_en = rng.choice(INVESTOR_SUFFIX)
            name_zh, name_en = f"上海{brand_zh}{suffix_zh}有限公司", f"{brand_py} {suffix_en}"
            stage = "mature"
            codes = [s.code for s in rng.sample(SECTORS, k=3)]
            desc = ("专注科技领域股权投资的投资机构。", "A venture investor in technology companies.")
        elif kind == "service_provider":
            service_zh, service_en, category = rng.choice(SERVICE_KIND)
            name_zh = f"上海{brand_zh}{service_zh}" + ("" if service_zh.endswith("所") else "有限公司")
            name_en = f"Shanghai {brand_py} {service_en}"
            stage = rng.choice(["growth", "mature"])
            desc = (f"为科创企业提供{service_zh}服务。", f"{service_en} services for tech companies.")
        elif kind == "incubator":
            suffix_zh, suffix_en = rng.choice(INCUBATOR_SUFFIX)
            street = rng.choice(STREETS[:3])
            name_zh, name_en = f"{brand_zh}·{street[0]}{suffix_zh}", f"{brand_py} {street[1]} {suffix_en}"
            stage = "growth"
            codes = [s.code for s in rng.sample(SECTORS, k=2)]
            desc = (
                "为早期科创团队提供办公空间、创业辅导与投融资对接。",
                "Office space, mentoring and investor introductions for early-stage teams.",
            )
        elif kind == "institute":
            field_zh, field_en, code = rng.choice(INSTITUTE_FIELD)
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
            kind_zh, kind_en = rng.choice(PLATFORM_KIND)
            sector = pick_sector(rng)
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
        return org, codes, category

    # -- generated people -----------------------------------------------------------------------

    def people(self) -> None:
        ctx = self.ctx
        rng = ctx.rng_for("people")
        institutes = [ctx.orgs[s].pk for s in ("simit", "siccas", "donghua")]

        def rows() -> Iterator[BulkRow[Person]]:
            for i in range(PEOPLE * ctx.scale):
                kind = PEOPLE_KINDS[i % len(PEOPLE_KINDS)]
                person, org_id, position, sector_codes = self._generated_person(rng, kind, institutes)
                # Drawn here, not in after(): the draws must not depend on the batch size.
                start = ctx.today - timedelta(days=rng.randint(200, 5000))
                yield BulkRow(
                    person,
                    m2m={"industries": ctx.industry_ids(sector_codes)},
                    extra=(org_id, position, start),
                )

        def after(batch: list[BulkRow[Person]]) -> None:
            affiliations = []
            for row in batch:
                person, (org_id, position, start) = row.obj, row.extra
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
                        ctx.people_by_org.setdefault(org_id, []).append(person.pk)
                if person.kind == "expert":
                    ctx.expert_ids.append(person.pk)
            Affiliation.objects.bulk_create(affiliations, batch_size=ctx.batch_size)
            ctx.count("directory.Affiliation", len(affiliations))

        ctx.bulk_create(Person, rows(), m2m=["industries"], after_batch=after)

    def _generated_person(
        self, rng: random.Random, kind: str, institutes: list[int]
    ) -> tuple[Person, int | None, str, list[str]]:
        """A person of `kind`, the organisation they work for (or None), their position there and
        their industry codes."""
        ctx, by_kind = self.ctx, self.ctx.org_ids_by_kind
        western = kind in ("expert", "investor") and rng.random() < 0.12
        if western:
            name_zh, name_en, lang = "", names.western_person(rng), "en"
        else:
            (name_zh, name_en), lang = names.chinese_person(rng), "zh"
        sector = pick_sector(rng)
        ind = ctx.industries[sector.code]
        org_id: int | None
        if kind == "researcher":
            if sector.owners and rng.random() < 0.75:
                real = [s for s in sector.owners if not s.endswith("-tto")]
                org_id = ctx.orgs[rng.choice(real)].pk
            else:
                pool = ctx.institutes_by_sector.get(sector.code) or by_kind.get("institute") or institutes
                org_id = rng.choice(pool)
        elif kind == "expert":
            org_id = (
                rng.choice(institutes + by_kind.get("enterprise", [])[:50]) if rng.random() < 0.7 else None
            )
        elif kind == "broker":
            pool = by_kind.get("service_provider", []) + [
                ctx.orgs[s].pk for s in ("xinwei-group", "simit-tto", "siccas-tto")
            ]
            org_id = rng.choice(pool)
        elif kind == "entrepreneur":
            org_id = rng.choice(ctx.enterprises_by_sector.get(sector.code) or by_kind["enterprise"])
        else:
            org_id = rng.choice(by_kind["investor"])
        title = rng.choice(TITLES[kind])
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

    # -- self-service: what waits for an organisation admin and the operators ----------------------

    def self_service(self) -> None:
        """A newcomer (APPLICANT, who cannot sign in) asked to join the showcase enterprise,
        whose admin is demo-enterprise, and registered a start-up that waits for the operators."""
        ctx = self.ctx
        applicant = User(**APPLICANT, role=Role.MEMBER, is_demo=True, date_joined=ctx.now)
        applicant.set_unusable_password()
        applicant.save()
        JoinRequest.objects.create(
            user=applicant,
            organization=ctx.orgs["showcase-enterprise"],
            message="我是新加入的产品经理，负责传感器产品线。",
        )
        org = Organization.objects.create(
            kind=OrganizationKind.ENTERPRISE,
            credit_code=self._next_code("91310105"),
            stage="seed",
            status=OrganizationStatus.PENDING,
            registered_by=applicant,
            **PENDING_ORG,
        )
        Membership.objects.create(user=applicant, organization=org, role=Membership.MemberRole.ADMIN)
        ctx.count("directory.JoinRequest", 1)
        ctx.count("directory.Organization (pending)", 1)

    # -- the demo accounts' memberships and people ----------------------------------------------

    def demo_accounts(self) -> None:
        """Makes the demo users (`accounts.demo`) members of the organisations they act for, and
        creates the people behind the researcher and broker accounts."""
        ctx = self.ctx
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
        ctx.count("accounts.Membership", len(DEMO_ACCOUNTS))
        people = [Person(user=ctx.users[key], **fields) for key, fields, *_ in DEMO_PEOPLE]
        Person.objects.bulk_create(people)
        Affiliation.objects.bulk_create(
            [
                Affiliation(person=person, organization=ctx.orgs[slug], position=position, is_primary=True)
                for person, (_key, _fields, slug, position, _codes) in zip(people, DEMO_PEOPLE, strict=True)
            ]
        )
        # Their industry links are not in the counts table (they never were).
        m2m_insert(
            Person,
            "industries",
            [
                (person.pk, i)
                for person, (*_, codes) in zip(people, DEMO_PEOPLE, strict=True)
                for i in ctx.industry_ids(codes)
            ],
            batch_size=ctx.batch_size,
        )
        ctx.count("directory.Person", len(people))
        ctx.count("directory.Affiliation", len(people))
        researcher = people[[key for key, *_ in DEMO_PEOPLE].index("researcher")]
        ctx.people_by_org.setdefault(ctx.orgs["simit"].pk, []).append(researcher.pk)


# What operators and organisation admins find waiting for them in the demo: a newcomer who asked
# to join the showcase enterprise (whose admin is demo-enterprise) and registered a start-up of
# their own that waits for the operators' approval.
APPLICANT = {"username": "demo-applicant", "display_name": "赵一鸣", "email": "demo-applicant@example.org"}
PENDING_ORG = {
    "slug": "yuyuan-smart-sensing",
    "name_zh": "上海愚园智感科技有限公司",
    "name_en": "Yuyuan Smart Sensing (Shanghai) Co., Ltd.",
    "short_name": "愚园智感",
    "address": "上海市长宁区愚园路1107号",
    "subdistrict": "江苏路街道",
    "description_zh": "面向城市更新的楼宇传感与能耗监测，团队来自上海微系统所。",
}
