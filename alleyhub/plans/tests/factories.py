from datetime import date

from alleyhub.accounts.models import Membership, Role, User
from alleyhub.directory.models import Organization, OrganizationKind
from alleyhub.plans.models import ActionPlan, ItemKind, PlanItem

_n = {"i": 0}


def _next() -> int:
    _n["i"] += 1
    return _n["i"]


def unit(name: str = "") -> Organization:
    n = _next()
    return Organization.objects.create(
        kind=OrganizationKind.GOVERNMENT_UNIT,
        name_zh=name or f"区部门{n}",
        short_name=name or f"部门{n}",
        slug=f"pl-unit-{n}",
    )


def user(role: str = Role.MEMBER, *, org: Organization | None = None, name: str = "") -> User:
    n = _next()
    u = User.objects.create_user(
        f"pl-user-{n}", f"pl-{n}@example.cn", "pw-12345678", role=role, display_name=name
    )
    if org is not None:
        Membership.objects.create(user=u, organization=org)
    return u


def staff(org: Organization) -> User:
    return user(Role.UNIT_STAFF, org=org)


def task_force() -> User:
    return user(Role.TASK_FORCE)


def plan(**kw) -> ActionPlan:
    n = _next()
    defaults = {"slug": f"plan-{n}", "title_zh": f"行动方案{n}", "year_start": 2023, "year_end": 2025}
    return ActionPlan.objects.create(**{**defaults, **kw})


def item(p: ActionPlan, parent: PlanItem | None = None, *, actor=None, **kw) -> PlanItem:
    from alleyhub.plans.services import item_create

    n = _next()
    defaults = {
        "kind": ItemKind.SUB_ITEM if parent else ItemKind.MAJOR_TASK,
        "title_zh": f"事项{n}",
        "code": str(n),
        "start_date": date(2023, 1, 1),
        "due_date": date(2025, 12, 31),
    }
    return item_create(plan=p, parent=parent, actor=actor or task_force(), **{**defaults, **kw})
