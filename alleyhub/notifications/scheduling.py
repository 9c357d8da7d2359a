"""Periodic background work. Each app lists its periodic tasks in `<app>/tasks.py`:

    PERIODIC_TASKS = [task_a, ("task_b", task_b, 15)]

either a task (run every round of the scheduler) or a tuple (name, task, interval in minutes).
`manage.py scheduler` enqueues them and the task worker (`manage.py db_worker`, or the
Redis-backed worker in production) runs them. Every periodic task must be safe to run twice
(reminders, escalations and digests are keyed so that a rerun repeats nothing)."""

import logging
import time
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django_tasks import task_backends
from django_tasks.base import Task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Task
    interval_minutes: float | None  # None: every round

    @property
    def module_path(self) -> str:
        return self.task.module_path


def periodic_tasks() -> list[Periodic]:
    found: list[Periodic] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("alleyhub."):
            continue
        try:
            module = import_module(f"{config.name}.tasks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tasks":
                raise
            continue
        for entry in getattr(module, "PERIODIC_TASKS", []):
            if isinstance(entry, tuple):
                name, task, interval = entry
                found.append(Periodic(name=name, task=task, interval_minutes=interval))
            else:
                found.append(Periodic(name=entry.module_path, task=entry, interval_minutes=None))
    return found


def waiting_args(task) -> list | None:
    """With the database backend, the argument lists of this task's runs that have not started
    yet (None with other backends, which cannot tell)."""
    if not type(task_backends[task.backend]).__module__.startswith("django_tasks_db"):
        return None
    # Imported here: only installations that use the database backend have this app's models.
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path=task.module_path, status="READY").values_list(
        "args_kwargs", flat=True
    )
    return [(row or {}).get("args", []) for row in rows[:10000]]


def _already_waiting(task) -> bool:
    """Skip a task whose previous run has not started yet, so a stopped worker does not come
    back to a pile of identical jobs."""
    return bool(waiting_args(task))


def enqueue_periodic(*, now: float | None = None, last_run: dict | None = None) -> list[str]:
    """Enqueue every periodic task that is due. `last_run` (name → monotonic seconds) is kept by
    the caller between rounds; without it everything is due."""
    now = time.monotonic() if now is None else now
    enqueued = []
    for job in periodic_tasks():
        if last_run is not None and job.interval_minutes and job.name in last_run:
            if now - last_run[job.name] < job.interval_minutes * 60:
                continue
        if last_run is not None:
            last_run[job.name] = now
        if _already_waiting(job.task):
            continue
        job.task.enqueue()
        enqueued.append(job.module_path)
    return enqueued


def run_periodic_now() -> dict:
    """Run every periodic task in this process (for cron or by hand)."""
    return {job.module_path: job.task.call() for job in periodic_tasks()}


# --- Rows a killed worker left "running" -------------------------------------------------------
#
# django-tasks-db marks a row RUNNING when a worker claims it and never looks at it again: after
# `kill -9` (or the machine going down) the row stays RUNNING for ever, and nothing runs it. Every
# scheduler round (also `scheduler --once` when the site comes back) sweeps rows RUNNING for longer
# than TASKS_STALE_AFTER_MINUTES: they are marked FAILED (WorkerLost), and the tasks an app lists
# in `RERUN_AFTER_CRASH` (in its tasks.py; tasks that are safe to run twice with the same
# arguments) are enqueued again with the same arguments. The others are not re-run here on
# purpose: periodic tasks come back with the scheduler's next round anyway, notification e-mails
# have their own claim recovery (`retry_stuck_emails`), and a data export is only ever built once.
# The timeout must be longer than any task legitimately runs; a row swept too early is at worst
# run twice, which is why only idempotent tasks are re-enqueued.

STALE_AFTER_MINUTES_DEFAULT = 30


class WorkerLost(Exception):
    """Recorded as the failure of a task row whose worker disappeared while running it."""


def rerun_after_crash_paths() -> set[str]:
    paths: set[str] = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("alleyhub."):
            continue
        try:
            module = import_module(f"{config.name}.tasks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tasks":
                raise
            continue
        paths.update(t.module_path for t in getattr(module, "RERUN_AFTER_CRASH", []))
    return paths


def sweep_stale_running(*, now=None, stale_after_minutes: float | None = None) -> dict:
    """Mark task rows RUNNING for longer than the timeout as failed and re-enqueue the idempotent
    ones; returns {"failed": n, "rerun": m}. Does nothing with backends other than the database one."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS

    if not type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__module__.startswith("django_tasks_db"):
        return {"failed": 0, "rerun": 0}
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if stale_after_minutes is None:
        stale_after_minutes = getattr(settings, "TASKS_STALE_AFTER_MINUTES", STALE_AFTER_MINUTES_DEFAULT)
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=stale_after_minutes)
    rerun_paths = rerun_after_crash_paths()
    failed = rerun = 0
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    for row in stale.only("id", "task_path", "args_kwargs", "queue_name", "priority"):
        # Conditional on the row still being RUNNING: a worker that was only slow and finished
        # meanwhile keeps its result, and two sweeps never re-run the same row twice.
        taken = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"WorkerLost: still running after {stale_after_minutes:g} minutes; its worker is gone\n",
        )
        if not taken:
            continue
        failed += 1
        if row.task_path in rerun_paths:
            task = row.task.using(queue_name=row.queue_name, priority=row.priority)
            args_kwargs = row.args_kwargs or {}
            task.enqueue(*args_kwargs.get("args", []), **args_kwargs.get("kwargs", {}))
            rerun += 1
        logger.warning(
            "task %s (%s) was left running by a lost worker: marked failed%s",
            row.pk,
            row.task_path,
            ", enqueued again" if row.task_path in rerun_paths else "",
        )
    return {"failed": failed, "rerun": rerun}
