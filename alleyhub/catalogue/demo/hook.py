"""The service list's part of the demo district: the real units' curated services
(`data/service_list.py`), then generated offers of the service providers and incubators, each
under a title its provider does not use twice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from alleyhub.core.demo_context import DemoContext, TitleRegistry, bilingual, existing_titles, language
from alleyhub.core.models import ListingStatus
from alleyhub.directory.demo import names
from alleyhub.directory.demo.attachments import demo_attach

from ..models import ServiceOffering
from .data.service_list import (
    CURATED,
    ELIGIBILITY,
    FEES,
    FOCUS,
    HOW_TO_APPLY,
    TEMPLATES,
    TITLE_VARIANTS,
    TRACK_RECORD,
)

SERVICES = 60  # generated per unit of --scale, besides the curated entries of the real units


def load(ctx: DemoContext) -> None:
    with ctx.phase("services"):
        _services(ctx)
        _attachments(ctx)


def _attachments(ctx: DemoContext) -> None:
    """The finance alliance's guides to its first two services (demo-provider administers it);
    the partner banks' credit terms only for its members and the operators."""
    first, second = ServiceOffering.objects.filter(owner=ctx.orgs["yrd-finance-alliance"]).order_by("pk")[:2]
    provider = ctx.users.get("provider")
    demo_attach(
        ctx,
        first,
        name="投贷联动对接服务指南.pdf",
        title="服务流程、申请材料清单与联系人",
        lines=[
            "YRD Sci-Tech Finance Alliance",
            "Combined investment and lending: service guide",
            "1. Submit your financing plan and latest financial statements.",
            "2. The alliance secretariat matches member banks and investors within 10 working days.",
            "3. Joint due diligence, term sheet, loan and equity closing.",
        ],
        uploaded_by=provider,
    )
    demo_attach(
        ctx,
        first,
        name="合作银行授信条件一览（内部）.pdf",
        title="各合作银行的认股权贷款授信条件（仅限联盟成员与运营方）",
        lines=[
            "CONFIDENTIAL - partner banks' credit terms for warrant-linked loans",
            "For alliance members only.",
        ],
        uploaded_by=provider,
        confidential=True,
    )
    demo_attach(
        ctx,
        second,
        name="科技履约贷申报材料清单.pdf",
        title="申报材料清单与填写说明",
        lines=["Technology performance loan", "Checklist of application documents and how to fill them in."],
        uploaded_by=provider,
    )


@dataclass(frozen=True)
class _Named:
    """A service's name (zh, en) and, for variants that are a different offer, its description."""

    title: tuple[str, str]
    description: tuple[str, ...] = ()


def _services(ctx: DemoContext) -> None:
    rng = ctx.rng_for("services")

    def common(spec_stages: tuple[str, ...]) -> dict[str, Any]:
        apply_, elig = rng.choice(HOW_TO_APPLY), rng.choice(ELIGIBILITY)
        person_zh, _ = names.chinese_person(rng)
        return {
            "stages": list(spec_stages),
            "how_to_apply_zh": apply_[0],
            "how_to_apply_en": apply_[1],
            "eligibility_zh": elig[0],
            "eligibility_en": elig[1],
            "contact_name": person_zh,
        }

    titles = TitleRegistry(existing_titles(ServiceOffering))

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
        for i in range(SERVICES * ctx.scale):
            category = categories[i % len(categories)]
            t_zh, t_en, d_zh, d_en, stages = rng.choice(TEMPLATES[category])
            pool = ctx.service_providers_by_category.get(category)
            if category == "space":
                pool = ctx.org_ids_by_kind["incubator"]
            owner_id = rng.choice(pool or providers_any)
            names_ = [(t_zh, t_en), *TITLE_VARIANTS.get(t_zh, [])]

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
            lang, both = language(rng)
            both = both or lang == "en"
            title = bilingual(lang, both, name.title)
            desc = bilingual(lang, both, (d_zh + record[0], f"{d_en} {record[1]}"))
            free = rng.random() < 0.35
            fee = ("免费", "Free") if free else rng.choice(FEES)
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
                **ctx.listing_state(rng),
            )

    ctx.bulk_create(ServiceOffering, rows())
