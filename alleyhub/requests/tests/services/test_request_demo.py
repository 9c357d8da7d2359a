"""The demo hook: requests in every status, overdue and holiday cases, ratings, rules for the real units."""

import io
import random

from alleyhub.accounts.models import Role
from alleyhub.core.demo_context import DemoContext
from alleyhub.directory.models import Industry
from alleyhub.requests import demo
from alleyhub.requests.deadlines import RED, current_deadline
from alleyhub.requests.models import (
    Category,
    EnterpriseRequest,
    Escalation,
    RequestRating,
    RequestStatus,
    RoutingRule,
)
from alleyhub.requests.routing import task_force_unit

from ..conftest import at
from ..factories import OrganizationFactory, UnitFactory, member

UNIT_SLUGS = [
    "changning-stc",
    "changning-samr",
    "changning-hrss",
    "changning-tax",
    "changning-ipa",
    "huayang-subdistrict",
    "changning-fgw",
    "changning-jgw",
]


def make_ctx(db_now):
    units = {slug: UnitFactory(slug=slug, name_zh=slug) for slug in UNIT_SLUGS}
    tf = task_force_unit()
    units["task-force"] = tf
    lead = member(tf, role=Role.TASK_FORCE, admin=True, username="demo-taskforce")
    unit_user = member(units["changning-stc"], role=Role.UNIT_STAFF, username="demo-unit")
    showcase = OrganizationFactory(slug="showcase-enterprise")
    ent_user = member(showcase, username="demo-enterprise", admin=True)
    others = [OrganizationFactory() for _ in range(6)]
    return DemoContext(
        seed=7,
        scale=1,
        batch_size=100,
        rng=random.Random(7),
        now=db_now,
        today=db_now.date(),
        stdout=io.StringIO(),
        users={"task_force": lead, "unit_staff": unit_user, "enterprise": ent_user},
        orgs={"showcase-enterprise": showcase, **units},
        government_units=units,
        org_ids_by_kind={"enterprise": [showcase.pk] + [o.pk for o in others]},
        industries={"ic": Industry.objects.create(code="ic", name_zh="集成电路", name_en="IC")},
    )


def test_demo_has_every_status_overdue_holiday_cases_and_ratings(db):
    now = at(2026, 11, 27, 10, 0)
    ctx = make_ctx(now)
    demo.load(ctx)
    statuses = set(EnterpriseRequest.objects.values_list("status", flat=True))
    assert statuses == set(RequestStatus.values)
    assert {r.category for r in RoutingRule.objects.all()} == set(Category.values) - {Category.OTHER}
    overdue = [
        r for r in EnterpriseRequest.objects.all() if (d := current_deadline(r, now)) and d.colour == RED
    ]
    assert len(overdue) >= 2
    colours = {d.colour for r in EnterpriseRequest.objects.all() if (d := current_deadline(r, now))}
    assert colours == {"green", "yellow", "red"}
    assert Escalation.objects.count() == len(overdue)
    assert ctx.counts["requests.Escalation"] == len(overdue)
    national_day = EnterpriseRequest.objects.get(submitted_at=at(2026, 9, 30, 16))
    assert national_day.accept_due_at == at(2026, 10, 9) and national_day.status == "closed"
    assert EnterpriseRequest.objects.filter(submitted_at=at(2026, 2, 13, 10)).exists()
    assert RequestRating.objects.count() >= 5
    assert EnterpriseRequest.objects.filter(responsible_unit__slug="task-force").exists()  # fallback
    assert not any("missing" in line for line in ctx.stdout.getvalue().splitlines())


def test_demo_is_deterministic_for_a_seed(db):
    ctx = make_ctx(at(2026, 11, 27, 10, 0))

    def snapshot():
        return list(
            EnterpriseRequest.objects.order_by("pk").values_list(
                "organization__slug", "title", "status", "submitted_at", "contact_preference"
            )
        )

    demo.load(ctx)
    first = snapshot()
    assert len(first) > 15
    EnterpriseRequest.objects.all().delete()
    RoutingRule.objects.all().delete()
    ctx.rng = random.Random(7)
    demo.load(ctx)
    assert snapshot() == first
