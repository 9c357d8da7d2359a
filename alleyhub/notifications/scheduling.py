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
