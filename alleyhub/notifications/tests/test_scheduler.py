from io import StringIO

import pytest
from django.core.management import call_command

from alleyhub.notifications.scheduling import periodic_tasks

pytestmark = pytest.mark.django_db


def test_every_apps_periodic_tasks_are_found():
    paths = {t.module_path for t in periodic_tasks()}
    assert {
        "alleyhub.brokerage.tasks.send_case_reminders",
        "alleyhub.notifications.tasks.send_daily_digests",
        "alleyhub.notifications.tasks.retry_stuck_emails",
    } <= paths


def test_scheduler_once_enqueues_one_round():
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert f"已排队 {len(periodic_tasks())} 个任务" in out.getvalue()


def test_run_scheduled_jobs_runs_each_task_in_process():
    out = StringIO()
    call_command("run_scheduled_jobs", stdout=out)
    assert "alleyhub.brokerage.tasks.send_case_reminders: {'reminded': 0, 'escalated': 0}" in out.getvalue()


def test_tasks_with_their_own_interval_wait_for_it():
    from alleyhub.notifications.scheduling import enqueue_periodic

    last_run: dict = {}
    first = enqueue_periodic(now=1000.0, last_run=last_run)
    again = enqueue_periodic(now=1000.0 + 5 * 60, last_run=last_run)  # five minutes later
    later = enqueue_periodic(now=1000.0 + 16 * 60, last_run=last_run)
    assert "alleyhub.requests.tasks.requests_check_deadlines" in first  # every 15 minutes
    assert "alleyhub.requests.tasks.requests_check_deadlines" not in again
    assert "alleyhub.brokerage.tasks.send_case_reminders" in again  # every round
    assert "alleyhub.requests.tasks.requests_check_deadlines" in later
