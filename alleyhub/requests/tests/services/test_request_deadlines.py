"""Deadlines in working days, their colours, and escalation to the task-force lead."""

from datetime import timedelta

import pytest

from alleyhub.notifications.models import Notification
from alleyhub.requests.deadlines import GREEN, RED, YELLOW, current_deadline
from alleyhub.requests.models import Action, Category, CategoryDeadline, Escalation
from alleyhub.requests.services import request_act, requests_escalate_overdue
from alleyhub.requests.tasks import PERIODIC_TASKS, requests_check_deadlines

from ..conftest import at
from ..factories import submit


def test_request_submitted_on_the_eve_of_national_day_2026_is_due_after_the_holiday(world):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 9, 30, 16, 0))
    assert req.accept_due_at == at(2026, 10, 9, 0, 0)  # end of Thursday 8 October
    req = request_act(
        request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, now=at(2026, 10, 8, 9, 0)
    )
    # 5 working days after 8 October: 9, Saturday 10, 12, 13, 14.
    assert req.answer_due_at == at(2026, 10, 15, 0, 0)


def test_request_submitted_before_spring_festival_2026_counts_the_adjusted_saturdays(world):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 2, 13, 11, 0))
    assert req.accept_due_at == at(2026, 2, 15, 0, 0)  # Saturday 14 February is a working day
    req = request_act(
        request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, now=at(2026, 2, 14, 9, 0)
    )
    # 24, 25, 26, 27 February and Saturday 28 February.
    assert req.answer_due_at == at(2026, 3, 1, 0, 0)


def test_answer_days_are_configurable_per_category(world):
    CategoryDeadline.objects.create(category=Category.FINANCE, accept_days=2, answer_days=10)
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 2, 9))  # Monday
    assert (req.accept_days, req.answer_days) == (2, 10)
    assert req.accept_due_at == at(2026, 11, 5, 0, 0)
    # A later change of the setting does not move this request's deadlines.
    CategoryDeadline.objects.filter(category=Category.FINANCE).update(answer_days=3)
    req = request_act(
        request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, now=at(2026, 11, 2, 10)
    )
    assert req.answer_due_at == at(2026, 11, 17, 0, 0)


def test_colour_turns_yellow_at_80_percent_and_red_when_overdue(world):
    # Submitted at Monday 00:00; 1 working day after Monday → due at the end of Tuesday (48 h).
    start = at(2026, 11, 2, 0, 0)
    req = submit(org=world.ent, user=world.ent_user, now=start)
    assert req.accept_due_at == start + timedelta(hours=48)
    assert current_deadline(req, start + timedelta(hours=38)).colour == GREEN
    assert current_deadline(req, start + timedelta(hours=38, minutes=24)).colour == YELLOW
    assert current_deadline(req, start + timedelta(hours=47, minutes=59)).colour == YELLOW
    assert current_deadline(req, start + timedelta(hours=48)).colour == RED
    req = request_act(
        request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, now=start + timedelta(hours=1)
    )
    d = current_deadline(req, start + timedelta(hours=2))
    assert d.kind == "answer" and d.colour == GREEN


def test_holidays_do_not_use_up_the_time(world):
    # Submitted at noon on 30 September 2026; the holiday week does not count, so on 7 October the
    # request has used only half of its single working day.
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 9, 30, 12, 0))
    d = current_deadline(req, at(2026, 10, 7, 23, 0))
    assert d.colour == GREEN and d.used == pytest.approx(0.5 / 1.5)
    assert current_deadline(req, at(2026, 10, 8, 20, 0)).colour == YELLOW


def test_no_clock_runs_once_answered(world):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 2, 9))
    req = request_act(
        request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, now=at(2026, 11, 2, 10)
    )
    req = request_act(
        request_id=req.pk, action=Action.ANSWER, actor=world.unit_staff, note="答复", now=at(2026, 11, 2, 11)
    )
    assert current_deadline(req, at(2027, 1, 1)) is None
    assert req.answered_on_time is True


