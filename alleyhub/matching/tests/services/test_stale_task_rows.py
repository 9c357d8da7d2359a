"""Task rows a killed worker left "running" (django-tasks-db never looks at them again) are swept
by the scheduler: marked failed after TASKS_STALE_AFTER_MINUTES, and the idempotent tasks
(`RERUN_AFTER_CRASH`) are enqueued again with the same arguments. The end-to-end `kill -9` case is
in test_embedding_worker_crash.py."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alleyhub.matching.tasks import refresh_matches
from alleyhub.notifications.delivery import send_notification_email
from alleyhub.notifications.scheduling import sweep_stale_running

pytestmark = pytest.mark.django_db


@pytest.fixture
def db_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_STALE_AFTER_MINUTES = 30


def _running(task, *args, minutes_ago: float) -> DBTaskResult:
    result = task.enqueue(*args)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=minutes_ago), worker_ids=["gone"]
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_a_row_running_past_the_timeout_is_failed_and_an_idempotent_task_runs_again(db_backend):
    lost = _running(refresh_matches, "outcome", 42, minutes_ago=31)

    assert sweep_stale_running() == {"failed": 1, "rerun": 1}

    lost.refresh_from_db()
    assert lost.status == "FAILED" and lost.finished_at is not None
    assert lost.exception_class_path == "alleyhub.notifications.scheduling.WorkerLost"
    again = DBTaskResult.objects.exclude(pk=lost.pk).get()
    assert again.status == "READY" and again.task_path == lost.task_path
    assert again.args_kwargs["args"] == ["outcome", 42]
    # A second sweep finds nothing: the row is not re-run twice.
    assert sweep_stale_running() == {"failed": 0, "rerun": 0}


def test_a_task_still_within_the_timeout_is_left_running(db_backend):
    busy = _running(refresh_matches, "outcome", 1, minutes_ago=29)
    assert sweep_stale_running() == {"failed": 0, "rerun": 0}
    busy.refresh_from_db()
    assert busy.status == "RUNNING"


def test_a_task_that_is_not_idempotent_is_only_marked_failed(db_backend):
    # E-mails have their own claim recovery (retry_stuck_emails): enqueuing the row again here
    # could send one twice.
    lost = _running(send_notification_email, 7, minutes_ago=120)
    assert sweep_stale_running() == {"failed": 1, "rerun": 0}
    lost.refresh_from_db()
    assert lost.status == "FAILED"
    assert DBTaskResult.objects.count() == 1


def test_the_scheduler_round_sweeps_and_says_so(db_backend):
    _running(refresh_matches, "demand", 3, minutes_ago=60)
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert "1 个任务的进程已中断：标为失败，其中 1 个重新排队" in out.getvalue()
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()


def test_finished_rows_are_never_touched(db_backend):
    done = _running(refresh_matches, "outcome", 5, minutes_ago=90)
    DBTaskResult.objects.filter(pk=done.pk).update(status="SUCCESSFUL", finished_at=timezone.now())
    assert sweep_stale_running() == {"failed": 0, "rerun": 0}
    assert DBTaskResult.objects.get(pk=done.pk).status == "SUCCESSFUL"


def test_other_backends_are_left_alone(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert sweep_stale_running() == {"failed": 0, "rerun": 0}
