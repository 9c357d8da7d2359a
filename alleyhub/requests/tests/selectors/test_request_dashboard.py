"""Task-force dashboard figures on a known fixture."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.requests.models import Action, Category
from alleyhub.requests.selectors import dashboard_for_user
from alleyhub.requests.services import request_act

from ..conftest import at
from ..factories import RoutingRuleFactory, submit

NOW = at(2026, 11, 20, 12, 0)


@pytest.fixture
def fixture(world):
    RoutingRuleFactory(category=Category.LAW, responsible_unit=world.other_unit)
    s, u, e = world.unit_staff, world.other_staff, world.ent_user

    def act(req, action, actor, when, **kw):
        return request_act(request_id=req.pk, action=action, actor=actor, now=when, **kw)

    r1 = submit(org=world.ent, user=e, now=at(2026, 11, 2, 9))
    act(r1, Action.ACCEPT, s, at(2026, 11, 2, 21))  # 0.5 working day
    act(r1, Action.ANSWER, s, at(2026, 11, 4, 9), note="a")  # 1.5 working days, on time
    act(r1, Action.CLOSE, e, at(2026, 11, 4, 10), score=4)
    r2 = submit(org=world.ent, user=e, now=at(2026, 11, 2, 9))
    act(r2, Action.ACCEPT, s, at(2026, 11, 3, 9))  # 1 working day
    act(r2, Action.ANSWER, s, at(2026, 11, 13, 9), note="b")  # 8 working days, late
    act(r2, Action.CLOSE, e, at(2026, 11, 13, 10), score=2)
    r3 = submit(org=world.ent, user=e, now=at(2026, 11, 5, 9))  # never accepted: overdue
    r4 = submit(org=world.other_ent, user=world.other_ent_user, category=Category.LAW, now=at(2026, 11, 2, 9))
    act(r4, Action.ACCEPT, u, at(2026, 11, 2, 15))  # 0.25 working day
    act(r4, Action.START, u, at(2026, 11, 2, 16))  # answer due end of 9 November: overdue
    # Outside the range: counts only in the overdue list.
    r5 = submit(org=world.ent, user=e, now=at(2026, 10, 20, 9))
    return r1, r2, r3, r4, r5


def test_dashboard_figures_for_a_date_range(world, fixture):
    r1, r2, r3, r4, r5 = fixture
    d = dashboard_for_user(user=world.lead, start=date(2026, 11, 1), end=date(2026, 11, 15), now=NOW)
    t = d.totals
    assert (t.submitted, t.open, t.overdue) == (4, 2, 2)
    assert t.median_days_to_accept == 0.5
    assert t.median_days_to_answer == 4.75
    assert (t.answered, t.answered_on_time, t.on_time_share, t.on_time_percent) == (2, 1, 0.5, 50)
    assert (t.rating_avg, t.rating_count) == (3.0, 2)
    per_unit = {unit.slug: f for unit, f in d.per_unit}
    a, b = per_unit["kewei"], per_unit["renshe"]
    assert (a.submitted, a.open, a.overdue, a.median_days_to_accept, a.rating_avg) == (3, 1, 1, 0.75, 3.0)
    assert (b.submitted, b.open, b.overdue, b.median_days_to_accept, b.median_days_to_answer) == (
        1,
        1,
        1,
        0.25,
        None,
    )
    assert b.rating_avg is None and b.on_time_share is None
    open_counts = {e["unit"].slug: e["counts"] for e in d.open_by_unit_status}
    assert open_counts == {"kewei": {"submitted": 1}, "renshe": {"in_progress": 1}}
    assert [r.pk for r in d.overdue] == [r5.pk, r3.pk, r4.pk]  # earliest due first (6 Nov, 9 Nov)


def test_a_narrow_range_counts_only_its_requests(world, fixture):
    d = dashboard_for_user(user=world.operator, start=date(2026, 11, 5), end=date(2026, 11, 5), now=NOW)
    assert d.totals.submitted == 1 and d.totals.rating_avg is None and d.totals.median_days_to_accept is None


@pytest.mark.parametrize("who", ["unit_staff", "ent_user", "public"])
def test_only_the_task_force_and_operators_see_the_dashboard(world, who):
    with pytest.raises(PermissionDenied):
        dashboard_for_user(user=getattr(world, who), start=date(2026, 11, 1), end=date(2026, 11, 2))


def test_a_reopened_request_does_not_count_as_answered_in_no_time(world):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 2, 9))
    request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, now=at(2026, 11, 2, 9))
    request_act(
        request_id=req.pk, action=Action.ANSWER, actor=world.unit_staff, note="a", now=at(2026, 11, 3, 9)
    )
    request_act(
        request_id=req.pk, action=Action.REOPEN, actor=world.ent_user, note="b", now=at(2026, 11, 4, 9)
    )
    d = dashboard_for_user(user=world.lead, start=date(2026, 11, 1), end=date(2026, 11, 30), now=NOW)
    assert d.totals.median_days_to_answer is None
    assert d.totals.open == 1
