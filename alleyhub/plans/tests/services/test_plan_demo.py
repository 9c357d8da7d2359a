import io

import pytest

from alleyhub.demo.loader import load_district
from alleyhub.plans.models import ItemKind, Kpi, KpiTarget, PlanItem, ProgressUpdate
from alleyhub.plans.selectors import late_items


@pytest.fixture
def _demo(db):
    load_district(
        seed=2026,
        stdout=io.StringIO(),
        hook_apps={"requests", "plans"},
        strict_hooks=True,
        rebuild_index=False,
        schedule_embedding=False,
    )


@pytest.mark.usefixtures("_demo")
def test_the_demo_plan_reads_as_the_seed():
    def n(kind):
        return PlanItem.objects.filter(kind=kind).count()

    assert (n(ItemKind.MAJOR_TASK), n(ItemKind.SPECIAL_PROJECT), n(ItemKind.GUARANTEE)) == (4, 6, 5)
    assert (
        PlanItem.objects.filter(kind=ItemKind.SUB_ITEM, parent__kind=ItemKind.SPECIAL_PROJECT).count() == 12
    )
    assert n(ItemKind.SPECIAL_ACTION) == 7 and n(ItemKind.WORK_POINT) == 5
    assert not PlanItem.objects.filter(lead_unit=None).exists()
    assert late_items().count() >= 3
    years = set(ProgressUpdate.objects.dates("created_at", "year"))
    assert len(years) >= 2
    assert (
        Kpi.objects.filter(source="computed").count() >= 8 and Kpi.objects.filter(source="entered").exists()
    )
    assert set(KpiTarget.objects.values_list("year", flat=True)) >= {2023, 2024, 2025}