def test_overdue_request_escalates_to_the_task_force_lead_exactly_once(world, mailoutbox):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 2, 9))
    assert requests_escalate_overdue(now=at(2026, 11, 2, 23)) == []
    created = requests_escalate_overdue(now=at(2026, 11, 4, 9))
    assert [(e.request, e.kind) for e in created] == [(req, "accept")]
    assert requests_escalate_overdue(now=at(2026, 11, 4, 10)) == []
    assert requests_escalate_overdue(now=at(2026, 11, 9, 10)) == []
    assert Escalation.objects.count() == 1
    lead_notes = Notification.objects.filter(recipient=world.lead, code="requests.request.escalated")
    assert lead_notes.count() == 1
    assert "超期 1 个工作日" in lead_notes.get().body  # due end of Tuesday, now Wednesday morning
    assert (
        Notification.objects.filter(recipient=world.unit_staff, code="requests.request.overdue").count() == 1
    )
    assert not Notification.objects.filter(
        recipient=world.tf_member, code="requests.request.escalated"
    ).exists()


def test_a_new_deadline_can_escalate_again_and_acting_resolves_the_escalation(world):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 2, 9))
    requests_escalate_overdue(now=at(2026, 11, 4, 9))
    req = request_act(
        request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, now=at(2026, 11, 4, 10)
    )
    assert Escalation.objects.get(kind="accept").resolved_at == at(2026, 11, 4, 10)
    created = requests_escalate_overdue(now=at(2026, 11, 12, 9))  # answer due end of 11 November
    assert [e.kind for e in created] == ["answer"]
    assert Escalation.objects.filter(request=req).count() == 2


def test_the_scheduled_task_escalates_and_is_registered_for_the_scheduler(world):
    submit(org=world.ent, user=world.ent_user, now=at(2020, 1, 6, 9))
    result = requests_check_deadlines.enqueue()
    assert result.return_value == 1
    assert requests_check_deadlines.enqueue().return_value == 0
    names = {name: (task, minutes) for name, task, minutes in PERIODIC_TASKS}
    assert names["requests_check_deadlines"][0] is requests_check_deadlines
    assert names["requests_check_deadlines"][1] > 0


def test_the_scheduler_finds_the_deadline_check():
    from alleyhub.notifications.scheduling import periodic_tasks

    jobs = {job.name: job for job in periodic_tasks()}
    assert jobs["requests_check_deadlines"].task is requests_check_deadlines
    assert jobs["requests_check_deadlines"].interval_minutes == 15


def test_the_last_day_shown_is_the_day_before_the_midnight_deadline(world):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 9, 30, 16, 0))
    assert str(req.accept_last_day) == "2026-10-08"
    assert str(current_deadline(req, at(2026, 10, 1)).last_day) == "2026-10-08"


def test_the_unit_is_warned_once_when_a_request_turns_yellow(world):
    from alleyhub.requests.services import requests_warn_due_soon

    start = at(2026, 11, 2, 0, 0)  # due at the end of Tuesday; yellow from 38h24m
    submit(org=world.ent, user=world.ent_user, now=start)
    assert requests_warn_due_soon(now=start + timedelta(hours=30)) == 0
    assert requests_warn_due_soon(now=start + timedelta(hours=40)) == 1
    assert requests_warn_due_soon(now=start + timedelta(hours=41)) == 0
    notes = Notification.objects.filter(code="requests.request.due_soon")
    assert list(notes.values_list("recipient__username", flat=True)) == ["kewei-staff"]
    assert "2026-11-03" in notes.get().body


def test_a_worker_that_dies_mid_run_loses_no_escalation_and_repeats_none(world):
    from django.db import transaction

    first = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 2, 9))
    second = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 3, 9))
    requests_escalate_overdue(now=at(2026, 11, 4, 9))  # only the first is overdue yet
    # The next run dies before its work is committed: nothing of it survives...
    with pytest.raises(RuntimeError), transaction.atomic():
        requests_escalate_overdue(now=at(2026, 11, 5, 9))
        raise RuntimeError("worker killed")
    assert list(Escalation.objects.values_list("request_id", flat=True)) == [first.pk]
    # ...and the rerun does it, without repeating the first one.
    assert [e.request for e in requests_escalate_overdue(now=at(2026, 11, 5, 9))] == [second]
    escalated = Notification.objects.filter(recipient=world.lead, code="requests.request.escalated")
    assert sorted(escalated.values_list("target_id", flat=True)) == sorted([str(first.pk), str(second.pk)])
