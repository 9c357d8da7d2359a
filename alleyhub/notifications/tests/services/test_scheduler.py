from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alleyhub.notifications import services
from alleyhub.notifications.scheduling import enqueue_periodic, periodic_tasks
from alleyhub.notifications.tests.factories import NotificationFactory

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
    last_run: dict = {}
    first = enqueue_periodic(now=1000.0, last_run=last_run)
    again = enqueue_periodic(now=1000.0 + 5 * 60, last_run=last_run)  # five minutes later
    later = enqueue_periodic(now=1000.0 + 16 * 60, last_run=last_run)
    assert "alleyhub.requests.tasks.requests_check_deadlines" in first  # every 15 minutes
    assert "alleyhub.requests.tasks.requests_check_deadlines" not in again
    assert "alleyhub.brokerage.tasks.send_case_reminders" in again  # every round
    assert "alleyhub.requests.tasks.requests_check_deadlines" in later


def test_with_the_database_backend_a_stopped_worker_does_not_come_back_to_duplicates(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    NotificationFactory(email_state="pending")
    later = timezone.now() + timedelta(minutes=5)

    assert services.emails_retry_stuck(now=later) == 1
    assert services.emails_retry_stuck(now=later) == 0  # still waiting for the worker
    call_command("scheduler", "--once", stdout=StringIO())
    call_command("scheduler", "--once", stdout=StringIO())

    paths = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert paths.count("alleyhub.notifications.delivery.send_notification_email") == 1
    assert paths.count("alleyhub.brokerage.tasks.send_case_reminders") == 1
