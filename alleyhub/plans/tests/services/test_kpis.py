from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alleyhub.brokerage.models import Case
from alleyhub.core.exceptions import ApplicationError
from alleyhub.directory.models import Organization
from alleyhub.plans.kpis import COMPUTATIONS
from alleyhub.plans.models import Kpi, KpiTarget, KpiValue
from alleyhub.plans.selectors import kpi_actual, kpi_actual_vs_target, kpi_row, kpi_trend
from alleyhub.plans.services import kpi_value_enter, kpi_value_review

THIS_YEAR = timezone.localdate().year


def _kpi(code="kpi", **kw) -> Kpi:
    defaults = {"name_zh": "指标", "unit_zh": "家", "source": "computed", "computation": "enterprises_joined"}
    return Kpi.objects.create(code=code, **{**defaults, **kw})


def test_enterprises_joined_counts_real_rows_by_kind_and_period(db):
    for i, kind in enumerate(["enterprise", "enterprise", "institute", "government_unit"]):
        Organization.objects.create(kind=kind, name_zh=f"机构{i}", slug=f"kpi-org-{i}")
    last_year = Organization.objects.create(kind="enterprise", name_zh="去年", slug="kpi-old")
    Organization.objects.filter(pk=last_year.pk).update(created_at=timezone.now().replace(year=THIS_YEAR - 1))
    kpi = _kpi()
    assert kpi_actual(kpi, THIS_YEAR) == 2
    assert kpi_actual(kpi, THIS_YEAR - 1) == 1
    all_orgs = _kpi("all", computation="orgs_joined")
    assert kpi_actual(all_orgs, THIS_YEAR) == 3  # government units do not count


def test_every_registered_computation_runs_on_an_empty_database(db):
    start, end = date(THIS_YEAR, 1, 1), date(THIS_YEAR + 1, 1, 1)
    for comp in COMPUTATIONS.values():
        assert comp.fn(start, end) >= 0, comp.name


def test_signed_cases_and_amounts(world):
    from alleyhub.brokerage.tests.factories import CaseFactory  # type: ignore[attr-defined]

    case = CaseFactory()
    Case.objects.filter(pk=case.pk).update(
        stage="signed",
        contract_type="license",
        contract_amount=Decimal(2_500_000),
        contract_date=timezone.localdate(),
    )
    assert kpi_actual(_kpi("cases", computation="cases_signed"), THIS_YEAR) == 1
    assert kpi_actual(_kpi("amount", computation="contract_amount"), THIS_YEAR) == Decimal(250)


def test_actual_vs_target_and_the_yearly_trend(world):
    kpi = _kpi()
    KpiTarget.objects.create(kpi=kpi, year=THIS_YEAR, value=4)
    KpiTarget.objects.create(kpi=kpi, year=THIS_YEAR - 1, value=3)
    Organization.objects.create(kind="enterprise", name_zh="新企业", slug="kpi-new")
    row = kpi_row(kpi, THIS_YEAR)
    assert (row.actual, row.target, row.ratio, row.met) == (1, 4, Decimal("25.0"), False)
    trend = kpi_trend(kpi=kpi)
    assert [p["period"] for p in trend] == [str(THIS_YEAR - 1), str(THIS_YEAR)]
    assert trend[-1]["target"] == 4
    assert [r.kpi.code for r in kpi_actual_vs_target(user=world.lead)] == ["kpi"]


def test_a_unit_enters_a_value_and_the_task_force_approves_it(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    kpi = _kpi("incubated", source="entered", computation="", responsible_unit=world.unit_a, direction="up")
    row = kpi_value_enter(
        kpi=kpi,
        actor=world.staff_a,
        year=THIS_YEAR - 1,
        value=33,
        evidence=SimpleUploadedFile("统计表.pdf", b"%PDF-1.4"),
    )
    assert kpi_actual(kpi, THIS_YEAR - 1) is None  # not before approval
    kpi_value_review(value_id=row.pk, action="accept", actor=world.lead)
    assert kpi_actual(kpi, THIS_YEAR - 1) == 33
    with pytest.raises(PermissionDenied):
        kpi_value_review(value_id=row.pk, action="accept", actor=world.staff_a)


def test_a_value_for_a_future_period_is_refused(world):
    kpi = _kpi("incubated", source="entered", computation="", responsible_unit=world.unit_a)
    today = timezone.localdate()
    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    with pytest.raises(ValidationError):
        kpi_value_enter(kpi=kpi, actor=world.staff_a, year=next_month.year, month=next_month.month, value=1)
    with pytest.raises(ValidationError):
        kpi_value_enter(kpi=kpi, actor=world.staff_a, year=THIS_YEAR + 1, value=1)
    assert not KpiValue.objects.exists()


def test_only_the_kpis_unit_enters_and_computed_kpis_take_no_entries(world):
    kpi = _kpi("incubated", source="entered", computation="", responsible_unit=world.unit_a)
    for actor in (world.staff_c, world.member):
        with pytest.raises(PermissionDenied):
            kpi_value_enter(kpi=kpi, actor=actor, year=THIS_YEAR - 1, value=1)
    with pytest.raises(ApplicationError):
        kpi_value_enter(kpi=_kpi(), actor=world.lead, year=THIS_YEAR - 1, value=1)
    assert not KpiValue.objects.exists()
