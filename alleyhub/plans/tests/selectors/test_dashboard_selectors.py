"""The selectors the dashboards and reports build on (docs/plan.md)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from alleyhub.plans.models import Kpi, PlanItem
from alleyhub.plans.selectors import (
    PlanFilter,
    item_list,
    kpi_trend,
    late_items,
    plan_tree,
    progress_by_task,
    progress_by_unit,
)
from alleyhub.plans.services import (
    item_move_status,
    item_update,
    kpi_value_enter,
    kpi_value_review,
    update_post,
)

from .. import factories as f


def test_progress_by_task_counts_what_is_below_each_top_item(world):
    item_update(item_id=world.a1.pk, actor=world.lead, progress=100)
    item_move_status(item_id=world.a1.pk, action="done", actor=world.lead)
    rows = progress_by_task(plan=world.plan)
    assert len(rows) == 1
    row = rows[0]
    assert row["item"] == world.task and row["progress"] == Decimal("50.0")
    assert (row["items"], row["done"], row["late"]) == (2, 1, 1)  # a2 is past due (2025-06-30)


def test_progress_by_unit_lists_each_lead_unit_with_late_and_pending(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    other = f.item(
        world.plan, actor=world.lead, lead_unit=world.unit_b, due_date=date.today() + timedelta(days=90)
    )
    item_update(item_id=other.pk, actor=world.lead, progress=30)
    update_post(item=other, actor=world.staff_b, text="推进中", progress=40)
    rows = {r["unit"]: r for r in progress_by_unit(plan=world.plan)}
    assert rows[world.unit_a]["items"] == 3 and rows[world.unit_a]["late"] == 3
    assert rows[world.unit_b]["progress"] == Decimal("30.0") and rows[world.unit_b]["pending_updates"] == 1
    assert list(rows)[0] == world.unit_a  # most late first


def test_late_items_are_the_overdue_open_ones(world):
    item_move_status(item_id=world.a2.pk, action="drop", actor=world.lead, note="合并")
    assert list(late_items(plan=world.plan, today=date(2025, 7, 1))) == [world.a1]
    assert list(late_items(plan=world.plan, today=date(2025, 6, 30))) == []


def test_the_tree_filters_by_year_and_status_and_keeps_ancestors(world):
    later = f.item(world.plan, actor=world.lead, start_date=date(2026, 1, 1), due_date=date(2026, 12, 31))
    rows = plan_tree(user=world.lead, params=PlanFilter(year=2026))
    assert [r.item for r in rows] == [later]
    item_move_status(item_id=world.a2.pk, action="start", actor=world.lead)
    rows = plan_tree(user=world.lead, params=PlanFilter(status="on_track"))
    assert [(r.item, r.matched, r.depth) for r in rows] == [(world.task, False, 0), (world.a2, True, 1)]
    # The API list uses the same selector: the same items for the same filter.
    assert list(item_list(user=world.lead, params=PlanFilter(status="on_track"))) == [world.a2]


def test_monthly_trend_of_an_entered_kpi(world):
    today = timezone.localdate()
    kpi = Kpi.objects.create(
        code="m", name_zh="月度指标", unit_zh="个", source="entered", responsible_unit=world.unit_a
    )
    row = kpi_value_enter(kpi=kpi, actor=world.staff_a, year=today.year, month=1, value=5)
    kpi_value_review(value_id=row.pk, action="accept", actor=world.lead)
    months = kpi_trend(kpi=kpi, by="month")
    assert months[0] == {"period": f"{today.year}-01", "actual": Decimal(5), "target": None}
    assert len(months) == today.month  # no future months
    assert PlanItem.objects.count() == 3
