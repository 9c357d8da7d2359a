from datetime import date, timedelta

from django.utils import timezone

from alleyhub.notifications.models import Notification
from alleyhub.plans.models import PlanItem
from alleyhub.plans.selectors import late_items, stale_items
from alleyhub.plans.services import plan_flag_and_remind, update_post

from .. import factories as f


def test_late_items_are_marked_and_their_unit_reminded_once(world):
    # world: a1 and a2 are due 2025-06-30, long past.
    PlanItem.objects.filter(pk=world.a1.pk).update(status="done", progress=100)
    first = plan_flag_and_remind()
    assert first["marked_late"] == 2  # a2 and the task (due 2025-12-31)
    assert set(late_items().values_list("pk", flat=True)) == {world.a2.pk, world.task.pk}
    assert PlanItem.objects.get(pk=world.a2.pk).status == "late"
    assert Notification.objects.filter(recipient=world.staff_a, code="plans.item.late").count() == 2
    again = plan_flag_and_remind()
    assert again == {"marked_late": 0, "late_reminders": 0, "stale_reminders": 0}
    assert Notification.objects.filter(code="plans.item.late").count() == 2
    assert not Notification.objects.filter(recipient=world.staff_c).exists()


def test_items_without_an_update_for_30_days_are_flagged_and_reminded_once(world):
    p = f.plan(year_end=2030)
    fresh_item = f.item(
        p, actor=world.lead, lead_unit=world.unit_b, due_date=date.today() + timedelta(days=300)
    )
    quiet = f.item(p, actor=world.lead, lead_unit=world.unit_b, due_date=date.today() + timedelta(days=300))
    long_ago = timezone.now() - timedelta(days=60)
    PlanItem.objects.filter(pk__in=[fresh_item.pk, quiet.pk]).update(created_at=long_ago)
    update_post(item=fresh_item, actor=world.staff_b, text="本月进展", progress=10)
    assert set(stale_items(plan=p).values_list("pk", flat=True)) == {quiet.pk}
    counts = plan_flag_and_remind()
    assert counts["stale_reminders"] == 1
    assert Notification.objects.filter(recipient=world.staff_b, code="plans.item.stale").count() == 1
    assert plan_flag_and_remind()["stale_reminders"] == 0
    # A new update, then silence again: a new reminder (a new key).
    update_post(item=quiet, actor=world.staff_b, text="补报", progress=5)
    later = timezone.now() + timedelta(days=31)
    plan_flag_and_remind(now=later)
    assert Notification.objects.filter(recipient=world.staff_b, code="plans.item.stale").count() == 3
