from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from alleyhub.catalogue.demo.hook import SERVICES
from alleyhub.catalogue.models import ServiceCategory, ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.core.validators import is_valid_credit_code
from alleyhub.demo.loader import DemoDataExists
from alleyhub.directory.demo.data.real_orgs import REAL_ORGS
from alleyhub.directory.demo.data.taxonomy import INDUSTRIES
from alleyhub.directory.demo.hook import GENERATED_ORGS
from alleyhub.directory.models import Industry, Organization, OrganizationKind, Person
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.spaces.demo.data.real_spaces import REAL_BUILDINGS, RENEWAL_SITES
from alleyhub.spaces.demo.hook import SPACES
from alleyhub.spaces.models import Building, RenewalSite, SpaceUnit

from ..conftest import load


def _sorted(rows) -> list:
    return sorted(rows, key=repr)  # None sorts too


def _snapshot() -> dict:
    """Everything generated, as sorted tuples (ids and timestamps left out; sorted in Python so the
    database's collation and tie order do not matter)."""
    return {
        "orgs": _sorted(Organization.objects.values_list("slug", "name_zh", "name_en", "credit_code")),
        "outcomes": _sorted(
            TechOutcome.objects.values_list(
                "title_zh", "title_en", "trl", "patent_numbers", "owner__slug", "summary_zh", "price_min"
            )
        ),
        "demands": _sorted(
            TechDemand.objects.values_list(
                "title_zh", "title_en", "description_zh", "owner__slug", "budget_min"
            )
        ),
        "people": _sorted(Person.objects.values_list("name_zh", "name_en", "kind")),
        "spaces": _sorted(SpaceUnit.objects.values_list("title_zh", "area_sqm", "rent_per_sqm_day")),
        "inventors": _sorted(
            TechOutcome.inventors.through.objects.values_list(
                "techoutcome__title_en", "techoutcome__title_zh", "person__name_en"
            )
        ),
    }


def _load_and_roll_back(**kwargs) -> tuple[dict, dict]:
    with transaction.atomic():
        report = load(**kwargs)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot, report.counts


@pytest.mark.django_db(transaction=False)
def test_same_seed_gives_the_same_district_and_another_seed_a_different_one():
    first, _ = _load_and_roll_back(seed=11)
    assert not Organization.objects.exists()
    second, _ = _load_and_roll_back(seed=11)
    other, _ = _load_and_roll_back(seed=12)
    assert first == second
    assert first["orgs"] != other["orgs"]
    assert first["outcomes"] != other["outcomes"]


@pytest.mark.django_db
def test_small_batches_give_the_same_rows_and_links_as_one_big_batch():
    big, big_counts = _load_and_roll_back(seed=5, batch_size=5000)
    small, small_counts = _load_and_roll_back(seed=5, batch_size=7)
    assert big == small
    assert big_counts == small_counts


def test_loading_twice_is_refused_and_changes_nothing(district):
    before = Counter({m: m.objects.count() for m in (Organization, TechOutcome, TechDemand, SpaceUnit)})
    with pytest.raises(DemoDataExists):
        load()
    assert before == Counter(
        {m: m.objects.count() for m in (Organization, TechOutcome, TechDemand, SpaceUnit)}
    )


def test_counts_meet_the_minimums(district):
    assert Organization.objects.count() >= 300
    assert TechOutcome.objects.count() >= 500
    assert TechDemand.objects.count() >= 200
    assert ServiceOffering.objects.count() >= 80
    assert SpaceUnit.objects.count() >= 60
    assert 10 <= Building.objects.count() <= 14
    assert InvestorProfile.objects.count() >= 40
    assert Person.objects.count() >= 150
    assert set(Organization.objects.values_list("kind", flat=True)) == set(OrganizationKind.values)
    assert set(ServiceOffering.objects.values_list("category", flat=True)) == set(ServiceCategory.values)
    assert set(SpaceUnit.objects.values_list("kind", flat=True)) == {
        "office",
        "lab",
        "maker_space",
        "event_venue",
    }
    assert set(Person.objects.values_list("kind", flat=True)) == set(Person.Kind.values)
    assert Industry.objects.count() == len(INDUSTRIES)
    assert district.counts["listings.TechOutcome"] == TechOutcome.objects.count()


def test_every_credit_code_is_valid_and_unique(district):
    codes = list(Organization.objects.values_list("credit_code", flat=True))
    assert all(codes)
    assert all(is_valid_credit_code(code) for code in codes), [
        c for c in codes if not is_valid_credit_code(c)
    ]
    assert len(set(codes)) == len(codes)


