from dataclasses import dataclass
from datetime import date

import pytest

from alleyhub.accounts.models import Role
from alleyhub.plans.models import ActionPlan, PlanItem

from . import factories as f


@dataclass
class World:
    """A plan with a task of two sub-items, led by unit A (B cooperates on the first); staff of
    A, B and an unrelated unit C; a task-force member and an operator."""

    plan: ActionPlan
    task: PlanItem
    a1: PlanItem
    a2: PlanItem
    unit_a: object
    unit_b: object
    unit_c: object
    staff_a: object
    staff_b: object
    staff_c: object
    lead: object
    operator: object
    member: object


@pytest.fixture
def world(db) -> World:
    lead = f.task_force()
    ua, ub, uc = f.unit("区科委"), f.unit("华阳路街道"), f.unit("区税务局")
    p = f.plan()
    task = f.item(p, actor=lead, title_zh="集聚创新要素", lead_unit=ua, due_date=date(2025, 12, 31))
    a1 = f.item(
        p,
        task,
        actor=lead,
        title_zh="院地合作",
        lead_unit=ua,
        due_date=date(2025, 6, 30),
        links={"cooperating_units": [ub]},
    )
    a2 = f.item(p, task, actor=lead, title_zh="孵化器培育", lead_unit=ua, due_date=date(2025, 6, 30))
    return World(
        plan=p,
        task=task,
        a1=a1,
        a2=a2,
        unit_a=ua,
        unit_b=ub,
        unit_c=uc,
        staff_a=f.staff(ua),
        staff_b=f.staff(ub),
        staff_c=f.staff(uc),
        lead=lead,
        operator=f.user(Role.OPERATOR),
        member=f.user(Role.MEMBER),
    )
