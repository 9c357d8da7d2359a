from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alleyhub.core.exceptions import ConflictError
from alleyhub.plans.models import PlanItem
from alleyhub.plans.services import item_create, item_update

from .. import factories as f


def test_progress_outside_0_100_is_refused_and_nothing_changes(world):
    for bad in (-1, Decimal("100.1"), 250):
        with pytest.raises(ValidationError) as exc:
            item_update(item_id=world.a1.pk, actor=world.lead, progress=bad)
        assert "progress" in exc.value.error_dict
    assert PlanItem.objects.get(pk=world.a1.pk).progress == 0
    assert PlanItem.objects.get(pk=world.task.pk).progress == 0


def test_a_child_due_after_its_parent_is_refused(world):
    count = PlanItem.objects.count()
    with pytest.raises(ValidationError) as exc:
        item_create(
            plan=world.plan,
            parent=world.task,
            actor=world.lead,
            kind="sub_item",
            title_zh="超期子项",
            due_date=date(2026, 3, 1),
        )
    assert "due_date" in exc.value.error_dict
    assert PlanItem.objects.count() == count
    with pytest.raises(ValidationError):
        item_update(item_id=world.a1.pk, actor=world.lead, due_date=date(2026, 1, 1))


def test_a_parent_cannot_move_its_due_date_before_a_childs(world):
    with pytest.raises(ValidationError) as exc:
        item_update(item_id=world.task.pk, actor=world.lead, due_date=date(2025, 3, 1))
    assert "due_date" in exc.value.error_dict
    assert PlanItem.objects.get(pk=world.task.pk).due_date == date(2025, 12, 31)


def test_moving_an_item_under_itself_or_its_descendant_is_a_cycle(world):
    leaf = f.item(world.plan, world.a1, actor=world.lead, due_date=date(2025, 1, 1))
    for target in (world.task, world.a1, leaf):
        with pytest.raises(ValidationError) as exc:
            item_update(item_id=world.task.pk, actor=world.lead, parent=target)
        assert "parent" in exc.value.error_dict
    assert PlanItem.objects.get(pk=world.task.pk).parent_id is None


def test_a_parent_figure_is_not_set_directly(world):
    with pytest.raises(ValidationError):
        item_update(item_id=world.task.pk, actor=world.lead, progress=50)


def test_only_owners_edit_the_tree(world):
    for actor in (world.staff_a, world.member):
        with pytest.raises(PermissionDenied):
            item_update(item_id=world.a1.pk, actor=actor, title_zh="改名")
        with pytest.raises(PermissionDenied):
            item_create(plan=world.plan, actor=actor, kind="major_task", title_zh="新任务")
    item_update(item_id=world.a1.pk, actor=world.operator, title_zh="改名")


def test_a_stale_version_is_a_conflict(world):
    version = world.a1.version
    item_update(item_id=world.a1.pk, actor=world.lead, title_zh="第一次")
    with pytest.raises(ConflictError):
        item_update(item_id=world.a1.pk, actor=world.lead, title_zh="第二次", expected_version=version)
    assert PlanItem.objects.get(pk=world.a1.pk).title_zh == "第一次"


def test_the_lead_unit_must_be_a_government_unit(world):
    from alleyhub.directory.models import Organization

    firm = Organization.objects.create(kind="enterprise", name_zh="某企业", slug="pl-firm")
    with pytest.raises(ValidationError):
        item_update(item_id=world.a1.pk, actor=world.lead, lead_unit=firm)
