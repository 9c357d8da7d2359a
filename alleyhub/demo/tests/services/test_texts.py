"""What reviewers read on the pages: distinct, natural titles, in the language a record was written in,
and demands that have an answering outcome written in other words."""

import random
from collections import Counter
from datetime import date

import pytest

from alleyhub.catalogue.demo.data.service_list import CURATED, TEMPLATES
from alleyhub.catalogue.demo.data.service_list import TITLE_VARIANTS as SERVICE_TITLE_VARIANTS
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.demo_context import TitleRegistry
from alleyhub.core.models import ListingStatus
from alleyhub.directory.demo.data.sectors import SECTORS
from alleyhub.directory.demo.sectors import SECTOR_BY_CODE
from alleyhub.listings.demo import texts
from alleyhub.listings.demo.data import anchors
from alleyhub.listings.demo.data.phrases import OUTCOME_SCENES
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome

LISTINGS = (TechOutcome, TechDemand, ServiceOffering, InvestorProfile)


@pytest.mark.parametrize("model", LISTINGS, ids=lambda m: m.__name__)
def test_no_two_published_listings_of_a_kind_share_a_title_in_either_language(district, model):
    rows = model.objects.filter(status=ListingStatus.PUBLISHED).values_list("title_zh", "title_en")
    for column in (0, 1):
        repeated = {t: n for t, n in Counter(r[column] for r in rows if r[column]).items() if n > 1}
        assert not repeated, (model.__name__, repeated)


@pytest.mark.parametrize("model", LISTINGS, ids=lambda m: m.__name__)
def test_every_listing_has_a_title_in_the_language_it_was_written_in(district, model):
    rows = list(model.objects.values_list("language", "title_zh", "title_en"))
    assert rows
    missing = [r for r in rows if not (r[1] if r[0] == "zh" else r[2]).strip()]
    assert not missing, missing[:5]


def test_a_provider_never_offers_two_services_with_the_same_title(district):
    pairs = Counter(ServiceOffering.objects.values_list("owner_id", "title_zh", "title_en"))
    assert not [p for p, n in pairs.items() if n > 1]
    assert not ServiceOffering.objects.filter(title_zh="").exists()  # English ones carry a Chinese name too


def test_demand_descriptions_state_the_budget_and_deadline_they_were_filed_with(district):
    described = 0
    for d in TechDemand.objects.filter(budget_min__isnull=False, language="zh").exclude(description_zh=""):
        low = f"{d.budget_min / 10_000:.1f}".removesuffix(".0")
        high = f"{d.budget_max / 10_000:.1f}".removesuffix(".0")
        if "预算" in d.description_zh and ("万" in d.description_zh):
            assert high in d.description_zh or low in d.description_zh, d.description_zh
            described += 1
        if f"{d.deadline.year}年{d.deadline.month}月" in d.description_zh:
            described += 1
    assert described > 100


def test_each_anchor_demand_has_its_answer_in_the_corpus_in_other_words(district):
    outcomes = {o.key: o for o in anchors.OUTCOMES}
    languages = set()
    for spec in anchors.DEMANDS:
        demand = TechDemand.objects.get(title_zh=spec.title_zh, title_en=spec.title_en)
        answer = outcomes[spec.key]
        outcome = TechOutcome.objects.get(title_zh=answer.title_zh, title_en=answer.title_en)
        assert demand.status == outcome.status == ListingStatus.PUBLISHED
        assert set(demand.industries.values_list("code", flat=True)) & set(
            outcome.industries.values_list("code", flat=True)
        )
        languages.add((demand.language, outcome.language))
        demand_words = set(demand.title.lower().split()) | set(demand.title)
        assert not {w for w in outcome.title.lower().split() if len(w) > 3} & demand_words
    assert {("zh", "en"), ("en", "zh")} <= languages  # across languages both ways
    # The showcase pair: a company's 拾音元件 and the institute's MEMS microphone.
    assert TechDemand.objects.filter(
        owner__slug="showcase-enterprise", description_zh__contains="拾音元件"
    ).exists()
    assert TechOutcome.objects.filter(owner__slug="simit", title_zh__contains="MEMS麦克风").exists()


def test_sic_demands_find_outcomes_that_say_silicon_carbide_in_chinese(district):
    published = TechOutcome.objects.filter(status=ListingStatus.PUBLISHED)
    assert published.filter(title_zh__contains="碳化硅").count() >= 3
    assert published.filter(title_en__contains="SiC").count() >= 3
    assert TechDemand.objects.filter(status=ListingStatus.PUBLISHED, title_zh__contains="碳化硅").exists()


def test_outcome_summaries_state_the_ip_the_outcome_has_and_no_other():
    rng = random.Random(5)
    for sector in SECTORS:
        for _ in range(10):
            text = texts.outcome_text(rng, sector, 7, ip_status="patent_granted", patents=2)
            assert "专利2项" in text.summary[0] and "2 Chinese patents granted" in text.summary[1]
            text = texts.outcome_text(rng, sector, 4, ip_status="none")
            assert "已获授权" not in text.summary[0] and "granted" not in text.summary[1]


def test_an_application_listed_for_an_outcome_fits_its_template():
    rng = random.Random(9)
    for sector in SECTORS:
        names = {s[0] for s in sector.scenes}
        for entry in sector.outcomes:
            assert set(OUTCOME_SCENES.get(entry[0], ())) <= names, entry[0]
    coating = SECTOR_BY_CODE["new-materials-ceramics"]
    for _ in range(200):
        text = texts.outcome_text(rng, coating, 6)
        if "热障涂层" in text.title[0]:
            assert "LED" not in text.applications[0], text.applications


def test_demand_text_carries_the_companys_budget_deadline_and_wanted_modes():
    rng = random.Random(2)
    sector = SECTOR_BY_CODE["ic-mems"]
    seen_budget = seen_deadline = seen_modes = False
    for _ in range(60):
        text = texts.demand_text(
            rng, sector, budget=(300_000, 450_000), deadline=date(2027, 3, 1), modes=["licence"], min_trl=6
        )
        zh, en = text.description
        seen_budget |= "30–45万元" in zh or "30到45万" in zh or "上限45万" in zh
        seen_deadline |= "2027年3月" in zh and "March 2027" in en
        seen_modes |= "专利许可" in zh and "a licence" in en
        assert "{" not in zh + en
    assert seen_budget and seen_deadline and seen_modes


def test_every_service_title_variant_is_distinct_from_the_curated_list():
    curated = {spec.title_zh for _, spec in CURATED}
    for templates in TEMPLATES.values():
        for t in templates:
            names = [t[0], *(v[0] for v in SERVICE_TITLE_VARIANTS.get(t[0], []))]
            assert len(names) == len(set(names)) and not set(names) & curated


def test_the_title_registry_forgets_after_its_limit_so_memory_stays_bounded():
    registry = TitleRegistry(["已有"], limit=10)
    assert not registry.claim("已有")
    assert registry.claim("新的", "new") and not registry.claim("other", "new")
    for i in range(50):
        assert registry.claim(f"标题{i}")
    assert len(registry.seen) <= 10
