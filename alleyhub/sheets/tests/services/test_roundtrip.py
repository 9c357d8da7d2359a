"""Export → import of the same file reports 0 changes, for every kind, in .xlsx and .csv."""

import io

import pytest

from alleyhub.core.models import ListingStatus
from alleyhub.sheets import exports, importer, reading, writing
from alleyhub.sheets.specs import SPECS

from ..factories import (
    AffiliationFactory,
    BuildingFactory,
    IndustryFactory,
    InvestorProfileFactory,
    OperatorFactory,
    OrganizationFactory,
    PersonFactory,
    ServiceOfferingFactory,
    SpaceUnitFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    ic = IndustryFactory(code="ic", name_zh="集成电路", name_en="Integrated circuits")
    ai = IndustryFactory(code="ai", name_zh="人工智能", name_en="AI")
    simit = OrganizationFactory(
        name_zh="中国科学院上海微系统与信息技术研究所", kind="institute", credit_code="12100000425006117P"
    )
    simit.industries.set([ic])
    plain = OrganizationFactory(
        name_zh="硅巷创客厅", name_en="", kind="incubator", contact_phone="+86 21 6222 0000"
    )
    outcome = TechOutcomeFactory(
        owner=simit,
        title_zh="=cmd|' /C calc'!A0",
        trl=6,
        price_min=100,
        price_max=200,
        cooperation_modes=["licence", "transfer"],
    )
    outcome.industries.set([ic, ai])
    TechOutcomeFactory(owner=plain, status=ListingStatus.DRAFT, title_zh="草稿成果")
    TechDemandFactory(owner=plain, title_zh="散热方案", budget_min=500000, budget_max=None)
    InvestorProfileFactory(owner=plain, title_zh="早期基金", stages=["seed"])
    ServiceOfferingFactory(owner=plain, title_zh="科技贷", stages=["startup", "growth"], is_free=True)
    building = BuildingFactory(slug="silicon-alley-no1")
    SpaceUnitFactory(
        owner=plain,
        building=building,
        title_zh="3楼东区",
        area_sqm="120.50",
        rent_per_sqm_day="6.5",
        facilities=["会议室", "路演厅"],
    )
    person = PersonFactory(name_zh="李明", email="li@example.cn", kind="expert")
    person.industries.set([ai])
    AffiliationFactory(person=person, organization=simit, position="课题组长")
    return simit


def export_file(kind, user, fmt):
    spec = SPECS[kind]
    qs = exports.export_queryset(kind=kind, user=user, params={})
    rows = writing.export_rows(spec, exports.export_objects(spec, qs, user=user), exports.export_lookups())
    if fmt == "csv":
        return io.BytesIO("".join(writing.csv_stream(spec, rows)).encode("utf-8"))
    return writing.xlsx_file([(spec, rows)])


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", list(SPECS))
def test_an_export_imports_back_with_no_change(district, kind, fmt):
    operator = OperatorFactory()
    with export_file(kind, operator, fmt) as handle:
        report = importer.run(reading.open_sheets(handle), actor=operator, write=False, kind_hint=kind)
    totals = report.totals()
    assert report.errors == []
    assert totals["rows"] >= 1
    assert (totals["create"], totals["update"]) == (0, 0), [c["diff"] for c in report.changes]
    assert totals["unchanged"] == totals["rows"]


def test_cells_that_look_like_formulas_are_escaped_in_the_export(district):
    operator = OperatorFactory()
    text = export_file("outcomes", operator, "csv").read().decode("utf-8")
    assert "'=cmd" in text
    text = export_file("organizations", operator, "csv").read().decode("utf-8")
    assert "'+86 21 6222 0000" in text