def test_every_real_entity_of_the_seed_is_present(district):
    slugs = set(Organization.objects.values_list("slug", flat=True))
    assert {spec.slug for spec in REAL_ORGS} <= slugs
    names = set(Organization.objects.values_list("name_zh", flat=True))
    for name in [
        "中国科学院上海微系统与信息技术研究所",
        "中国科学院上海硅酸盐研究所",
        "东华大学",
        "新微科技集团",
        "华泰创新",
        "集成电路应用创新概念验证中心",
        "“上海硅巷”科创生态协同创新平台",
        "SeekerLab 数智服务实验室",
        "上海区块链技术协会",
        "长三角科创金融联盟",
        "虹桥人才荟",
        "“上海硅巷”科创街区工作专班",
        "长宁区华阳路街道办事处",
        "长宁区市场监督管理局",
    ]:
        assert name in names, name
    government = set(Organization.objects.filter(kind="government_unit").values_list("short_name", flat=True))
    assert {
        "区科委科协",
        "区建管委",
        "华阳路街道",
        "区发改委",
        "区市场监管局",
        "区人社局",
        "区税务局",
        "区知识产权局",
        "工作专班",
    } <= government
    assert set(Building.objects.values_list("slug", flat=True)) >= {b.slug for b in REAL_BUILDINGS}
    assert set(Building.objects.values_list("name_zh", flat=True)) >= {
        "硅巷 NO.1",
        "硅巷创客厅",
        "武夷新象限",
        "翡悦里",
    }
    for building in Building.objects.filter(slug__in=[b.slug for b in REAL_BUILDINGS]):
        assert building.operator.kind == "incubator"
        assert building.units.exists(), building
    sites = RenewalSite.objects.all()
    assert {s.name_zh for s in sites} == {s.name_zh for s in RENEWAL_SITES}
    assert {"人民电器厂", "新联纺", "武夷路305号", "武夷路337号", "延安西路轨交站"} == {
        s.name_zh for s in sites
    }
    assert all(s.lead_unit.short_name == "区建管委" for s in sites)
    addresses = " ".join(Organization.objects.values_list("address", flat=True))
    assert all(street in addresses for street in ("愚园路", "武夷路", "定西路"))
    simit = Organization.objects.get(slug="simit")
    assert simit.outcomes.filter(status=ListingStatus.PUBLISHED).count() >= 20


def test_listings_are_mostly_published_with_some_stale_drafts_and_archived(district):
    today = timezone.localdate()
    statuses = Counter(TechOutcome.objects.values_list("status", flat=True))
    total = sum(statuses.values())
    assert statuses[ListingStatus.PUBLISHED] / total > 0.75
    assert statuses[ListingStatus.DRAFT] > 0 and statuses[ListingStatus.ARCHIVED] > 0
    published = TechOutcome.objects.filter(status=ListingStatus.PUBLISHED)
    assert published.filter(expires_on__lt=today).exists()
    assert published.filter(last_confirmed_at__lt=timezone.now() - timedelta(days=180)).exists()
    assert not published.filter(published_at__isnull=True).exists()


def test_a_fifth_of_the_texts_are_written_in_english_and_some_in_both_languages(district):
    everything = []
    for model in (TechOutcome, TechDemand, ServiceOffering, InvestorProfile):
        rows = list(model.objects.values_list("language", "title_zh", "title_en"))
        english = [r for r in rows if r[0] == "en"]
        # The curated service list of the government units is Chinese only, so services are lower.
        assert 0.1 <= len(english) / len(rows) <= 0.3, model
        assert all(r[2] for r in english) and all(r[1] for r in rows if r[0] == "zh")
        assert any(r[1] and r[2] for r in rows)
        everything += rows
    assert 0.18 <= sum(r[0] == "en" for r in everything) / len(everything) <= 0.26


def test_numbers_are_in_range_and_ordered(district):
    today = timezone.localdate()
    assert not TechDemand.objects.filter(deadline__lte=today).exists()
    for o in TechOutcome.objects.all():
        assert 1 <= o.trl <= 9
        assert o.price_min is None or o.price_min <= o.price_max
        assert set(o.cooperation_modes) <= {"transfer", "licence", "joint_development", "equity"}
        if o.ip_status == "patent_granted":
            assert o.patent_numbers.startswith("ZL")
    rents = SpaceUnit.objects.values_list("rent_per_sqm_day", flat=True)
    assert all(Decimal(3) <= r <= Decimal(12) for r in rents)
    assert all(p.ticket_min <= p.ticket_max for p in InvestorProfile.objects.all())


def test_generated_records_pass_model_validation(district):
    for model in (
        Organization,
        Person,
        TechOutcome,
        TechDemand,
        InvestorProfile,
        ServiceOffering,
        SpaceUnit,
        Building,
    ):
        for obj in model.objects.order_by("?")[:25]:
            obj.full_clean()


def test_outcome_texts_are_real_sentences_without_placeholders(district):
    for o in TechOutcome.objects.all():
        text = " ".join(
            [o.title_zh, o.title_en, o.summary_zh, o.summary_en, o.applications_zh, o.confidential_details]
        )
        assert "{" not in text and "}" not in text
    titles = Counter(TechOutcome.objects.values_list("title_zh", flat=True))
    assert len(titles) > 250  # composed, not a handful of repeated titles


@pytest.mark.django_db
def test_scale_two_doubles_the_generated_part():
    _, one = _load_and_roll_back(seed=3, scale=1)
    _, two = _load_and_roll_back(seed=3, scale=2)
    fixed = {  # rows that do not scale: the seed's entities, the showcase, curated services
        "listings.TechOutcome": 2,
        "listings.TechDemand": 3,
        "listings.InvestorProfile": 2,
        "directory.Person": 2,
        "spaces.Building": len(REAL_BUILDINGS),
    }
    for label, n in fixed.items():
        assert two[label] - n == 2 * (one[label] - n), label
    assert two["spaces.SpaceUnit"] == 2 * one["spaces.SpaceUnit"] == 2 * SPACES
    generated_orgs = sum(
        GENERATED_ORGS[k]
        for k in ("enterprise", "investor", "service_provider", "incubator", "institute", "platform")
    )
    assert two["directory.Organization"] - one["directory.Organization"] == generated_orgs
    assert two["catalogue.ServiceOffering"] - one["catalogue.ServiceOffering"] == SERVICES
    assert two["accounts.User (demo)"] == one["accounts.User (demo)"]
