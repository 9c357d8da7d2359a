from decimal import Decimal

import pytest

from alleyhub.plans.models import PlanItem
from alleyhub.plans.rollup import weighted_mean
from alleyhub.plans.services import item_move_status, item_progress_override, item_update

from .. import factories as f


def _p(item) -> PlanItem:
    return PlanItem.objects.get(pk=item.pk)


def test_weighted_mean_counts_zero_weights_as_equal():
    assert weighted_mean([(Decimal(100), Decimal(0)), (Decimal(0), Decimal(0))]) == Decimal("50.0")
    assert weighted_mean([(Decimal(100), Decimal(3)), (Decimal(0), Decimal(1))]) == Decimal("75.0")
    assert weighted_mean([]) is None


def test_parent_is_the_equal_mean_of_its_children_by_default(world):
    item_update(item_id=world.a1.pk, actor=world.lead, progress=80)
    item_update(item_id=world.a2.pk, actor=world.lead, progress=40)
    assert _p(world.task).progress == Decimal("60.0")
    assert _p(world.task).computed_progress == Decimal("60.0")


def test_weights_change_the_mean_and_recompute_in_the_same_call(world):
    item_update(item_id=world.a1.pk, actor=world.lead, progress=100, weight=Decimal(3))
    assert _p(world.task).progress == Decimal("75.0")  # (100*3 + 0*1) / 4
    item_update(item_id=world.a2.pk, actor=world.lead, progress=100)
    assert _p(world.task).progress == Decimal("100.0")


def test_rollup_reaches_every_ancestor(world):
    leaf = f.item(world.plan, world.a1, actor=world.lead, due_date=world.a1.due_date)
    item_update(item_id=leaf.pk, actor=world.lead, progress=50)
    assert _p(world.a1).progress == Decimal("50.0")
    assert _p(world.task).progress == Decimal("25.0")


def test_dropped_children_do_not_count(world):
    item_update(item_id=world.a1.pk, actor=world.lead, progress=80)
    item_move_status(item_id=world.a2.pk, action="drop", actor=world.lead, note="并入其他专项")
    assert _p(world.task).progress == Decimal("80.0")


def test_override_keeps_the_computed_figure_beside_it_and_survives_child_changes(world):
    item_update(item_id=world.a1.pk, actor=world.lead, progress=40)
    item_progress_override(item_id=world.task.pk, actor=world.lead, progress=90, reason="按区政府督查口径")
    item_update(item_id=world.a2.pk, actor=world.lead, progress=60)
    task = _p(world.task)
    assert (task.progress, task.progress_overridden, task.computed_progress) == (
        Decimal(90),
        True,
        Decimal("50.0"),
    )
    assert task.override_reason == "按区政府督查口径"
    item_progress_override(item_id=world.task.pk, actor=world.lead, progress=None)
    task = _p(world.task)
    assert (task.progress, task.progress_overridden) == (Decimal("50.0"), False)


def test_override_needs_a_reason(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        item_progress_override(item_id=world.task.pk, actor=world.lead, progress=90, reason=" ")
    assert _p(world.task).progress_overridden is False


def test_moving_a_child_rolls_up_both_parents(world):
    other = f.item(world.plan, actor=world.lead)
    item_update(item_id=world.a1.pk, actor=world.lead, progress=100)
    item_update(item_id=world.a2.pk, actor=world.lead, progress=20)
    assert _p(world.task).progress == Decimal("60.0")
    item_update(item_id=world.a1.pk, actor=world.lead, parent=other)
    assert _p(world.task).progress == Decimal("20.0")
    assert _p(other).progress == Decimal("100.0")
